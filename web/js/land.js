// Staff view of standard land: offerings in every state with warnings, on a map and in a list; the pipeline per
// cluster and the share of new industrial land; one offering's facts, steps, check after construction and documents;
// the next lifecycle step; and the form that plans a new offering on a parcel.
import { api, csrf, responseError } from './api.js';
import { t, lang } from './i18n.js';
import { esc, num } from './format.js';
import { createMap } from './map.js';

const L = window.L;
const STATUS_COLORS = { planned: '#9e9e9e', announced: '#ef6c00', transferred: '#1565c0', construction: '#6a1b9a', accepted: '#2e7d32',
  failed: '#c62828', supervision: '#00838f', withdrawn: '#bdbdbd' };
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

function badge(status) {
  return `<span class="st st-${esc(status)}" style="background:${STATUS_COLORS[status] || '#777'}">${esc(t('st_' + status))}</span>`;
}

function flags(p) {
  const f = [];
  if (p.overdueStart) f.push('w_overdueStart');
  if (p.overdueCompletion) f.push('w_overdueCompletion');
  if (p.listingEnded) f.push('w_listingEnded');
  if (p.status === 'failed') f.push('w_failed');
  if (p.complianceNotMet) f.push('w_notMet');
  return f.map((k) => `<span class="flag">${esc(t(k))}</span>`).join('');
}

let ctx = null;

/** Renders the view into `root` for the signed-in user `me`; `offer` = a parcel to plan an offering on (or null). */
export async function renderLand(root, me, toast, offer) {
  const { data: cfg } = await api('/api/standard-land-config');
  const { data: clusters } = await api('/api/clusters');
  const { data: mapCfg } = await api('/api/config');
  const en = lang() === 'en';
  const mine = clusters.features.filter((c) => (me.clusters || []).includes(c.id));
  root.innerHTML = `
    <h2>${esc(t('landStaffTitle'))}</h2>
    <div class="row">
      ${me.canManageLandSupply ? `<button type="button" id="sl-new-btn" class="primary">${esc(t('newOffering'))}</button>
        <button type="button" id="sl-std-btn">${esc(t('clusterStandards'))}</button>` : ''}
      <label>${esc(t('status'))}<select id="sl-status"><option value="">${esc(t('allStatuses'))}</option>
        ${Object.keys(STATUS_COLORS).map((s) => `<option value="${s}">${esc(t('st_' + s))}</option>`).join('')}</select></label>
      <label>${esc(t('cluster'))}<select id="sl-cluster"><option value="">${esc(t('anyCluster'))}</option>
        ${mine.map((c) => `<option value="${c.id}">${esc(en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
    </div>
    <div class="land-layout">
      <div><div id="sl-map" class="land-map"></div>
        <table class="grid" id="sl-table"><thead><tr><th>${esc(t('plotNo'))}</th><th>${esc(t('name'))}</th><th>${esc(t('cluster'))}</th>
          <th>${esc(t('areaMu'))}</th><th>${esc(t('status'))}</th><th>${esc(t('warnings'))}</th></tr></thead><tbody></tbody></table></div>
      <div id="sl-detail"></div>
    </div>
    <h3>${esc(t('pipeline'))} <select id="sl-year">${[0, 1, 2, 3, 4].map((d) => { const y = new Date().getFullYear() - d; return `<option>${y}</option>`; }).join('')}</select></h3>
    <div id="sl-pipeline"></div>`;
  if (ctx && ctx.map) ctx.map.remove();
  ctx = { me, toast, cfg, clusters: clusters.features, en, map: createMap(root.querySelector('#sl-map'), mapCfg), layer: null };
  // Offerings coloured by state; a red outline marks an offering with a warning (overdue, failed, commitments not met).
  ctx.layer = L.geoJSON(null, { style: (f) => ({ fillColor: STATUS_COLORS[f.properties.status], fillOpacity: 0.5,
    color: flags(f.properties) ? '#d50000' : STATUS_COLORS[f.properties.status], weight: flags(f.properties) ? 3 : 1.5 }) }).addTo(ctx.map);
  root.querySelector('#sl-status').onchange = () => loadList(root, true);
  root.querySelector('#sl-cluster').onchange = () => loadList(root, true);
  root.querySelector('#sl-year').onchange = () => loadPipeline(root);
  await Promise.all([loadList(root, true), loadPipeline(root)]);
  const nb = root.querySelector('#sl-new-btn');
  if (nb) nb.onclick = () => newOfferingForm(root, null);
  const sb = root.querySelector('#sl-std-btn');
  if (sb) sb.onclick = () => standardsForm(root);
  if (offer) newOfferingForm(root, offer);
}

async function loadList(root, fit) {
  const q = new URLSearchParams();
  const st = root.querySelector('#sl-status').value;
  const cl = root.querySelector('#sl-cluster').value;
  if (st) q.set('status', st);
  if (cl) q.set('cluster', cl);
  const { data } = await api('/api/standard-land?' + q);
  ctx.layer.clearLayers();
  ctx.layer.addData(data);
  ctx.layer.eachLayer((l) => {
    l.bindTooltip(`${esc(l.feature.properties.plotNo)} · ${esc(t('st_' + l.feature.properties.status))}`);
    l.on('click', () => openOffering(root, l.feature.id));
  });
  const b = ctx.layer.getBounds();
  if (fit && b.isValid()) ctx.map.fitBounds(b, { padding: [20, 20], maxZoom: 15 });
  root.querySelector('#sl-table tbody').innerHTML = data.features.map((f) => {
    const p = f.properties;
    return `<tr data-id="${Number(f.id)}" class="clickable"><td>${esc(p.plotNo)}</td><td>${esc(p.name)}</td><td>${esc(ctx.en ? p.clusterNameEn : p.clusterName)}</td>
      <td>${num(p.areaMu)}</td><td>${badge(p.status)}</td><td>${flags(p)}</td></tr>`;
  }).join('');
  root.querySelectorAll('#sl-table tbody tr').forEach((tr) => { tr.onclick = () => openOffering(root, Number(tr.dataset.id)); });
}

async function loadPipeline(root) {
  const year = root.querySelector('#sl-year').value;
  const { data } = await api('/api/standard-land/pipeline?year=' + year);
  const states = Object.keys(STATUS_COLORS).filter((s) => s !== 'withdrawn');
  const bar = (by) => {
    const total = states.reduce((a, s) => a + (by[s] ? Number(by[s].mu) : 0), 0);
    if (!total) return '<div class="bars"></div>';
    return `<div class="bars">${states.filter((s) => by[s]).map((s) => `<span title="${esc(t('st_' + s))} ${num(by[s].mu)} ${esc(t('mu'))}"
      style="width:${(100 * Number(by[s].mu)) / total}%;background:${STATUS_COLORS[s]}"></span>`).join('')}</div>`;
  };
  root.querySelector('#sl-pipeline').innerHTML = `<table class="grid"><thead><tr><th>${esc(t('cluster'))}</th>
    ${states.map((s) => `<th>${badge(s)}</th>`).join('')}<th></th><th>${esc(t('newIndustrialMu'))}</th><th>${esc(t('standardLandMu'))}</th><th>${esc(t('shareOfNew'))}</th></tr></thead>
    <tbody>${data.clusters.map((c) => `<tr data-code="${esc(c.code)}"><td>${esc(ctx.en ? c.nameEn : c.name)}</td>
      ${states.map((s) => `<td>${c.byStatus[s] ? `${c.byStatus[s].count} / ${num(c.byStatus[s].mu)}` : ''}</td>`).join('')}
      <td>${bar(c.byStatus)}</td><td>${num(c.newIndustrialMu)}</td><td>${num(c.standardLandMu)}</td>
      <td>${c.standardLandSharePct == null ? '—' : num(c.standardLandSharePct, 1) + ' %'}</td></tr>`).join('')}
    ${data.cities.map((c) => `<tr class="subtotal"><td>${esc(ctx.en ? c.nameEn : c.name)}</td>${states.map(() => '<td></td>').join('')}<td></td>
      <td>${num(c.newIndustrialMu)}</td><td>${num(c.standardLandMu)}</td><td>${c.standardLandSharePct == null ? '—' : num(c.standardLandSharePct, 1) + ' %'}</td></tr>`).join('')}
    </tbody></table>`;
}

function kindName(k) {
  return ctx.en ? k.nameEn : k.name;
}

async function openOffering(root, id) {
  const box = root.querySelector('#sl-detail');
  try {
    const res = await api(`/api/standard-land/${id}`);
    const f = res.data;
    const etag = res.headers.get('ETag');
    const p = f.properties;
    const l = [...Object.values(ctx.layer._layers)].find((x) => x.feature.id === id);
    if (l) ctx.map.fitBounds(l.getBounds(), { maxZoom: 16 });
    const ind = p.indicators || {};
    const rows = ctx.cfg.indicatorKinds.filter((k) => ind[k.code] != null).map((k) => `<tr><th>${esc(kindName(k))}</th>
      <td>${esc(t(k.direction === 'min' ? 'atLeast' : 'atMost'))} ${num(ind[k.code], 3)} ${esc(k.unit)}${p.commitments && p.commitments[k.code] != null
        ? ` · ${esc(t('committedValue'))} ${num(p.commitments[k.code], 3)}` : ''}</td></tr>`).join('');
    const comp = (p.compliance || []).map((r) => {
      const k = ctx.cfg.indicatorKinds.find((x) => x.code === r.kind) || { name: r.kind, nameEn: r.kind, unit: '' };
      return `<tr><td>${r.year}</td><td>${esc(kindName(k))}</td><td>${num(r.committed, 3)}</td><td>${r.actual == null ? '—' : num(r.actual, 3)}</td>
        <td>${r.met == null ? esc(t('noData')) : r.met ? `<span class="ok">${esc(t('met'))}</span>` : `<span class="warn">${esc(t('notMet'))} ${num(r.gap, 3)} (${num(r.gapPct, 1)} %)</span>`}</td></tr>`;
    }).join('');
    const canManage = ctx.me.canManageLandSupply && (ctx.me.landSupplyClusters || []).includes(p.clusterId);
    const next = ctx.cfg.lifecycle[p.status] || []; // the lifecycle as the database states it (standard_land_steps())
    box.innerHTML = `<h3>${esc(p.plotNo)} ${esc(p.name)} ${badge(p.status)} ${flags(p)}</h3>
      <table class="facts">
        <tr><th>${esc(t('cluster'))}</th><td>${esc(ctx.en ? p.clusterNameEn : p.clusterName)}</td></tr>
        <tr><th>${esc(t('areaMu'))}</th><td>${num(p.areaMu)} (${num(p.areaM2, 0)} m²)</td></tr>
        <tr><th>${esc(t('reservePrice'))}</th><td>${p.reservePriceWan == null ? '—' : num(p.reservePriceWan, 0) + ' ' + esc(t('wan'))}</td></tr>
        <tr><th>${esc(t('far'))}</th><td>${p.farMin == null ? '—' : num(p.farMin)}${p.farMax == null ? '' : '–' + num(p.farMax)}</td></tr>
        <tr><th>${esc(t('admittedIndustry'))}</th><td>${esc((p.industries || []).join(', '))}</td></tr>
        ${rows}
        ${p.enterpriseName ? `<tr><th>${esc(t('winner'))}</th><td>${esc(p.enterpriseName)} <small>${esc(p.enterpriseCreditCode)}</small></td></tr>` : ''}
        ${p.contractDate ? `<tr><th>${esc(t('contractDate'))}</th><td>${esc(p.contractDate)} · ${num(p.transactionPriceWan, 0)} ${esc(t('wan'))}</td></tr>` : ''}
        ${p.agreedStartDate ? `<tr><th>${esc(t('agreedStart'))} / ${esc(t('agreedCompletion'))}</th><td>${esc(p.agreedStartDate)} / ${esc(p.agreedCompletionDate)}</td></tr>` : ''}
        ${p.remedies ? `<tr><th>${esc(t('remedies'))}</th><td>${esc(p.remedies)}</td></tr>` : ''}
        ${p.internalNotes ? `<tr><th>${esc(t('internalNotes'))}</th><td>${esc(p.internalNotes)}</td></tr>` : ''}
      </table>
      ${comp ? `<h3>${esc(t('compliance'))}</h3><table class="grid"><thead><tr><th>${esc(t('year'))}</th><th></th><th>${esc(t('committedValue'))}</th>
        <th>${esc(t('actual'))}</th><th></th></tr></thead><tbody>${comp}</tbody></table>` : ''}
      <h3>${esc(t('steps'))}</h3><ul class="list">${p.steps.map((s) => `<li>${esc(s.date)} ${badge(s.status)} ${esc(s.note)} <small>${esc(s.recordedBy)}</small></li>`).join('')}</ul>
      <h3>${esc(t('documents'))}</h3><ul class="list">${p.documents.map((d) => `<li><a href="/api/standard-land/${id}/documents/${Number(d.id)}" target="_blank" rel="noopener">${esc(d.fileName)}</a>
        ${d.public ? `<span class="tag">${esc(t('publicDoc'))}</span>` : ''}</li>`).join('')}</ul>
      ${canManage ? `<div class="row"><input type="file" id="sl-file" accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx">
        <label><input type="checkbox" id="sl-file-public"> ${esc(t('publicDoc'))}</label><button type="button" id="sl-upload">${esc(t('uploadDoc'))}</button></div>` : ''}
      ${canManage && next.length ? `<h3>${esc(t('nextStep'))}</h3><form id="sl-step" class="form">
        <label><span>${esc(t('status'))}</span><select name="to">${next.map((s) => `<option value="${s}">${esc(t('st_' + s))}</option>`).join('')}</select></label>
        <label><span>${esc(t('date'))}</span><input type="date" name="date" value="${today()}" required></label>
        <div id="sl-transfer" hidden>
          <label><span>${esc(t('creditCode'))}</span><input name="enterpriseCreditCode" maxlength="18"></label>
          <label><span>${esc(t('transactionPrice'))}</span><input name="transactionPriceWan" type="number" step="any" min="0"></label>
          ${Object.keys(ind).map((k) => `<label><span>${esc(t('commitments'))}: ${esc(kindName(ctx.cfg.indicatorKinds.find((x) => x.code === k) || { name: k, nameEn: k }))}</span>
            <input name="c_${esc(k)}" type="number" step="any" value="${num(ind[k], 3).replace(/,/g, '')}"></label>`).join('')}
          <label><span>${esc(t('agreedStart'))}</span><input type="date" name="agreedStartDate"></label>
          <label><span>${esc(t('agreedCompletion'))}</span><input type="date" name="agreedCompletionDate"></label>
          ${p.parcelIds.length ? '' : `<label><span>${esc(t('parcelCode'))}</span><input name="parcelCode" maxlength="19"></label>`}
          <label><span>${esc(t('remedies'))}</span><textarea name="remedies" rows="2"></textarea></label>
        </div>
        <label><span>${esc(t('note'))}</span><input name="note"></label>
        <p class="msg error" id="sl-step-error"></p>
        <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button></div></form>` : ''}`;
    const form = box.querySelector('#sl-step');
    if (form) {
      const sync = () => { box.querySelector('#sl-transfer').hidden = form.to.value !== 'transferred'; };
      form.to.onchange = sync;
      sync();
      form.onsubmit = async (ev) => {
        ev.preventDefault();
        const body = { to: form.to.value, date: form.date.value };
        if (form.note.value.trim()) body.note = form.note.value.trim();
        if (form.to.value === 'transferred') {
          body.enterpriseCreditCode = form.enterpriseCreditCode.value.trim();
          if (form.transactionPriceWan.value) body.transactionPriceWan = Number(form.transactionPriceWan.value);
          body.commitments = {};
          Object.keys(ind).forEach((k) => { if (form['c_' + k].value !== '') body.commitments[k] = Number(form['c_' + k].value); });
          if (form.agreedStartDate.value) body.agreedStartDate = form.agreedStartDate.value;
          if (form.agreedCompletionDate.value) body.agreedCompletionDate = form.agreedCompletionDate.value;
          if (form.parcelCode && form.parcelCode.value.trim()) body.parcelCode = form.parcelCode.value.trim();
          if (form.remedies.value.trim()) body.remedies = form.remedies.value.trim();
        }
        try {
          await api(`/api/standard-land/${id}/transition`, { method: 'POST', body, headers: { 'If-Match': etag } });
          ctx.toast(t('moved'));
          await loadList(root, false);
          await loadPipeline(root);
          await openOffering(root, id);
        } catch (e) {
          box.querySelector('#sl-step-error').textContent = e.message;
        }
      };
    }
    const up = box.querySelector('#sl-upload');
    if (up) {
      up.onclick = async () => {
        const file = box.querySelector('#sl-file').files[0];
        if (!file) return;
        const isPublic = box.querySelector('#sl-file-public').checked;
        const res2 = await fetch(`/api/standard-land/${id}/documents?name=${encodeURIComponent(file.name)}&public=${isPublic}&kind=${isPublic ? 'announcement' : 'other'}`,
          { method: 'POST', body: file, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/octet-stream' } });
        if (!res2.ok) { ctx.toast((await responseError(res2)).message, true); return; }
        await openOffering(root, id);
      };
    }
  } catch (e) {
    box.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

/** The clusters the user may plan offerings in. */
function supplyClusters() {
  return ctx.clusters.filter((c) => (ctx.me.landSupplyClusters || []).includes(c.id));
}

/** A cluster's own standards (floors or ceilings for its offerings' indicators). */
async function standardsForm(root) {
  const box = root.querySelector('#sl-detail');
  const cls = supplyClusters();
  box.innerHTML = `<h3>${esc(t('clusterStandards'))}</h3><form id="sl-std" class="form">
    <label><span>${esc(t('cluster'))}</span><select name="cluster">${cls.map((c) => `<option value="${c.id}">${esc(ctx.en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
    ${ctx.cfg.indicatorKinds.map((k) => `<label><span>${esc(kindName(k))} (${esc(k.unit)}, ${esc(t(k.direction === 'min' ? 'atLeast' : 'atMost'))})</span>
      <input name="k_${esc(k.code)}" type="number" step="any"></label>`).join('')}
    <p class="msg error" id="sl-std-error"></p>
    <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button></div></form>`;
  const form = box.querySelector('#sl-std');
  const load = async () => {
    const { data } = await api(`/api/clusters/${form.cluster.value}/standards`);
    ctx.cfg.indicatorKinds.forEach((k) => { form['k_' + k.code].value = data[k.code] == null ? '' : data[k.code]; });
  };
  form.cluster.onchange = load;
  await load();
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const body = {};
    ctx.cfg.indicatorKinds.forEach((k) => { if (form['k_' + k.code].value !== '') body[k.code] = Number(form['k_' + k.code].value); });
    try {
      await api(`/api/clusters/${form.cluster.value}/standards`, { method: 'PUT', body });
      ctx.toast(t('offeringSaved'));
    } catch (e) { box.querySelector('#sl-std-error').textContent = e.message; }
  };
}

/**
 * The form that plans an offering: on parcels (宗地代码, prefilled when it comes from the parcel panel) or on a plot
 * drawn on this view's map.
 */
async function newOfferingForm(root, offer) {
  const box = root.querySelector('#sl-detail');
  const kinds = ctx.cfg.indicatorKinds;
  const { data: codes } = await api('/api/land-use-codes');
  const industrial = codes.filter((c) => c.industrial);
  const cls = supplyClusters();
  box.innerHTML = `<h3>${esc(t('newOffering'))}${offer ? ` · ${esc(offer.code)} (${num(offer.areaMu)} ${esc(t('mu'))})` : ''}</h3>
    <form id="sl-new" class="form">
      <label><span>${esc(t('plotNo'))} *</span><input name="plotNo" required maxlength="40"></label>
      <label><span>${esc(t('name'))} *</span><input name="name" required maxlength="100"></label>
      <label><span>${esc(t('location'))}</span><input name="location"></label>
      <label><span>${esc(t('cluster'))}</span><select name="clusterId">${cls.map((c) => `<option value="${c.id}">${esc(ctx.en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
      <label><span>${esc(t('landUse'))}</span><select name="landUse">${industrial.map((c) => `<option value="${esc(c.scheme)}|${esc(c.code)}">${esc(c.code)} ${esc(ctx.en ? c.nameEn : c.name)}</option>`).join('')}</select></label>
      <label><span>${esc(t('plotParcels'))}</span><input name="parcelCodes" placeholder="410184003007GB00123, …"></label>
      <div class="actions"><button type="button" id="sl-draw">${esc(t('drawPlot'))}</button><span id="sl-drawn" class="ok" hidden>✓ ${esc(t('plotDrawn'))}</span></div>
      <label><span>${esc(t('reservePrice'))} (${esc(t('wan'))})</span><input name="reservePriceWan" type="number" step="any" min="0"></label>
      <label><span>${esc(t('deposit'))} (${esc(t('wan'))})</span><input name="depositWan" type="number" step="any" min="0"></label>
      <label><span>${esc(t('termYears'))}</span><input name="termYears" type="number" min="1" max="50" value="50"></label>
      <label><span>${esc(t('far'))} min</span><input name="farMin" type="number" step="0.01" min="0"></label>
      <label><span>${esc(t('far'))} max</span><input name="farMax" type="number" step="0.01" min="0"></label>
      <label><span>${esc(t('buildingCoefficient'))} ≥ % (${esc(t('nationalFloor'))} ${num(ctx.cfg.buildingCoefficientMinPct, 0)} %)</span><input name="buildingCoefficientMinPct" type="number" step="any" value="${Number(ctx.cfg.buildingCoefficientMinPct)}"></label>
      <label><span>${esc(t('buildingDensity'))} ≤ %</span><input name="buildingDensityMaxPct" type="number" step="any"></label>
      <label><span>${esc(t('heightMax'))} ≤ m</span><input name="heightMaxM" type="number" step="any"></label>
      <label><span>${esc(t('officeLiving'))} ≤ % (${esc(t('nationalFloor'))} ${num(ctx.cfg.officeLivingMaxPct, 0)} %)</span><input name="officeLivingMaxPct" type="number" step="any" value="${Number(ctx.cfg.officeLivingMaxPct)}"></label>
      <label><span>${esc(t('greenRatio'))} ≤ % (${esc(t('nationalFloor'))} ${num(ctx.cfg.greenRatioMaxPct, 0)} %)</span><input name="greenRatioMaxPct" type="number" step="any"></label>
      <fieldset id="sl-m0"><legend>${esc(t('m0Conditions'))}</legend>
        <label><span>${esc(t('m0Supporting'))} ≤ %</span><input name="supportingFloorMaxPct" type="number" step="any"></label>
        <label><input type="checkbox" name="divisible"> ${esc(t('m0Divisible'))}</label>
        <label><span>${esc(t('m0Sellable'))} ≤ %</span><input name="sellableFloorMaxPct" type="number" step="any"></label>
        <p class="muted" id="sl-m0-rule"></p></fieldset>
      <label><span>${esc(t('admittedIndustry'))} (${esc(t('industryHint'))})</span><input name="industries" placeholder="C39, C40"></label>
      ${kinds.map((k) => `<label><span>${esc(kindName(k))} (${esc(k.unit)}, ${esc(t(k.direction === 'min' ? 'atLeast' : 'atMost'))})</span><input name="k_${esc(k.code)}" type="number" step="any"></label>`).join('')}
      <label><span>${esc(t('envStandard'))}</span><input name="envStandard"></label>
      <fieldset><legend>${esc(t('assessments'))}</legend>${ctx.cfg.assessments.map((a) => `<label><input type="checkbox" name="a_${a}"> ${esc(t('assess_' + a))}</label>`).join('')}</fieldset>
      <label><span>${esc(t('internalNotes'))}</span><textarea name="internalNotes" rows="2"></textarea></label>
      <p class="msg error" id="sl-new-error"></p>
      <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button></div>
    </form>`;
  const form = box.querySelector('#sl-new');
  let drawn = null;
  // The M0 conditions show with a land use that has rules, with the city's rules beside them.
  const rules = (await api('/api/land-use-rules')).data;
  const showRules = () => {
    const [scheme, code] = form.landUse.value.split('|');
    const own = rules.filter((r) => r.scheme === scheme && r.code === code);
    box.querySelector('#sl-m0').hidden = own.length === 0;
    box.querySelector('#sl-m0-rule').textContent = own.map((r) => `${r.cityCode ? (ctx.en ? r.cityNameEn : r.cityName) : t('province')}：${[
      r.farMin != null ? `${t('far')} ≥ ${r.farMin}` : '', r.farMax != null ? `${t('far')} ≤ ${r.farMax}` : '',
      r.supportingFloorMaxPct != null ? `${t('m0Supporting')} ≤ ${r.supportingFloorMaxPct} %` : '',
      r.divisible === false ? t('m0NotDivisible') : '', r.sellableFloorMaxPct != null ? `${t('m0Sellable')} ≤ ${r.sellableFloorMaxPct} %` : ''].filter(Boolean).join('，')}（${r.basis}）`).join('；');
  };
  form.landUse.addEventListener('change', showRules);
  showRules();
  if (offer) {
    form.clusterId.value = String(offer.clusterId);
    form.landUse.value = `${offer.landUseScheme}|${offer.landUseCode}`;
    form.parcelCodes.value = offer.code;
  }
  box.querySelector('#sl-draw').onclick = () => {
    if (!ctx.map.pm) return;
    if (drawn) { drawn.remove(); drawn = null; }
    ctx.map.pm.enableDraw('Polygon', { allowSelfIntersection: false, snappable: true, finishOn: 'dblclick' });
    ctx.map.once('pm:create', (e) => {
      drawn = e.layer;
      form.parcelCodes.value = '';
      box.querySelector('#sl-drawn').hidden = false;
    });
  };
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const [scheme, code] = form.landUse.value.split('|');
    const body = { plotNo: form.plotNo.value.trim(), name: form.name.value.trim(), location: form.location.value.trim(), clusterId: Number(form.clusterId.value),
      landUseScheme: scheme, landUseCode: code, envStandard: form.envStandard.value.trim(), internalNotes: form.internalNotes.value.trim(),
      industries: form.industries.value.split(/[,，\s]+/).map((x) => x.trim().toUpperCase()).filter(Boolean), indicators: {},
      assessments: ctx.cfg.assessments.filter((a) => form['a_' + a].checked) };
    const parcelCodes = form.parcelCodes.value.split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean);
    if (drawn) body.geometry = drawn.toGeoJSON(8).geometry;
    else body.parcelCodes = parcelCodes;
    for (const f of ['reservePriceWan', 'depositWan', 'termYears', 'farMin', 'farMax', 'buildingCoefficientMinPct', 'buildingDensityMaxPct', 'heightMaxM',
      'officeLivingMaxPct', 'greenRatioMaxPct', 'supportingFloorMaxPct', 'sellableFloorMaxPct']) {
      if (form[f].value !== '') body[f] = Number(form[f].value);
    }
    if (form.divisible.checked) body.divisible = true;
    kinds.forEach((k) => { if (form['k_' + k.code].value !== '') body.indicators[k.code] = Number(form['k_' + k.code].value); });
    try {
      const { data } = await api('/api/standard-land', { method: 'POST', body });
      if (drawn) { drawn.remove(); drawn = null; }
      ctx.toast(t('offeringSaved'));
      await loadList(root, false);
      await openOffering(root, data.id);
    } catch (e) {
      box.querySelector('#sl-new-error').textContent = e.message;
    }
  };
}
