// The register view (名录管理): clusters with their boundaries (drawn from a file through the import's CRS checks),
// the parks inside them, the enterprises (search, record, form) and the roster file from the development-reform or
// industry office (template, dry run row by row, commit).
import { api, csrf, ApiError } from './api.js';
import { t, lang } from './i18n.js';
import { esc, num } from './format.js';
import { createMap } from './map.js';

const L = window.L;
let v = null;

/** A problem of a row or a field in the interface's language: the rule's text when there is one, else the server's sentence. */
function problem(p) {
  const key = `rules.${p.rule}`;
  const text = p.rule ? t(key, p.params || {}) : key;
  return `${p.field ? `${p.field} ` : ''}${text === key ? p.message : text}`;
}

function errorText(e) {
  return e instanceof ApiError ? e.localized() : String(e.message || e);
}

/** Uploads a file as the raw body; resolves to the JSON answer or throws ApiError. */
async function upload(path, file) {
  const res = await fetch(path, { method: 'POST', body: file, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/octet-stream' } });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export async function renderRegistry(root, me, toast) {
  const [{ data: clusters }, { data: cities }, { data: kinds }, { data: mapCfg }] = await Promise.all([
    api('/api/clusters'), api('/api/cities'), api('/api/park-kinds'), api('/api/config')]);
  const en = lang() === 'en';
  v = { root, me, toast, en, clusters, cities, kinds, mapCfg, map: null, preview: null, offset: 0 };
  const mine = clusters.features.filter((c) => (me.clusters || []).includes(c.id));
  root.innerHTML = `<h2>${esc(t('regTitle'))}</h2>
    <h3>${esc(t('regClusters'))}</h3>
    <div class="table-wrap"><table class="grid" id="reg-clusters"><thead><tr><th>${esc(t('regCode'))}</th><th>${esc(t('regName'))}</th>
      <th>${esc(t('cityLabel'))}</th><th>${esc(t('regLevel'))}</th><th>${esc(t('regApprovedArea'))}</th><th></th></tr></thead><tbody>
      ${mine.map((c) => `<tr><td>${esc(c.properties.code)}</td><td>${esc(en ? c.properties.nameEn : c.properties.name)}</td>
        <td>${esc(en ? c.properties.cityNameEn : c.properties.cityName)}</td><td>${esc(t(`regLevel_${c.properties.level}`))}</td>
        <td>${c.properties.plannedAreaKm2 == null ? '' : `${num(c.properties.plannedAreaKm2, 2)} km²`}</td>
        <td><button type="button" class="link" data-cluster="${c.id}">${esc(t('regOpen'))}</button></td></tr>`).join('')}</tbody></table></div>
    ${me.canEditParcels ? `<button type="button" id="reg-new-cluster">${esc(t('regNewCluster'))}</button>` : ''}
    <div id="reg-cluster-detail"></div>
    <h3>${esc(t('regEnterprises'))}</h3>
    <form class="row" id="reg-ent-search"><label>${esc(t('cluster'))}<select name="cluster"><option value="">${esc(t('anyCluster'))}</option>
      ${mine.map((c) => `<option value="${c.id}">${esc(en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
      <label>${esc(t('regSearch'))}<input name="q" maxlength="60"></label><button type="submit">${esc(t('apply'))}</button>
      ${me.canEditIndicators ? `<button type="button" id="reg-new-ent">${esc(t('regNewEnterprise'))}</button>` : ''}</form>
    <div id="reg-ent-list"></div><div id="reg-ent-form"></div>
    ${me.canEditIndicators ? `<h3>${esc(t('regRoster'))}</h3>
      <p class="muted">${esc(t('regRosterHint'))}</p>
      <form class="row" id="reg-roster"><a class="button" href="/api/enterprise-imports/template.xlsx">${esc(t('template'))} XLSX</a>
        <a class="button" href="/api/enterprise-imports/template.csv">CSV</a>
        <label>${esc(t('chooseFile'))}<input type="file" name="file" id="reg-roster-file" accept=".xlsx,.csv"></label>
        <button type="submit">${esc(t('checkFile'))}</button></form><div id="reg-roster-result"></div>` : ''}`;
  root.querySelectorAll('[data-cluster]').forEach((b) => { b.onclick = () => openCluster(b.dataset.cluster); });
  const nc = root.querySelector('#reg-new-cluster');
  if (nc) nc.onclick = () => clusterForm(null);
  const search = root.querySelector('#reg-ent-search');
  search.onsubmit = (ev) => { ev.preventDefault(); v.offset = 0; listEnterprises(); };
  const ne = root.querySelector('#reg-new-ent');
  if (ne) ne.onclick = () => enterpriseForm(null);
  const roster = root.querySelector('#reg-roster');
  if (roster) roster.onsubmit = (ev) => { ev.preventDefault(); checkRoster(roster.file.files[0]); };
  listEnterprises();
}

// ---------- clusters and parks ----------

function clusterName(c) {
  return v.en ? (c.nameEn || c.name) : c.name;
}

async function openCluster(id) {
  const box = v.root.querySelector('#reg-cluster-detail');
  try {
    const { data: k, headers } = await api(`/api/clusters/${id}`);
    const { data: parks } = await api(`/api/parks?cluster=${id}`);
    box.innerHTML = `<div class="card"><h4>${esc(clusterName(k))} <small>${esc(k.code)} · v${k.version}</small></h4>
      <div class="reg-map" id="reg-map"></div>
      <dl class="kv"><dt>${esc(t('cityLabel'))}</dt><dd>${esc(k.cityName)} (${esc(k.cityCode)})</dd>
        <dt>${esc(t('regApprovedArea'))}</dt><dd>${k.plannedAreaKm2 == null ? '—' : `${num(k.plannedAreaKm2, 2)} km²`} · ${esc(t('regBoundaryArea'))} ${num(k.boundaryAreaKm2, 2)} km²</dd>
        <dt>${esc(t('regIndustries'))}</dt><dd>${esc((k.leadingIndustries || []).join('、') || '—')}</dd>
        <dt>${esc(t('regChemical'))}</dt><dd>${esc(k.chemicalLed ? t('regChemicalLed') : '')} ${esc(k.chemicalPark ? t('regChemicalPark') : '')}</dd>
        <dt>${esc(t('parcels'))}</dt><dd>${k.parcels}</dd><dt>${esc(t('enterprises'))}</dt><dd>${k.enterprises}</dd></dl>
      ${k.outsideParcels.length ? `<p class="warn">${esc(t('regOutsideFlagged', { n: k.outsideParcels.length }))}
        ${k.outsideParcels.map((p) => `${esc(p.code)} (${num(p.outsideM2, 0)} m²)`).join('、')}</p>` : ''}
      <h4>${esc(t('regParks'))}</h4>
      <table class="grid"><thead><tr><th>${esc(t('regCode'))}</th><th>${esc(t('regName'))}</th><th>${esc(t('regKind'))}</th><th>${esc(t('areaMu'))}</th>
        <th>${esc(t('parcels'))}</th><th>${esc(t('enterprises'))}</th><th>${esc(t('regTaxPerMu'))}</th><th>${esc(t('regLowEffMu'))}</th></tr></thead><tbody>
        ${parks.map((p) => `<tr><td>${esc(p.code)}</td><td>${esc(v.en ? (p.nameEn || p.name) : p.name)}</td><td>${esc(v.en ? p.kindNameEn : p.kindName)}</td>
          <td>${num(p.areaMu, 0)}</td><td>${p.summary.parcels}</td><td>${p.summary.enterprises}</td>
          <td>${p.summary.taxPerMu == null ? '—' : num(p.summary.taxPerMu, 2)}</td><td>${num(p.summary.lowEfficiencyMu, 1)}</td></tr>`).join('')
          || `<tr><td colspan="8">${esc(t('regNoParks'))}</td></tr>`}</tbody></table>
      ${v.me.canEditParcels ? `<div class="form actions"><button type="button" id="reg-edit-cluster">${esc(t('edit'))}</button>
        <button type="button" id="reg-new-park">${esc(t('regNewPark'))}</button></div>` : ''}
      <div id="reg-cluster-form"></div></div>`;
    if (v.map) v.map.remove();
    v.map = createMap('reg-map', v.mapCfg);
    const layer = L.geoJSON(k.geometry, { style: { color: '#c62828', weight: 2, fillOpacity: 0.05 } }).addTo(v.map);
    for (const p of parks) L.geoJSON(p.geometry || null).addTo(v.map);
    v.map.fitBounds(layer.getBounds(), { animate: false });
    const edit = box.querySelector('#reg-edit-cluster');
    if (edit) edit.onclick = () => clusterForm(k, headers.get('ETag'));
    const np = box.querySelector('#reg-new-park');
    if (np) np.onclick = () => parkForm(k);
  } catch (e) { box.innerHTML = `<p class="error">${esc(errorText(e))}</p>`; }
}

/** The map a form draws on and previews in: the open cluster's, or one of the form's own (a new cluster). */
function formMap(form) {
  const own = form.querySelector('.reg-form-map');
  if (own && !own.dataset.ready) {
    own.hidden = false;
    own.dataset.ready = '1';
    if (v.map) v.map.remove();
    v.map = createMap(own, v.mapCfg);
  }
  return v.map;
}

/**
 * The boundary row of a form: an outline drawn on the map, or read from a file through /api/boundary-files (the
 * import's formats and CRS checks); either is kept in {@code out} for saving and shown on the map.
 */
function boundaryInput(form, out) {
  const show = (geometry) => {
    const map = formMap(form);
    if (v.preview) v.preview.remove();
    v.preview = L.geoJSON(geometry, { style: { color: '#1565c0', dashArray: '4 4', weight: 2 } }).addTo(map);
    map.fitBounds(v.preview.getBounds(), { animate: false });
  };
  form.querySelector('.reg-draw').onclick = () => {
    const map = formMap(form);
    const note = form.querySelector('.boundary-note');
    note.textContent = t('regDrawHint');
    map.pm.enableDraw('Polygon', { allowSelfIntersection: false, finishOn: 'dblclick' });
    map.once('pm:create', (e) => {
      out.geometry = e.layer.toGeoJSON().geometry;
      e.layer.remove();
      map.pm.disableDraw();
      show(out.geometry);
      note.textContent = t('regDrawn');
    });
  };
  form.querySelector('[name=boundaryFile]').onchange = async (ev) => {
    const file = ev.target.files[0];
    const note = form.querySelector('.boundary-note');
    out.geometry = null;
    if (!file) return;
    note.textContent = t('regReading');
    const crs = form.querySelector('[name=crs]').value.trim().replace(/^EPSG:/i, '');
    try {
      const o = await upload(`/api/boundary-files?name=${encodeURIComponent(file.name)}${crs ? `&crs=${crs}` : ''}`, file);
      out.geometry = o.geometry;
      note.textContent = t('regBoundaryRead', { features: o.features, area: num(o.areaKm2, 2), srid: o.srid });
      show(o.geometry);
    } catch (e) { note.textContent = errorText(e); }
  };
}

const BOUNDARY_ROW = (ownMap) => `${ownMap ? '<div class="reg-map reg-form-map" hidden></div>' : ''}
  <button type="button" class="reg-draw">${esc(t('regDraw'))}</button> <label>${esc(t('regBoundaryFile'))}<input type="file" name="boundaryFile" accept=".zip,.gpkg,.geojson,.json,.dxf,.kml,.txt"></label>
  <label>${esc(t('sourceCrs'))}<input name="crs" placeholder="${esc(t('crsFromFile'))}" inputmode="numeric" size="8"></label><span class="boundary-note muted"></span>`;

function clusterForm(k, etag) {
  const box = k ? v.root.querySelector('#reg-cluster-form') : v.root.querySelector('#reg-cluster-detail');
  const out = { geometry: null };
  const city = (c) => `<option value="${esc(c.code)}" ${k && k.cityCode === c.code ? 'selected' : ''}>${esc(c.code)} ${esc(v.en ? c.nameEn : c.name)}</option>`;
  box.innerHTML = `<form class="form" id="reg-cluster-edit"><h4>${esc(k ? t('regEditCluster') : t('regNewCluster'))}</h4>
    <label>${esc(t('regCode'))}<input name="code" value="${esc(k ? k.code : '')}" ${k ? 'disabled' : 'required'} maxlength="20"></label>
    <label>${esc(t('regName'))}<input name="name" value="${esc(k ? k.name : '')}" required maxlength="100"></label>
    <label>${esc(t('regNameEn'))}<input name="nameEn" value="${esc(k ? k.nameEn : '')}" maxlength="200"></label>
    <label>${esc(t('cityLabel'))}<select name="cityCode">${v.cities.map(city).join('')}</select></label>
    <label>${esc(t('regLevel'))}<select name="level">${['provincial', 'national', 'other'].map((l) => `<option value="${l}" ${k && k.level === l ? 'selected' : ''}>${esc(t(`regLevel_${l}`))}</option>`).join('')}</select></label>
    <label>${esc(t('regApprovedArea'))} (km²)<input name="plannedAreaKm2" type="number" step="0.01" min="0" value="${k && k.plannedAreaKm2 != null ? k.plannedAreaKm2 : ''}"></label>
    <label>${esc(t('regIndustries'))}<input name="leadingIndustries" value="${esc(k ? (k.leadingIndustries || []).join(',') : '')}" placeholder="${esc(t('regIndustriesExample'))}"></label>
    <label><input type="checkbox" name="chemicalLed" ${k && k.chemicalLed ? 'checked' : ''}> ${esc(t('regChemicalLed'))}</label>
    <label><input type="checkbox" name="chemicalPark" ${k && k.chemicalPark ? 'checked' : ''}> ${esc(t('regChemicalPark'))}</label>
    ${BOUNDARY_ROW(!k)}
    ${k ? `<label>${esc(t('regOutsideChoice'))}<select name="outsideParcels"><option value="refuse">${esc(t('regOutsideRefuse'))}</option>
      <option value="flag">${esc(t('regOutsideFlag'))}</option></select></label>` : ''}
    <label>${esc(t('reason'))}<input name="reason" maxlength="500"></label>
    <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button> <span class="form-error error" role="alert"></span></div></form>`;
  const form = box.querySelector('form');
  boundaryInput(form, out);
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const body = { name: form.name.value.trim(), nameEn: form.nameEn.value.trim(), cityCode: form.cityCode.value, level: form.level.value,
      plannedAreaKm2: form.plannedAreaKm2.value === '' ? null : Number(form.plannedAreaKm2.value),
      leadingIndustries: form.leadingIndustries.value.split(/[,，、\s]+/).filter(Boolean),
      chemicalLed: form.chemicalLed.checked, chemicalPark: form.chemicalPark.checked };
    if (form.reason.value.trim()) body.reason = form.reason.value.trim();
    if (out.geometry) body.boundary = out.geometry;
    const err = form.querySelector('.form-error');
    try {
      if (k) {
        if (form.outsideParcels) body.outsideParcels = form.outsideParcels.value;
        await api(`/api/clusters/${k.id}`, { method: 'PATCH', body, headers: { 'If-Match': etag } });
        v.toast(t('offeringSaved'));
        openCluster(k.id);
      } else {
        body.code = form.code.value.trim().toUpperCase();
        const { data } = await api('/api/clusters', { method: 'POST', body });
        v.toast(t('regClusterCreated', { code: data.code }));
        await renderRegistry(v.root, v.me, v.toast);
        openCluster(data.id);
      }
    } catch (e) {
      const list = e instanceof ApiError && e.code === 'LEFT_OUTSIDE' && e.details[0] && e.details[0].parcels
        ? `: ${e.details[0].parcels.slice(0, 10).map((p) => `${p.code} (${num(p.outsideM2, 0)} m²)`).join('、')}` : '';
      err.textContent = errorText(e) + list;
    }
  };
}

function parkForm(k) {
  const box = v.root.querySelector('#reg-cluster-form');
  const out = { geometry: null };
  box.innerHTML = `<form class="form"><h4>${esc(t('regNewPark'))} · ${esc(clusterName(k))}</h4>
    <label>${esc(t('regCode'))}<input name="code" required maxlength="20" placeholder="${esc(t('regParkCodeExample', { code: k.code }))}"></label>
    <label>${esc(t('regName'))}<input name="name" required maxlength="100"></label>
    <label>${esc(t('regKind'))}<select name="kind">${v.kinds.map((x) => `<option value="${esc(x.code)}">${esc(v.en ? x.nameEn : x.name)}</option>`).join('')}</select></label>
    <label>${esc(t('regOperator'))}<input name="operator" maxlength="200"></label>
    ${BOUNDARY_ROW(false)}
    <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button> <span class="form-error error" role="alert"></span></div></form>`;
  const form = box.querySelector('form');
  boundaryInput(form, out);
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const err = form.querySelector('.form-error');
    if (!out.geometry) { err.textContent = t('regBoundaryNeeded'); return; }
    try {
      await api('/api/parks', { method: 'POST', body: { clusterId: k.id, code: form.code.value.trim().toUpperCase(), name: form.name.value.trim(),
        kind: form.kind.value, operator: form.operator.value.trim(), boundary: out.geometry } });
      v.toast(t('offeringSaved'));
      openCluster(k.id);
    } catch (e) { err.textContent = errorText(e); }
  };
}

// ---------- enterprises ----------

const STATUSES = ['operating', 'suspended', 'deregistered', 'merged'];

async function listEnterprises() {
  const f = v.root.querySelector('#reg-ent-search');
  const box = v.root.querySelector('#reg-ent-list');
  const q = new URLSearchParams({ limit: '50', offset: String(v.offset) });
  if (f.cluster.value) q.set('cluster', f.cluster.value);
  if (f.q.value.trim()) q.set('q', f.q.value.trim());
  try {
    const { data } = await api(`/api/enterprises?${q}`);
    box.innerHTML = `<p class="muted">${esc(t('regMatched', { n: data.numberMatched, from: data.numberMatched ? v.offset + 1 : 0, to: v.offset + data.items.length }))}</p>
      <table class="grid"><thead><tr><th>${esc(t('creditCode'))}</th><th>${esc(t('regName'))}</th><th>${esc(t('regIndustry'))}</th><th>${esc(t('regSize'))}</th>
        <th>${esc(t('status'))}</th><th>${esc(t('cluster'))}</th><th></th></tr></thead><tbody>
        ${data.items.map((e) => `<tr><td>${esc(e.creditCode)}</td><td>${esc(e.name)}</td><td>${esc(e.industryCode)}</td><td>${esc(t(`regSize_${e.sizeClass}`))}</td>
          <td>${esc(t(`regStatus_${e.status}`))}</td><td>${esc(e.clusterName)}</td>
          <td>${v.me.canEditIndicators ? `<button type="button" class="link" data-ent="${e.id}">${esc(t('edit'))}</button>` : ''}</td></tr>`).join('')}</tbody></table>
      <div class="actions"><button type="button" id="reg-prev" ${v.offset === 0 ? 'disabled' : ''}>‹</button>
        <button type="button" id="reg-next" ${v.offset + data.items.length >= data.numberMatched ? 'disabled' : ''}>›</button></div>`;
    box.querySelector('#reg-prev').onclick = () => { v.offset = Math.max(0, v.offset - 50); listEnterprises(); };
    box.querySelector('#reg-next').onclick = () => { v.offset += 50; listEnterprises(); };
    box.querySelectorAll('[data-ent]').forEach((b) => { b.onclick = async () => {
      try {
        const { data: e, headers } = await api(`/api/enterprises/${b.dataset.ent}`);
        enterpriseForm(e, headers.get('ETag'));
      } catch (x) { v.toast(errorText(x), true); }
    }; });
  } catch (e) { box.innerHTML = `<p class="error">${esc(errorText(e))}</p>`; }
}

function enterpriseForm(e, etag) {
  const box = v.root.querySelector('#reg-ent-form');
  const mine = v.clusters.features.filter((c) => (v.me.indicatorClusters || []).includes(c.id));
  const val = (k) => (e && e[k] != null ? esc(e[k]) : '');
  box.innerHTML = `<form class="form card"><h4>${esc(e ? `${e.name}` : t('regNewEnterprise'))}</h4>
    <label>${esc(t('creditCode'))}<input name="creditCode" value="${val('creditCode')}" ${e ? 'disabled' : 'required'} maxlength="18"></label>
    <label>${esc(t('regName'))}<input name="name" value="${val('name')}" required maxlength="200"></label>
    <label>${esc(t('regIndustry'))}<input name="industryCode" value="${val('industryCode')}" required placeholder="${esc(t('regIndustryExample'))}"></label>
    <label>${esc(t('regSize'))}<select name="sizeClass">${['above', 'below'].map((s) => `<option value="${s}" ${e && e.sizeClass === s ? 'selected' : ''}>${esc(t(`regSize_${s}`))}</option>`).join('')}</select></label>
    <label>${esc(t('regAboveSince'))}<input name="aboveSince" type="number" min="1949" max="2100" value="${val('aboveSince')}"></label>
    <label>${esc(t('cluster'))}<select name="clusterId">${mine.map((c) => `<option value="${c.id}" ${e && e.clusterId === c.id ? 'selected' : ''}>${esc(v.en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
    <label>${esc(t('regFounded'))}<input name="foundedOn" type="date" value="${val('foundedOn')}"></label>
    <label>${esc(t('regProductionStart'))}<input name="productionStartedOn" type="date" value="${val('productionStartedOn')}"></label>
    <label>${esc(t('regAddress'))}<input name="address" value="${val('address')}" maxlength="200"></label>
    <label>${esc(t('status'))}<select name="status">${STATUSES.map((s) => `<option value="${s}" ${e && e.status === s ? 'selected' : ''}>${esc(t(`regStatus_${s}`))}</option>`).join('')}</select></label>
    <label>${esc(t('regMergedInto'))}<input name="mergedInto" value="${val('mergedInto')}" maxlength="18"></label>
    <label>${esc(t('regPremises'))}<input name="premisesParcelCode" value="${val('premisesParcelCode')}" maxlength="19"></label>
    <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button> <span class="form-error error" role="alert"></span></div></form>`;
  const form = box.querySelector('form');
  form.scrollIntoView({ block: 'nearest' });
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const s = (n) => (form[n].value.trim() === '' ? null : form[n].value.trim());
    const body = { name: s('name'), industryCode: s('industryCode'), sizeClass: form.sizeClass.value,
      aboveSince: form.aboveSince.value === '' ? null : Number(form.aboveSince.value), clusterId: Number(form.clusterId.value),
      foundedOn: s('foundedOn'), productionStartedOn: s('productionStartedOn'), address: s('address') || '', status: form.status.value,
      mergedInto: s('mergedInto'), premisesParcelCode: s('premisesParcelCode') };
    const err = form.querySelector('.form-error');
    try {
      if (e) await api(`/api/enterprises/${e.id}`, { method: 'PATCH', body, headers: { 'If-Match': etag } });
      else await api('/api/enterprises', { method: 'POST', body: { ...body, creditCode: s('creditCode') } });
      v.toast(t('offeringSaved'));
      box.innerHTML = '';
      listEnterprises();
    } catch (x) { err.textContent = errorText(x); }
  };
}

// ---------- the roster file ----------

async function checkRoster(file) {
  const box = v.root.querySelector('#reg-roster-result');
  if (!file) return;
  box.innerHTML = `<p class="muted">${esc(t('regReading'))}</p>`;
  try {
    showRoster(await upload(`/api/enterprise-imports?name=${encodeURIComponent(file.name)}`, file));
  } catch (e) {
    const cols = e instanceof ApiError ? e.details.filter((d) => d.message).map((d) => d.message) : [];
    box.innerHTML = `<p class="error" id="reg-roster-error">${esc(errorText(e))}</p>${cols.length ? `<ul>${cols.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>` : ''}`;
  }
}

function showRoster(job) {
  const box = v.root.querySelector('#reg-roster-result');
  const c = job.counts;
  const changes = (r) => (r.changes || []).map((ch) => `${esc(ch.label || ch.field)}：${esc(ch.from == null ? '—' : ch.from)} → ${esc(ch.to == null ? '—' : ch.to)}`).join('<br>');
  box.innerHTML = `<p id="reg-roster-counts">${esc(t('regRosterCounts', { rows: c.rows, fresh: c.new, changed: c.changed, unchanged: c.unchanged, rejected: c.rejected }))}</p>
    <div class="table-wrap"><table class="grid" id="reg-roster-rows"><thead><tr><th>${esc(t('regLine'))}</th><th>${esc(t('creditCode'))}</th><th>${esc(t('regName'))}</th>
      <th>${esc(t('status'))}</th><th>${esc(t('regWhat'))}</th></tr></thead><tbody>
      ${job.rows.map((r) => `<tr class="row-${esc(r.status)}"><td>${r.line}</td><td>${esc(r.creditCode)}</td><td>${esc(r.name || '')}</td>
        <td><span class="tag st-${esc(r.status)}">${esc(t(`regRow_${r.status}`))}</span></td>
        <td>${r.status === 'rejected' ? r.errors.map((p) => esc(problem(p))).join('<br>') : changes(r)}</td></tr>`).join('')}</tbody></table></div>
    <div class="actions"><button type="button" id="reg-commit-all" class="primary" ${c.rejected ? 'disabled' : ''}>${esc(t('commitAll'))}</button>
      <button type="button" id="reg-commit-valid" ${c.new + c.changed ? '' : 'disabled'}>${esc(t('regCommitValid'))}</button> <span id="reg-commit-msg"></span></div>`;
  const commit = async (mode) => {
    const msg = box.querySelector('#reg-commit-msg');
    try {
      const { data } = await api(`/api/enterprise-imports/${job.id}/commit`, { method: 'POST', body: { mode } });
      msg.textContent = t('regCommitted', { inserted: data.inserted, updated: data.updated, skipped: data.skipped });
      box.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      v.toast(msg.textContent);
      listEnterprises();
    } catch (e) { msg.textContent = errorText(e); }
  };
  box.querySelector('#reg-commit-all').onclick = () => commit('all');
  box.querySelector('#reg-commit-valid').onclick = () => commit('valid');
}
