// The import wizard (upload → mapping and dry run → report on the map → commit) and the export form.
import { api, ApiError, csrf } from './api.js';
import { t, lang } from './i18n.js';
import { esc, num } from './format.js';

const L = window.L;
const STATUS_COLORS = { accepted: '#2e7d32', repaired: '#ef6c00', rejected: '#c62828' };
const CRS_CHOICES = [['', 'crsFromFile'], ['4490', 'EPSG:4490 CGCS2000'], ['4326', 'EPSG:4326 WGS84'], ['4546', 'EPSG:4546 (37)'], ['4547', 'EPSG:4547 (38)'],
  ['4548', 'EPSG:4548 (39)'], ['4525', 'EPSG:4525 (37+)'], ['4526', 'EPSG:4526 (38+)'], ['4527', 'EPSG:4527 (39+)']];

/** The variant of a finding's text: the same code says different things with different values (ImportSql.findings). */
function findingVariant(x) {
  if (x.code === 'GEOMETRY_EMPTY' && x.afterRepair) return '_after';
  if (x.code === 'OUTSIDE_CLUSTER' && x.areaM2 != null) return '_area';
  if (x.code === 'OUT_OF_SCOPE') return x.of === 'parcel' ? '_parcel' : '_cluster';
  if (x.code === 'OVERLAP_IN_FILE' && x.otherCode) return '_code';
  if (x.code === 'OVERLAP' && !x.otherCode) return '_hidden';
  if (x.code === 'LAND_USE_UNKNOWN' && x.value == null) return '_none';
  return '';
}

/** A finding of the report, or a warning of the job, in the user's language; the server's own text for a code this page does not know. */
export function findingText(x) {
  const key = `imp_${x.code}${findingVariant(x)}`;
  const text = t(key, x);
  return text === key ? x.message : text;
}

function crsOptions(selected) {
  return CRS_CHOICES.map(([v, label]) => `<option value="${v}"${String(selected || '') === v ? ' selected' : ''}>${esc(label.startsWith('EPSG') ? label : t(label))}</option>`).join('');
}

function clusterOptions(clusters, selected) {
  const en = lang() === 'en';
  return `<option value="">${esc(t('clusterFromGeometry'))}</option>` + clusters.map((c) =>
    `<option value="${Number(c.id)}"${Number(selected) === Number(c.id) ? ' selected' : ''}>${esc(en ? c.properties.nameEn : c.properties.name)}</option>`).join('');
}

/**
 * Runs the wizard in the side panel. ctx: {panel(html), map, clusters (features), landUse, notify(text, bad), onCommitted()}.
 */
export function startImport(ctx) {
  let overlay = null;
  const fail = (e) => ctx.notify(e instanceof ApiError ? `${e.message}` : String(e.message || e), true);
  const clearOverlay = () => { if (overlay) { overlay.remove(); overlay = null; } };

  const p = ctx.panel(`<h2>${esc(t('importTitle'))}</h2><form class="form" id="import-upload">
    <label><span>${esc(t('importFile'))}</span><input type="file" name="file" accept=".zip,.gpkg,.geojson,.json,.dxf,.kml,.txt" required></label>
    <label><span>${esc(t('cluster'))}</span><select name="cluster">${clusterOptions(ctx.clusters)}</select></label>
    <label><span>${esc(t('encoding'))}</span><select name="encoding"><option value="">${esc(t('encodingAuto'))}</option><option>GBK</option><option>UTF-8</option><option>GB18030</option></select></label>
    <label><span>${esc(t('sourceCrs'))}</span><select name="crs">${crsOptions('')}</select></label>
    <div class="actions"><button type="submit" class="primary">${esc(t('upload'))}</button></div></form><div id="import-step"></div>`);
  p.querySelector('#import-upload').onsubmit = async (e) => {
    e.preventDefault();
    const f = e.target;
    const file = f.file.files[0];
    if (!file) return;
    const q = new URLSearchParams({ name: file.name });
    if (f.cluster.value) q.set('cluster', f.cluster.value);
    if (f.encoding.value) q.set('encoding', f.encoding.value);
    if (f.crs.value) q.set('crs', `EPSG:${f.crs.value}`);
    try {
      const res = await fetch(`/api/imports?${q}`, { method: 'POST', body: file, headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/octet-stream' }, credentials: 'same-origin' });
      const data = await res.json();
      if (!res.ok) throw new ApiError(res.status, data);
      mappingStep(data, f.cluster.value, f.crs.value || (data.crs && data.crs.ok ? '' : String(data.crs && data.crs.guess ? data.crs.guess : '')));
    } catch (err) { fail(err); }
  };

  function mappingStep(job, cluster, crsChoice) {
    const step = document.getElementById('import-step');
    const fields = job.inspection.fields || [];
    const crs = job.crs || {};
    const rows = job.targets.map((tg) => `<label><span>${esc(t(`target_${tg}`))}</span><select name="map_${tg}">
      <option value="">—</option>${fields.map((fl) => `<option${job.mapping[tg] === fl ? ' selected' : ''}>${esc(fl)}</option>`).join('')}</select></label>`).join('');
    const lu = ctx.landUse.map((c) => `<option value="${esc(`${c.scheme}|${c.code}`)}">${esc(c.code)} ${esc(lang() === 'en' ? c.nameEn : c.name)} (${esc(c.scheme)})</option>`).join('');
    step.innerHTML = `<h3>${esc(job.fileName)} · ${esc(job.format)} · ${Number(job.inspection.featureCount)} ${esc(t('features'))}</h3>
      <p class="${crs.ok ? 'ok' : 'warn'}" id="crs-note">${esc(crs.reason || '')}</p>
      <p><small>${esc(t('encoding'))}: ${esc(job.encoding || 'UTF-8')} (${esc(job.inspection.encodingFrom)})${job.inspection.mappingSaved ? ` · ${esc(t('mappingSaved'))}` : ''}</small></p>
      <form class="form" id="import-check">
        <label><span>${esc(t('sourceCrs'))}</span><select name="crs">${crsOptions(crsChoice)}</select></label>
        <label><span>${esc(t('cluster'))}</span><select name="cluster">${clusterOptions(ctx.clusters, cluster)}</select></label>
        ${rows}
        <label><span>${esc(t('defaultLandUse'))}</span><select name="defaultLandUse"><option value="">—</option>${lu}</select></label>
        <label><span>${esc(t('areaUnit'))}</span><select name="areaUnit"><option value="">${esc(t('auto'))}</option><option value="m2">m²</option><option value="mu">亩</option><option value="ha">公顷</option></select></label>
        <div class="actions"><button type="submit" class="primary" id="btn-dry-run">${esc(t('dryRun'))}</button></div>
      </form><div id="import-report"></div>`;
    step.querySelector('#import-check').onsubmit = async (e) => {
      e.preventDefault();
      const f = e.target;
      const mapping = {};
      for (const tg of job.targets) if (f[`map_${tg}`].value) mapping[tg] = f[`map_${tg}`].value;
      const body = { mapping };
      if (f.crs.value) body.crs = `EPSG:${f.crs.value}`;
      if (f.cluster.value) body.clusterId = Number(f.cluster.value);
      if (f.defaultLandUse.value) body.defaultLandUse = f.defaultLandUse.value;
      if (f.areaUnit.value) body.areaUnit = f.areaUnit.value;
      try {
        const { data } = await api(`/api/imports/${job.id}/check`, { method: 'POST', body });
        await reportStep(data);
      } catch (err) {
        if (err instanceof ApiError && err.details[0] && err.details[0].guess) f.crs.value = String(err.details[0].guess);
        fail(err);
      }
    };
  }

  async function reportStep(job) {
    const box = document.getElementById('import-report');
    const c = job.counts;
    const { data: fc } = await api(`/api/imports/${job.id}/features`);
    clearOverlay();
    overlay = L.geoJSON(fc, {
      style: (f) => ({ color: STATUS_COLORS[f.properties.status], weight: 2, fillOpacity: 0.25 }),
      onEachFeature: (f, l) => l.bindTooltip(() => `#${Number(f.properties.fid)} ${esc(f.properties.code || '')}<br>${
        [...f.properties.problems, ...f.properties.repairs, ...f.properties.warnings].map((x) => esc(findingText(x))).join('<br>')}`),
    }).addTo(ctx.map);
    if (fc.features.length) ctx.map.fitBounds(overlay.getBounds(), { maxZoom: 18, animate: false });
    const lines = fc.features.filter((f) => f.properties.status !== 'accepted' || f.properties.warnings.length).map((f) => `<li data-fid="${Number(f.id)}">
      <b>#${Number(f.properties.fid)}</b> <span style="color:${STATUS_COLORS[f.properties.status]}">${esc(t(`status_${f.properties.status}`))}</span> ${esc(f.properties.code || '')}<br>
      <small>${[...f.properties.problems, ...f.properties.repairs, ...f.properties.warnings].map((x) => esc(findingText(x))).join('<br>')}</small></li>`).join('');
    box.innerHTML = `<h3>${esc(t('dryRunResult'))}</h3>
      <p id="import-counts">${esc(t('status_accepted'))} ${Number(c.accepted)} · ${esc(t('status_repaired'))} ${Number(c.repaired)} · ${esc(t('status_rejected'))} ${Number(c.rejected)}
      · ${esc(t('actionNew'))} ${Number(c.new)} · ${esc(t('actionUpdate'))} ${Number(c.update)}</p>
      ${job.warnings.map((w) => `<p class="warn">${esc(findingText(w))}</p>`).join('')}
      <p><a href="/api/imports/${Number(job.id)}/report.csv?lang=${lang()}">CSV</a> · <a href="/api/imports/${Number(job.id)}/report.xlsx?lang=${lang()}">XLSX</a></p>
      <ul class="list" id="import-lines">${lines}</ul>
      <div class="actions"><button type="button" class="primary" id="btn-commit-all" ${c.rejected > 0 ? 'disabled' : ''}>${esc(t('commitAll'))}</button>
      <button type="button" id="btn-commit-accepted" ${c.accepted + c.repaired === 0 ? 'disabled' : ''}>${esc(t('commitAccepted'))}</button></div>`;
    box.querySelectorAll('li[data-fid]').forEach((li) => {
      li.onclick = () => overlay.eachLayer((l) => { if (String(l.feature.id) === li.dataset.fid) { ctx.map.fitBounds(l.getBounds(), { maxZoom: 19 }); l.openTooltip(); } });
    });
    const commit = async (mode) => {
      try {
        const { data } = await api(`/api/imports/${job.id}/commit`, { method: 'POST', body: { mode } });
        clearOverlay();
        ctx.notify(`${t('committed')}: ${Number(data.counts.created)} + ${Number(data.counts.updated)}`);
        box.innerHTML = `<p class="ok" id="import-done">${esc(t('committed'))}: ${esc(t('actionNew'))} ${Number(data.counts.created)} · ${esc(t('actionUpdate'))} ${Number(data.counts.updated)}</p>`;
        ctx.onCommitted();
      } catch (err) { fail(err); }
    };
    box.querySelector('#btn-commit-all').onclick = () => commit('all');
    box.querySelector('#btn-commit-accepted').onclick = () => commit('accepted');
  }
}

/** The export form: format, CRS, cluster, as-of date → a download link. */
export function startExport(ctx) {
  const p = ctx.panel(`<h2>${esc(t('exportTitle'))}</h2><form class="form" id="export-form">
    <label><span>${esc(t('format'))}</span><select name="format"><option value="gpkg">GeoPackage</option><option value="shp">Shapefile (zip)</option>
      <option value="geojson">GeoJSON</option><option value="dxf">DXF</option><option value="csv">CSV</option></select></label>
    <label><span>CRS</span><select name="crs">${CRS_CHOICES.filter(([v]) => v).map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join('')}</select></label>
    <label><span>${esc(t('cluster'))}</span><select name="cluster">${clusterOptions(ctx.clusters).replace(esc(t('clusterFromGeometry')), esc(t('allClusters')))}</select></label>
    <label><span>${esc(t('asOf'))}</span><input type="date" name="asOf"></label>
    <div class="actions"><a class="button primary" id="export-link" href="#">${esc(t('download'))}</a></div></form>`);
  const form = p.querySelector('#export-form');
  const link = p.querySelector('#export-link');
  const update = () => {
    const q = new URLSearchParams({ format: form.format.value, crs: `EPSG:${form.crs.value}` });
    if (form.cluster.value) q.set('cluster', form.cluster.value);
    if (form.asOf.value) q.set('asOf', form.asOf.value);
    link.href = `/api/exports/parcels?${q}`;
  };
  form.addEventListener('change', update);
  update();
}

export { num };
