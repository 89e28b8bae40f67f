// Staff view of low-efficiency land: tags on a map and in a list (synced), filters, the detail of a tag with its
// evidence and disposal plan, the rules' proposals to accept or dismiss, and the summary per cluster, city and province.
import { api, ApiError, csrf, responseError } from './api.js';
import { t, lang } from './i18n.js';
import { esc, num, dateTime } from './format.js';
import { createMap } from './map.js';
import { legalDatesHtml, wireLegalDates } from './idle-dates.js';

const L = window.L;

/** A history row's table or operation in words (histEntity.low_eff_tag …); the code itself only if none is known. */
function inWords(group, code) {
  const w = t(`${group}.${code}`);
  return w === `${group}.${code}` ? code : w;
}
const DISPOSAL_COLORS = { none: '#b71c1c', planned: '#f9a825', in_progress: '#1565c0', done: '#2e7d32' };
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

let v = null;

function kindName(code) {
  const k = v.cfg.kinds.find((x) => x.code === code);
  return k ? (v.en ? k.nameEn : k.name) : code;
}

function methodName(code) {
  const m = v.cfg.methods.find((x) => x.code === code);
  return m ? (v.en ? m.nameEn : m.name) : code;
}

function disposalBadge(d) {
  return `<span class="st" style="background:${DISPOSAL_COLORS[d] || '#777'}">${esc(t('dp_' + d))}</span>`;
}

function style(f) {
  const p = f.properties;
  return { fillColor: p.color, fillOpacity: 0.55, color: p.overdue ? '#d50000' : DISPOSAL_COLORS[p.disposal] || '#555',
    weight: p.overdue ? 4 : 2, dashArray: p.overdue ? '6 4' : null };
}

/** Renders the view; `openId` = a tag to open at once (after marking it on the map). */
export async function renderLowEff(root, me, toast, openId) {
  const [{ data: cfg }, { data: clusters }, { data: mapCfg }] = await Promise.all([api('/api/low-efficiency/config'), api('/api/clusters'), api('/api/config')]);
  const en = lang() === 'en';
  const mine = clusters.features.filter((c) => (me.clusters || []).includes(c.id));
  root.innerHTML = `<h2>${esc(t('lowEffTitle'))}</h2>
    <form class="row" id="le-filters">
      <label>${esc(t('cluster'))}<select name="cluster"><option value="">${esc(t('anyCluster'))}</option>
        ${mine.map((c) => `<option value="${c.id}">${esc(en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
      <label>${esc(t('kind'))}<select name="kind"><option value="">${esc(t('allKinds'))}</option>
        ${cfg.kinds.map((k) => `<option value="${esc(k.code)}">${esc(en ? k.nameEn : k.name)}</option>`).join('')}</select></label>
      <label>${esc(t('disposalStatus'))}<select name="disposal"><option value="">${esc(t('allDisposal'))}</option>
        ${Object.keys(DISPOSAL_COLORS).map((d) => `<option value="${d}">${esc(t('dp_' + d))}</option>`).join('')}</select></label>
      <label>${esc(t('fromDate'))}<input type="date" name="from"></label>
      <label>${esc(t('toDate'))}<input type="date" name="to"></label>
      <a class="button" id="le-csv" href="#">CSV</a> <a class="button" id="le-xlsx" href="#">XLSX</a>
      <a class="button" id="le-print" href="#" target="_blank" rel="noopener">${esc(t('printReport'))}</a>
    </form>
    <div class="land-layout">
      <div><div id="le-map" class="land-map"></div>
        <table class="grid" id="le-table"><thead><tr><th>${esc(t('code'))}</th><th>${esc(t('kind'))}</th><th>${esc(t('areaMu'))}</th>
          <th>${esc(t('surveyDate'))}</th><th>${esc(t('disposalStatus'))}</th><th>${esc(t('warnings'))}</th></tr></thead><tbody></tbody></table></div>
      <div id="le-detail"></div>
    </div>
    <h3>${esc(t('summary'))}</h3><div id="le-summary"></div>
    <h3>${esc(t('proposals'))}</h3>
    ${me.canEditLowEfficiency ? `<form class="row" id="le-run"><label>${esc(t('asOfDate'))}<input type="date" name="asOf" value="${today()}" max="${today()}"></label>
      <button type="submit">${esc(t('runRules'))}</button> <span id="le-run-result"></span></form>` : ''}
    <div id="le-proposals"></div>`;
  if (v && v.map) v.map.remove();
  v = { me, toast, cfg, en, root, map: createMap(root.querySelector('#le-map'), mapCfg), layer: null, byId: new Map() };
  v.layer = L.geoJSON(null, { style }).addTo(v.map);
  const filters = root.querySelector('#le-filters');
  // The filters choose the tags on the map and the list, and (the cluster) the proposals shown.
  filters.querySelectorAll('select, input').forEach((el) => {
    el.onchange = () => {
      loadTags(true);
      if (el.name === 'cluster') loadProposals().catch((e) => v.toast(e instanceof ApiError ? e.localized() : e.message, true));
    };
  });
  const run = root.querySelector('#le-run');
  if (run) {
    run.onsubmit = async (ev) => {
      ev.preventDefault();
      const body = { asOf: run.asOf.value };
      if (filters.cluster.value) body.clusterId = Number(filters.cluster.value);
      try {
        const { data } = await api('/api/low-efficiency/proposals/run', { method: 'POST', body });
        root.querySelector('#le-run-result').textContent = `${data.proposed} ${t('proposed')}`;
        await loadProposals();
      } catch (e) { toast(e.message, true); }
    };
  }
  await Promise.all([loadTags(true), loadSummary(), loadProposals()]);
  if (openId) await openTag(openId, true);
}

function query() {
  const f = v.root.querySelector('#le-filters');
  const q = new URLSearchParams();
  for (const k of ['cluster', 'kind', 'disposal', 'from', 'to']) if (f[k].value) q.set(k, f[k].value);
  return q;
}

async function loadTags(fit) {
  const q = query();
  const { data } = await api('/api/low-efficiency/tags?' + q);
  const rq = new URLSearchParams();
  if (q.get('cluster')) rq.set('cluster', q.get('cluster'));
  v.root.querySelector('#le-csv').href = '/api/low-efficiency/report.csv?' + rq;
  v.root.querySelector('#le-xlsx').href = '/api/low-efficiency/report.xlsx?' + rq;
  v.root.querySelector('#le-print').href = '/loweff-report.html?' + rq + (v.en ? '&lang=en' : '');
  v.layer.clearLayers();
  v.byId.clear();
  v.layer.addData(data);
  v.layer.eachLayer((l) => {
    v.byId.set(l.feature.id, l);
    l.bindTooltip(`${esc(l.feature.properties.parcelCode)} · ${esc(kindName(l.feature.properties.kind))}`);
    l.on('click', () => openTag(l.feature.id, false));
  });
  const b = v.layer.getBounds();
  if (fit && b.isValid()) v.map.fitBounds(b, { padding: [20, 20], maxZoom: 16 });
  v.root.querySelector('#le-table tbody').innerHTML = data.features.length ? data.features.map((f) => {
    const p = f.properties;
    const warn = [p.overdue ? `<span class="flag">${esc(t('overdue'))}</span>` : '', p.patrolWarning ? `<span class="flag">${esc(t('patrol'))}</span>` : ''].join('');
    return `<tr data-id="${Number(f.id)}" class="clickable"><td>${esc(p.parcelCode)}</td><td><i class="swatch" style="background:${esc(p.color)}"></i>${esc(kindName(p.kind))}</td>
      <td>${num(p.areaMu)}</td><td>${esc(p.surveyDate)}</td><td>${disposalBadge(p.disposal)}</td><td>${warn}</td></tr>`;
  }).join('') : `<tr><td colspan="6">${esc(t('noTags'))}</td></tr>`;
  v.root.querySelectorAll('#le-table tbody tr[data-id]').forEach((tr) => { tr.onclick = () => openTag(Number(tr.dataset.id), true); });
}

function bars(byKind) {
  const total = Object.values(byKind).reduce((a, x) => a + Number(x.mu), 0);
  if (!total) return '<div class="bars"></div>';
  return `<div class="bars">${v.cfg.kinds.filter((k) => byKind[k.code]).map((k) => `<span title="${esc(v.en ? k.nameEn : k.name)} ${num(byKind[k.code].mu)}"
    style="width:${(100 * Number(byKind[k.code].mu)) / total}%;background:${esc(k.color)}"></span>`).join('')}</div>`;
}

function summaryRow(name, s, attrs = '') {
  return `<tr ${attrs}><td>${esc(name)}</td><td>${bars(s.byKind || {})}</td><td class="num" data-k="taggedMu">${num(s.taggedMu)}</td>
    <td class="num">${s.taggedSharePct == null ? '—' : num(s.taggedSharePct, 1) + ' %'}</td><td class="num" data-k="disposedMu">${num(s.disposedMu)}</td>
    <td class="num" data-k="revivedMu">${num(s.revivedMu)}</td><td class="num" data-k="plans">${s.plansDone} / ${s.plans}</td>
    <td class="num">${s.plansOverdue ? `<span class="warn">${s.plansOverdue}</span>` : 0}</td></tr>`;
}

async function loadSummary() {
  const { data } = await api('/api/low-efficiency/summary');
  const head = `<tr><th></th><th>${esc(t('byKind'))}</th><th>${esc(t('taggedMu'))}</th><th>${esc(t('shareOfIndustrial'))}</th><th>${esc(t('disposedMu'))}</th>
    <th>${esc(t('revivedMu'))}</th><th>${esc(t('plansDone'))}</th><th>${esc(t('overduePlans'))}</th></tr>`;
  v.root.querySelector('#le-summary').innerHTML = `<table class="grid" id="le-summary-table"><thead>${head}</thead><tbody>
    ${data.clusters.map((c) => summaryRow(v.en ? c.nameEn : c.name, c, `data-cluster="${esc(c.code)}"`) + (c.parks || []).map((p) => `<tr class="park-row">
      <td>　${esc(t('parkOf'))} ${esc(v.en ? (p.nameEn || p.name) : p.name)}</td><td></td><td class="num">${num(p.mu)}</td>
      <td class="num">${Number(p.industrialMu) ? num((100 * Number(p.mu)) / Number(p.industrialMu), 1) + ' %' : '—'}</td><td colspan="4" class="muted">${p.tags} ${esc(t('tagsCount'))}</td></tr>`).join('')).join('')}
    ${data.cities.length > 1 ? data.cities.map((c) => summaryRow((v.en ? c.nameEn : c.name) + ' · ' + t('cityTotals'), c, 'class="subtotal"')).join('') : ''}
    ${data.clusters.length > 1 ? summaryRow(t('province'), data.province, 'class="subtotal"') : ''}</tbody></table>
    <p class="legend-inline">${v.cfg.kinds.map((k) => `<i class="swatch" style="background:${esc(k.color)}"></i>${esc(v.en ? k.nameEn : k.name)}`).join(' ')}</p>`;
}

/** The rules' open proposals, a page of 20 at a time with a filter by 宗地代码 or enterprise, and a word after each decision. */
const PROPOSALS_PER_PAGE = 20;

async function loadProposals(keepPage = false) {
  const q = new URLSearchParams({ status: 'open' });
  const f = v.root.querySelector('#le-filters');
  if (f.cluster.value) q.set('cluster', f.cluster.value);
  const { data } = await api('/api/low-efficiency/proposals?' + q);
  v.proposals = data.features;
  if (!keepPage) v.proposalPage = 0;
  renderProposals();
}

function renderProposals() {
  const box = v.root.querySelector('#le-proposals');
  const needle = (v.proposalFilter || '').trim().toLowerCase();
  const all = v.proposals.filter((x) => !needle || `${x.properties.parcelCode} ${x.properties.enterpriseName || ''}`.toLowerCase().includes(needle));
  const pages = Math.max(1, Math.ceil(all.length / PROPOSALS_PER_PAGE));
  v.proposalPage = Math.min(v.proposalPage || 0, pages - 1);
  const shown = all.slice(v.proposalPage * PROPOSALS_PER_PAGE, (v.proposalPage + 1) * PROPOSALS_PER_PAGE);
  const pager = `<div class="row" id="le-proposal-pager"><input type="search" id="le-proposal-filter" value="${esc(v.proposalFilter || '')}"
      placeholder="${esc(t('proposalFilter'))}"><span id="le-proposal-count">${esc(t('proposalCount', { n: all.length, page: v.proposalPage + 1, pages }))}</span>
    <button type="button" data-page="-1" ${v.proposalPage === 0 ? 'disabled' : ''}>${esc(t('previousPage'))}</button>
    <button type="button" data-page="1" ${v.proposalPage >= pages - 1 ? 'disabled' : ''}>${esc(t('nextPage'))}</button></div>`;
  box.innerHTML = v.proposals.length ? `${pager}<table class="grid" id="le-proposal-table"><thead><tr><th>${esc(t('code'))}</th><th>${esc(t('kind'))}</th>
    <th>${esc(t('areaMu'))}</th><th>${esc(t('criteria'))}</th><th></th></tr></thead><tbody>${shown.map((x) => {
    const p = x.properties;
    return `<tr data-id="${Number(x.id)}"><td>${esc(p.parcelCode)}<br><small>${esc(p.enterpriseName || '')}</small></td><td>${esc(kindName(p.kind))}</td>
      <td>${num(p.areaMu)}</td><td>${esc(t('rule_' + p.rule))}<br><small>${esc(p.reason)}</small></td>
      <td>${v.me.canEditLowEfficiency ? `<button type="button" data-accept>${esc(t('accept'))}</button>
        <input data-reason placeholder="${esc(t('dismissReason'))}"><button type="button" data-dismiss>${esc(t('dismiss'))}</button>` : ''}</td></tr>`;
  }).join('')}</tbody></table>` : `<p>${esc(t('noProposals'))}</p>`;
  const filter = box.querySelector('#le-proposal-filter');
  if (filter) {
    filter.oninput = () => {
      v.proposalFilter = filter.value;
      v.proposalPage = 0;
      renderProposals();
      const again = v.root.querySelector('#le-proposal-filter');
      again.focus();
      again.setSelectionRange(again.value.length, again.value.length);
    };
  }
  box.querySelectorAll('[data-page]').forEach((b) => { b.onclick = () => { v.proposalPage += Number(b.dataset.page); renderProposals(); }; });
  const failed = (e) => v.toast(e instanceof ApiError ? e.localized() : e.message, true);
  box.querySelectorAll('tr[data-id]').forEach((tr) => {
    const id = tr.dataset.id;
    const code = v.proposals.find((x) => String(x.id) === id).properties.parcelCode;
    const acc = tr.querySelector('[data-accept]');
    if (acc) {
      acc.onclick = async () => {
        tr.querySelectorAll('button').forEach((b) => { b.disabled = true; });
        try {
          const { data: r } = await api(`/api/low-efficiency/proposals/${id}/accept`, { method: 'POST', body: {} });
          v.toast(t('proposalAccepted', { code }));
          await Promise.all([loadTags(false), loadSummary(), loadProposals(true)]);
          if (r.tagId) await openTag(r.tagId, true);
        } catch (e) { failed(e); tr.querySelectorAll('button').forEach((b) => { b.disabled = false; }); }
      };
      tr.querySelector('[data-dismiss]').onclick = async () => {
        tr.querySelectorAll('button').forEach((b) => { b.disabled = true; });
        try {
          await api(`/api/low-efficiency/proposals/${id}/dismiss`, { method: 'POST', body: { reason: tr.querySelector('[data-reason]').value } });
          v.toast(t('proposalDismissed', { code }));
          await loadProposals(true);
        } catch (e) { failed(e); tr.querySelectorAll('button').forEach((b) => { b.disabled = false; }); }
      };
    }
  });
}

async function refreshAll(id) {
  await Promise.all([loadTags(false), loadSummary()]);
  await openTag(id, false);
}

async function openTag(id, zoom) {
  const box = v.root.querySelector('#le-detail');
  let res;
  try { res = await api(`/api/low-efficiency/tags/${id}`); } catch (e) { box.innerHTML = `<p class="error">${esc(e.message)}</p>`; return; }
  const f = res.data;
  const etag = res.headers.get('ETag');
  const p = f.properties;
  const l = v.byId.get(id);
  v.root.querySelectorAll('#le-table tr').forEach((tr) => tr.classList.toggle('active', tr.dataset.id === String(id)));
  if (l && zoom) v.map.fitBounds(l.getBounds(), { maxZoom: 17 });
  const canEdit = v.me.canEditLowEfficiency && (v.me.lowEfficiencyClusters || []).includes(p.clusterId) && p.status === 'active';
  const plan = p.plan;
  const images = p.evidence.filter((e) => e.contentType.startsWith('image/'));
  const docs = p.evidence.filter((e) => !e.contentType.startsWith('image/'));
  const url = (e) => `/api/low-efficiency/tags/${id}/evidence/${Number(e.id)}`;
  box.innerHTML = `<h3 data-test="tag-title">${esc(p.parcelCode)} · ${esc(kindName(p.kind))} ${disposalBadge(p.disposal)}
      ${p.overdue ? `<span class="flag">${esc(t('overdue'))}</span>` : ''}${p.patrolWarning ? `<span class="flag">${esc(t('patrol'))}</span>` : ''}</h3>
    <table class="facts">
      <tr><th>${esc(t('cluster'))}</th><td>${esc(v.en ? p.clusterNameEn : p.clusterName)}</td></tr>
      <tr><th>${esc(t('areaMu'))}</th><td data-test="tag-area">${num(p.areaMu)} (${num(p.areaM2, 0)} m²) · ${esc(p.wholeParcel ? t('wholeParcel') : t('partDrawn'))}</td></tr>
      <tr><th>${esc(t('surveyDate'))}</th><td>${esc(p.surveyDate)}</td></tr>
      ${p.enterpriseName ? `<tr><th>${esc(t('holder'))}</th><td>${esc(p.enterpriseName)} <small>${esc(p.enterpriseCreditCode)}</small></td></tr>` : ''}
      <tr><th>${esc(t('criteria'))}</th><td>${p.criteria.map((c) => esc(t('rule_' + c) === 'rule_' + c ? c : t('rule_' + c))).join('<br>')}</td></tr>
      ${p.notes ? `<tr><th>${esc(t('notes'))}</th><td>${esc(p.notes)}</td></tr>` : ''}
      ${p.idleFeeWan != null ? `<tr><th>${esc(t('idleFee'))}</th><td>${num(p.idleFeeWan)}</td></tr>` : ''}
      ${p.recoveryDate ? `<tr><th>${esc(t('recoveryDate'))}</th><td>${esc(p.recoveryDate)}</td></tr>` : ''}
      ${p.agreedStartDate ? `<tr><th>${esc(t('agreedStart'))} / ${esc(t('agreedCompletion'))}</th><td>${esc(p.agreedStartDate)} / ${esc(p.agreedCompletionDate || '—')}</td></tr>` : ''}
    </table>
    ${legalDatesHtml(p, canEdit)}
    <h3>${esc(t('evidence'))}</h3>
    <div class="thumbs">${images.map((e) => `<a href="${url(e)}" target="_blank" rel="noopener"><img src="${url(e)}" alt="${esc(e.fileName)}"></a>`).join('')}</div>
    <ul class="list">${docs.map((e) => `<li><a href="${url(e)}" target="_blank" rel="noopener">${esc(e.fileName)}</a></li>`).join('')}</ul>
    ${canEdit ? `<div class="row"><input type="file" id="le-file" accept=".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx"><button type="button" id="le-upload">${esc(t('addEvidence'))}</button>
      <label class="photo-button">${esc(t('takePhoto'))}<input type="file" id="le-photo" accept="image/*" capture="environment" hidden></label></div>` : ''}
    <h3>${esc(t('plan'))}</h3><div id="le-plan"></div>
    ${canEdit ? `<details><summary>${esc(t('clearTag'))}</summary><form class="form" id="le-clear"><label><span>${esc(t('clearReason'))}</span><input name="reason" required></label>
      <div class="actions"><button type="submit" class="danger">${esc(t('clearTag'))}</button></div></form></details>` : ''}
    <h3>${esc(t('history'))}</h3><ul class="list">${p.history.map((h) => `<li>${esc(dateTime(h.changedAt, lang()))} · ${esc(inWords('histEntity', h.entity))} v${h.version}
      ${esc(inWords('histOp', h.operation))} · ${esc(h.changedBy)}${h.reason ? ' · ' + esc(h.reason) : ''}</li>`).join('')}</ul>`;
  renderPlan(box.querySelector('#le-plan'), id, plan, canEdit);
  wireLegalDates(box, api, { id, parcelId: p.parcelId, etag }, () => refreshAll(id), v.toast);
  // Evidence: a file chosen, or a photo taken on the spot (a phone's camera opens for the photo button).
  const upload = async (file) => {
    if (!file) return;
    const kind = file.type.startsWith('image/') ? 'photo' : 'document';
    const r = await fetch(`/api/low-efficiency/tags/${id}/evidence?name=${encodeURIComponent(file.name)}&kind=${kind}`,
      { method: 'POST', body: file, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/octet-stream' } });
    if (!r.ok) { v.toast((await responseError(r)).message, true); return; }
    if (kind === 'photo') v.toast(t('photoUploaded'));
    await openTag(id, false);
  };
  const up = box.querySelector('#le-upload');
  if (up) up.onclick = () => upload(box.querySelector('#le-file').files[0]);
  const photo = box.querySelector('#le-photo');
  if (photo) photo.onchange = () => upload(photo.files[0]);
  const clear = box.querySelector('#le-clear');
  if (clear) {
    clear.onsubmit = async (ev) => {
      ev.preventDefault();
      try {
        await api(`/api/low-efficiency/tags/${id}/clear`, { method: 'POST', body: { reason: clear.reason.value }, headers: { 'If-Match': etag } });
        await Promise.all([loadTags(false), loadSummary()]);
        box.innerHTML = '';
      } catch (e) { v.toast(e.message, true); }
    };
  }
}

function renderPlan(box, tagId, plan, canEdit) {
  if (!plan) {
    box.innerHTML = canEdit ? `<form class="form" id="le-plan-form">
      <label><span>${esc(t('method'))}</span><select name="method">${v.cfg.methods.map((m) => `<option value="${esc(m.code)}">${esc(v.en ? m.nameEn : m.name)}</option>`).join('')}</select></label>
      <label><span>${esc(t('responsibleUnit'))}</span><input name="responsibleUnit" required></label>
      <label><span>${esc(t('deadline'))}</span><input type="date" name="deadline" required></label>
      <label><span>${esc(t('notes'))}</span><textarea name="notes" rows="2"></textarea></label>
      <p class="msg error" id="le-plan-error"></p>
      <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button></div></form>` : '<p>—</p>';
    const form = box.querySelector('#le-plan-form');
    if (form) {
      form.onsubmit = async (ev) => {
        ev.preventDefault();
        try {
          await api(`/api/low-efficiency/tags/${tagId}/plan`, { method: 'POST', body: { method: form.method.value, responsibleUnit: form.responsibleUnit.value,
            deadline: form.deadline.value, notes: form.notes.value } });
          await refreshAll(tagId);
        } catch (e) { box.querySelector('#le-plan-error').textContent = e.message; }
      };
    }
    return;
  }
  const etag = `"plan-${plan.id}-v${plan.version}"`;
  box.innerHTML = `<table class="facts" id="le-plan-facts">
      <tr><th>${esc(t('method'))}</th><td>${esc(methodName(plan.method))}</td></tr>
      <tr><th>${esc(t('responsibleUnit'))}</th><td>${esc(plan.responsibleUnit)}</td></tr>
      <tr><th>${esc(t('deadline'))}</th><td>${esc(plan.deadline)} ${plan.overdue ? `<span class="flag">${esc(t('overdue'))}</span>` : ''}</td></tr>
      <tr><th>${esc(t('planStatus'))}</th><td>${disposalBadge(plan.status === 'cancelled' ? 'none' : plan.status)}</td></tr>
      ${plan.revivedMu != null ? `<tr><th>${esc(t('revivedMu'))}</th><td>${num(plan.revivedMu)}</td></tr>` : ''}
      ${plan.newEnterpriseName ? `<tr><th>${esc(t('newEnterprise'))}</th><td>${esc(plan.newEnterpriseName)}</td></tr>` : ''}
      ${plan.newTaxWan != null ? `<tr><th>${esc(t('newTax'))}</th><td>${num(plan.newTaxWan)}</td></tr>` : ''}
      ${plan.completedOn ? `<tr><th>${esc(t('completedOn'))}</th><td>${esc(plan.completedOn)}</td></tr>` : ''}
      ${plan.notes ? `<tr><th>${esc(t('notes'))}</th><td>${esc(plan.notes)}</td></tr>` : ''}
    </table>
    <ul class="list steps">${plan.steps.map((s) => `<li data-step="${Number(s.id)}" data-version="${Number(s.version)}">${esc(s.dueDate)} · ${esc(s.title)}
      ${s.doneOn ? `<span class="ok">✓ ${esc(s.doneOn)}</span>` : s.overdue ? `<span class="flag">${esc(t('overdue'))}</span>` : ''}
      ${s.note ? `<br><small>${esc(s.note)}</small>` : ''}
      ${canEdit && !s.doneOn ? `<button type="button" data-done>${esc(t('markDone'))}</button>` : ''}</li>`).join('')}</ul>
    ${canEdit && plan.status !== 'done' ? `<form class="row" id="le-step-form"><input name="title" placeholder="${esc(t('stepTitle'))}" required>
      <input type="date" name="dueDate" required><input name="note" placeholder="${esc(t('note'))}"><button type="submit">${esc(t('addStep'))}</button></form>
      <form class="form" id="le-status-form">
        <label><span>${esc(t('planStatus'))}</span><select name="status">${['planned', 'in_progress', 'done'].map((s) => `<option value="${s}" ${s === plan.status ? 'selected' : ''}>${esc(t('dp_' + s))}</option>`).join('')}</select></label>
        <label><span>${esc(t('completedOn'))}</span><input type="date" name="completedOn" max="${today()}"></label>
        <label><span>${esc(t('revivedMu'))}</span><input type="number" step="any" min="0" name="revivedMu"></label>
        <label><span>${esc(t('newTax'))}</span><input type="number" step="any" min="0" name="newTaxWan"></label>
        <label><span>${esc(t('newEnterprise'))}</span><input name="newEnterpriseCreditCode" maxlength="18"></label>
        <label><span>${esc(t('disposalOutcome'))}</span><input name="outcomeNote"></label>
        <p class="msg error" id="le-status-error"></p>
        <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button></div></form>` : ''}`;
  box.querySelectorAll('[data-done]').forEach((b) => {
    const li = b.closest('li');
    b.onclick = async () => {
      try {
        await api(`/api/low-efficiency/steps/${li.dataset.step}`, { method: 'PATCH', body: { doneOn: today() },
          headers: { 'If-Match': `"step-${li.dataset.step}-v${li.dataset.version}"` } });
        await refreshAll(tagId);
      } catch (e) { v.toast(e.message, true); }
    };
  });
  const sf = box.querySelector('#le-step-form');
  if (sf) {
    sf.onsubmit = async (ev) => {
      ev.preventDefault();
      try {
        await api(`/api/low-efficiency/plans/${plan.id}/steps`, { method: 'POST', body: { title: sf.title.value, dueDate: sf.dueDate.value, note: sf.note.value } });
        await refreshAll(tagId);
      } catch (e) { v.toast(e.message, true); }
    };
  }
  const st = box.querySelector('#le-status-form');
  if (st) {
    st.onsubmit = async (ev) => {
      ev.preventDefault();
      const body = { status: st.status.value };
      if (st.completedOn.value) body.completedOn = st.completedOn.value;
      if (st.revivedMu.value !== '') body.revivedMu = Number(st.revivedMu.value);
      if (st.newTaxWan.value !== '') body.newTaxWan = Number(st.newTaxWan.value);
      if (st.newEnterpriseCreditCode.value.trim()) body.newEnterpriseCreditCode = st.newEnterpriseCreditCode.value.trim();
      if (st.outcomeNote.value.trim()) body.outcomeNote = st.outcomeNote.value.trim();
      try {
        await api(`/api/low-efficiency/plans/${plan.id}`, { method: 'PATCH', body, headers: { 'If-Match': etag } });
        await refreshAll(tagId);
      } catch (e) { box.querySelector('#le-status-error').textContent = e.message; }
    };
  }
}
