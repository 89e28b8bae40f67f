// Entry of the staff app (/app): wires sign-in, the map, search, the parcel panel and the editing workflows.
// Over 400 lines: the workflows (draw, edit, split, merge, retire, tag, import) share one map, selection and panel state;
// their forms, layers and texts live in panel.js, map.js, importer.js and i18n.js.
import { api, setCsrf, ApiError, describeFields } from './api.js';
import { t, lang, setLang, translatePage } from './i18n.js';
import { esc, num, HISTORY_STYLE } from './format.js';
import { createMap, addClusters, addParcelTiles, ParcelLayer, PARCEL_MIN_ZOOM } from './map.js';
import { parcelHtml, historyHtml, enterpriseHtml, attributeForm } from './panel.js';
import { renderAccount } from './account.js';
import { renderAdmin } from './admin.js';
import { renderLand } from './land.js';
import { renderLowEff } from './loweff.js';
import { renderEval } from './evaluation.js';
import { renderRegistry } from './registry.js';
import { renderMethods } from './methods.js';
import { renderPlan } from './plan.js';
import { renderAssessment } from './assessment.js';
import { startImport, startExport } from './importer.js';

const L = window.L;
const $ = (id) => document.getElementById(id);
const state = { me: null, map: null, parcels: null, landUse: [], current: null, etag: null, overlay: null, editing: null, mergeSet: new Map() };

function toast(text, bad = false) {
  const el = $('toast');
  el.textContent = text;
  el.className = bad ? 'toast bad' : 'toast';
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, bad ? 7000 : 3000);
}

function fail(e) {
  console.error(e);
  toast(e instanceof ApiError ? e.localized() : String(e.message || e), true);
}

function hint(text) {
  $('hint').textContent = text || '';
  $('hint').hidden = !text;
}

function panel(html) {
  const p = $('panel');
  p.innerHTML = html;
  return p;
}

function clearOverlay() {
  if (state.overlay) { state.overlay.remove(); state.overlay = null; }
}

function asOf() {
  return $('asof').value;
}

// ---------- parcel panel ----------

async function openParcel(id, { fit = false } = {}) {
  try {
    const q = asOf() ? `?asOf=${encodeURIComponent(asOf())}` : '';
    const { data, headers } = await api(`/api/parcels/${id}${q}`);
    state.current = data;
    state.etag = headers.get('ETag');
    state.parcels.select([data.id]);
    clearOverlay();
    if (fit) state.map.fitBounds(L.geoJSON(data).getBounds(), { maxZoom: 17, animate: false });
    const canEdit = state.me.canEditParcels && !asOf() && data.properties.status === 'current';
    const p = panel(`${parcelHtml(data)}
      <div class="form actions" ${canEdit ? '' : 'hidden'}>
        <button type="button" id="btn-edit">${esc(t('edit'))}</button>
        <button type="button" id="btn-outline">${esc(t('editOutline'))}</button>
        <button type="button" id="btn-retire" class="danger">${esc(t('retire'))}</button>
      </div>
      <div class="form actions" ${state.me.canManageLandSupply && !asOf() && data.properties.status === 'current' && !data.properties.holderId ? '' : 'hidden'}>
        <button type="button" id="btn-offer">${esc(t('makeOffering'))}</button>
      </div>
      <div class="form actions" ${state.me.canEditLowEfficiency && !asOf() && data.properties.status === 'current'
        && (state.me.lowEfficiencyClusters || []).includes(data.properties.clusterId) ? '' : 'hidden'}>
        <button type="button" id="btn-loweff">${esc(t('markLowEff'))}</button>
      </div><div id="history"></div>`);
    $('btn-loweff').onclick = () => markLowEff(data);
    $('btn-offer').onclick = () => {
      state.landOffer = { parcelId: data.id, clusterId: data.properties.clusterId, code: data.properties.code, areaMu: data.properties.areaMu,
        landUseScheme: data.properties.landUseScheme, landUseCode: data.properties.landUseCode };
      showView('land');
    };
    $('btn-split').disabled = !canEdit;
    if (canEdit) {
      $('btn-edit').onclick = () => editAttributes();
      $('btn-outline').onclick = () => editOutline();
      $('btn-retire').onclick = () => retire();
    }
    p.querySelectorAll('[data-enterprise]').forEach((a) => { a.onclick = (e) => { e.preventDefault(); openEnterprise(a.dataset.enterprise); }; });
    history.replaceState(null, '', `/app?parcel=${data.id}&lang=${lang()}`);
    loadHistory(data.id);
  } catch (e) { fail(e); }
}

async function loadHistory(id) {
  try {
    const { data } = await api(`/api/parcels/${id}/history`);
    const box = $('history');
    if (!box) return;
    box.innerHTML = historyHtml(data);
    box.querySelectorAll('li[data-version]').forEach((li) => {
      li.onclick = () => {
        const v = data.versions.find((x) => String(x.version) === li.dataset.version);
        box.querySelectorAll('li').forEach((x) => x.classList.toggle('active', x === li));
        clearOverlay();
        state.overlay = L.geoJSON(v.geometry, { style: HISTORY_STYLE, interactive: false }).addTo(state.map);
      };
    });
    box.querySelectorAll('[data-parcel]').forEach((a) => { a.onclick = (e) => { e.preventDefault(); openParcel(a.dataset.parcel, { fit: true }); }; });
  } catch (e) { fail(e); }
}

async function openEnterprise(id) {
  try {
    const { data } = await api(`/api/enterprises/${id}`);
    const p = panel(enterpriseHtml(data));
    p.querySelectorAll('[data-parcel]').forEach((li) => { li.onclick = () => openParcel(li.dataset.parcel, { fit: true }); });
  } catch (e) { fail(e); }
}

// ---------- editing ----------

/** The fields of a form's body that differ from what the parcel had (blank and null alike). */
function changedFields(body, props) {
  const same = (a, b) => (a ?? '') === (b ?? '') || (a != null && b != null && String(a) === String(b));
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== 'reason' && !same(v, props[k])));
}

/**
 * The attribute form. carry: the user's changes and reason after a version conflict, put on the version read again
 * (someone saved the parcel since the form opened: their changes are kept, the user's are re-applied, nothing typed is
 * lost), with a word saying so.
 */
function editAttributes(carry = null) {
  const f = state.current;
  const form = attributeForm(carry ? { ...f.properties, ...carry.changes } : f.properties, state.landUse, state.parcelSchema);
  panel(`<h2>${esc(f.properties.code)} · ${esc(t('edit'))}</h2>${carry
    ? `<p class="msg warn" id="conflict-note">${esc(t('conflictReapplied', { version: f.properties.version, by: f.properties.changedBy || '' }))}</p>` : ''}`)
    .appendChild(form.el);
  if (carry) {
    form.el.elements.reason.value = carry.reason;
    if (carry.holderLabel != null && form.el.elements.holderSearch) {
      form.el.elements.holderSearch.value = carry.holderLabel;
      form.el.elements.holderId.value = carry.changes.holderId ?? '';
    }
  }
  form.el.querySelector('[data-cancel]').onclick = () => openParcel(f.id);
  form.el.onsubmit = async (e) => {
    e.preventDefault();
    const r = form.read();
    if (!r.ok) return;
    try {
      await api(`/api/parcels/${f.id}`, { method: 'PATCH', body: r.body, headers: { 'If-Match': state.etag } });
      toast(t('saved'));
      await state.parcels.reload();
      openParcel(f.id);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const changes = changedFields(r.body, f.properties);
        const holderLabel = 'holderId' in changes && form.el.elements.holderSearch ? form.el.elements.holderSearch.value : null;
        await openParcel(f.id);
        if (state.current && state.current.id === f.id) editAttributes({ changes, reason: r.body.reason, holderLabel });
        return;
      }
      if (!form.showError(err)) fail(err);
    }
  };
}

function reasonForm(title, onSave, extra = '') {
  const p = panel(`<h2>${esc(title)}</h2><form class="form" id="reason-form">${extra}
    <label><span>${esc(t('reason'))} *</span><input name="reason" id="reason"><div class="msg" data-msg="reason"></div></label>
    <div class="actions"><button type="submit" class="primary" id="btn-save">${esc(t('save'))}</button>
    <button type="button" id="btn-cancel">${esc(t('cancel'))}</button></div></form>`);
  const form = p.querySelector('form');
  form.onsubmit = async (e) => {
    e.preventDefault();
    const reason = form.elements.reason.value.trim();
    if (!reason) { form.querySelector('[data-msg="reason"]').textContent = t('reasonRequired'); return; }
    await onSave(reason, form);
  };
  return form;
}

function stopEditing() {
  if (state.editing) { state.editing.remove(); state.editing = null; }
  state.map.pm.disableDraw();
  hint('');
}

function editOutline() {
  const f = state.current;
  stopEditing();
  clearOverlay();
  const layer = L.geoJSON(f.geometry, { style: { color: '#1565c0', weight: 2 } }).addTo(state.map);
  state.editing = layer;
  layer.eachLayer((l) => l.pm.enable({ allowSelfIntersection: false, snappable: true }));
  hint(t('editHint'));
  const form = reasonForm(`${f.properties.code} · ${t('editOutline')}`, async (reason) => {
    const geoms = [];
    layer.eachLayer((l) => geoms.push(l.toGeoJSON(8).geometry));
    const geometry = geoms.length === 1 ? geoms[0] : { type: 'MultiPolygon', coordinates: geoms.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)) };
    try {
      await api(`/api/parcels/${f.id}`, { method: 'PATCH', body: { geometry, reason }, headers: { 'If-Match': state.etag } });
      stopEditing();
      toast(t('saved'));
      await state.parcels.reload();
      openParcel(f.id);
    } catch (err) { fail(err); }
  });
  form.querySelector('#btn-cancel').onclick = () => { stopEditing(); openParcel(f.id); };
}

async function retire() {
  const f = state.current;
  reasonForm(`${f.properties.code} · ${t('retire')}`, async (reason) => {
    if (!window.confirm(t('confirmRetire'))) return;
    try {
      await api(`/api/parcels/${f.id}/retire`, { method: 'POST', body: { reason }, headers: { 'If-Match': state.etag } });
      toast(t('saved'));
      await state.parcels.reload();
      openParcel(f.id);
    } catch (err) { fail(err); }
  }).querySelector('#btn-cancel').onclick = () => openParcel(f.id);
}

function startDraw() {
  stopEditing();
  hint(t('drawHint'));
  state.map.pm.enableDraw('Polygon', { allowSelfIntersection: false, snappable: true, finishOn: 'dblclick' });
  state.map.once('pm:create', (e) => {
    hint('');
    state.editing = e.layer;
    const form = attributeForm(null, state.landUse, state.parcelSchema);
    panel(`<h2>${esc(t('draw'))}</h2>`).appendChild(form.el);
    form.el.querySelector('[data-cancel]').onclick = () => { stopEditing(); panel(''); };
    form.el.onsubmit = async (ev) => {
      ev.preventDefault();
      const r = form.read();
      if (!r.ok) return;
      try {
        const { data } = await api('/api/parcels', { method: 'POST', body: { ...r.body, geometry: e.layer.toGeoJSON(8).geometry } });
        stopEditing();
        toast(t('saved'));
        await state.parcels.reload();
        openParcel(data.id);
      } catch (err) { if (!form.showError(err)) fail(err); }
    };
  });
}

/** The form that tags a parcel, or a part of it drawn on the map, as low-efficiency land. */
async function markLowEff(parcel) {
  stopEditing();
  const { data: cfg } = await api('/api/low-efficiency/config');
  const en = lang() === 'en';
  const today = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  const p = panel(`<h2>${esc(parcel.properties.code)} · ${esc(t('markLowEff'))}</h2>
    <form class="form" id="loweff-form">
      <label><span>${esc(t('kind'))}</span><select name="kind">${cfg.kinds.map((k) => `<option value="${esc(k.code)}">${esc(en ? k.nameEn : k.name)}</option>`).join('')}</select></label>
      <label><input type="radio" name="extent" value="whole" checked> ${esc(t('wholeParcel'))} (${num(parcel.properties.areaMu)} ${esc(t('mu'))})</label>
      <label><input type="radio" name="extent" value="part"> ${esc(t('drawPart'))} <span id="part-drawn" class="ok" hidden>✓ ${esc(t('partDrawn'))}</span></label>
      <label><span>${esc(t('surveyDate'))}</span><input type="date" name="surveyDate" value="${today}" max="${today}" required></label>
      <label><span>${esc(t('criteria'))}</span><textarea name="criteria" rows="3"></textarea></label>
      <label><span>${esc(t('notes'))}</span><textarea name="notes" rows="2"></textarea></label>
      <p class="msg error" id="loweff-error"></p>
      <div class="actions"><button type="submit" class="primary" id="btn-save">${esc(t('save'))}</button>
        <button type="button" id="btn-cancel">${esc(t('cancel'))}</button></div>
    </form>`);
  const form = p.querySelector('#loweff-form');
  form.querySelectorAll('input[name=extent]').forEach((r) => {
    r.onchange = () => {
      if (form.extent.value !== 'part') { stopEditing(); $('part-drawn').hidden = true; return; }
      hint(t('drawHint'));
      state.map.pm.enableDraw('Polygon', { allowSelfIntersection: false, snappable: true, finishOn: 'dblclick' });
      state.map.once('pm:create', (e) => { hint(''); state.editing = e.layer; $('part-drawn').hidden = false; });
    };
  });
  $('btn-cancel').onclick = () => { stopEditing(); openParcel(parcel.id); };
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const body = { parcelId: parcel.id, kind: form.kind.value, surveyDate: form.surveyDate.value,
      criteria: form.criteria.value.split('\n').map((x) => x.trim()).filter(Boolean), notes: form.notes.value.trim() };
    if (form.extent.value === 'part') {
      if (!state.editing) { $('loweff-error').textContent = t('drawPart'); return; }
      body.geometry = state.editing.toGeoJSON(8).geometry;
    }
    try {
      const { data } = await api('/api/low-efficiency/tags', { method: 'POST', body });
      stopEditing();
      toast(t('tagSaved'));
      state.lowEffOpen = data.id;
      showView('loweff');
    } catch (e) { $('loweff-error').textContent = e.message; }
  };
}

function startSplit() {
  const f = state.current;
  if (!f) return;
  stopEditing();
  hint(t('splitHint'));
  state.map.pm.enableDraw('Line', { finishOn: 'dblclick' });
  state.map.once('pm:create', (e) => {
    hint('');
    state.editing = e.layer;
    const form = reasonForm(`${f.properties.code} · ${t('split')}`, async (reason, fm) => {
      const codes = fm.elements.codes.value.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
      try {
        const { data } = await api(`/api/parcels/${f.id}/split`, { method: 'POST', body: { line: e.layer.toGeoJSON(8).geometry, codes, reason }, headers: { 'If-Match': state.etag } });
        stopEditing();
        toast(t('saved'));
        await state.parcels.reload();
        openParcel(data.ids[0]);
      } catch (err) { fail(err); }
    }, `<label><span>${esc(t('codes'))}</span><input name="codes"></label>`);
    form.querySelector('#btn-cancel').onclick = () => { stopEditing(); openParcel(f.id); };
  });
}

function toggleMerge(feature) {
  if (state.mergeSet.has(feature.id)) state.mergeSet.delete(feature.id);
  else state.mergeSet.set(feature.id, feature.properties.version);
  state.parcels.marked = new Set(state.mergeSet.keys());
  state.parcels.restyle();
  $('btn-merge').disabled = state.mergeSet.size < 2;
  hint(state.mergeSet.size ? `${t('mergeHint')} · ${t('selectedForMerge', { n: state.mergeSet.size })}` : '');
}

/**
 * Merges the marked parcels. The form lists them (code, holder, land use, area) and asks whose attributes the merged
 * parcel keeps — the first marked unless the user picks another; the others' stay in their history.
 */
async function startMerge() {
  if (state.mergeSet.size < 2) { toast(t('needTwo'), true); return; }
  const parts = [...state.mergeSet].map(([id, version]) => ({ id, version }));
  let features;
  try {
    features = await Promise.all(parts.map((p) => api(`/api/parcels/${p.id}`).then((r) => r.data)));
  } catch (err) { fail(err); return; }
  const en = lang() === 'en';
  const luName = (p) => { const c = state.landUse.find((x) => x.scheme === p.landUseScheme && x.code === p.landUseCode); return c ? (en ? c.nameEn : c.name) : p.landUseCode; };
  const choices = `<fieldset class="merge-keep"><legend>${esc(t('mergeKeep'))}</legend>${features.map((f, i) => {
    const p = f.properties;
    return `<label class="merge-part"><input type="radio" name="keep" value="${Number(f.id)}"${i === 0 ? ' checked' : ''}>
      <span><b>${esc(p.code)}</b><br><small>${esc(p.holderName || t('noHolder'))} · ${esc(p.landUseCode)} ${esc(luName(p))} · ${num(p.areaMu)} ${esc(t('mu'))}</small></span></label>`;
  }).join('')}<small class="muted">${esc(t('mergeKeepNote'))}</small></fieldset>`;
  const form = reasonForm(`${t('merge')} (${parts.length})`, async (reason, f) => {
    try {
      const keep = Number(f.elements.keep.value);
      const { data } = await api('/api/parcels/merge', { method: 'POST', body: { parts, keep, reason } });
      state.mergeSet.clear();
      state.parcels.marked = new Set();
      $('btn-merge').disabled = true;
      hint('');
      toast(t('saved'));
      await state.parcels.reload();
      openParcel(data.id);
    } catch (err) { fail(err); }
  }, choices);
  form.querySelector('#btn-cancel').onclick = () => panel('');
}

// ---------- search ----------

async function search(q) {
  if (!q.trim()) return;
  try {
    const { data } = await api(`/api/search?q=${encodeURIComponent(q.trim())}`);
    const parcels = data.parcels.map((p) => `<li data-parcel="${Number(p.id)}" data-bbox="${esc(JSON.stringify(p.bbox))}">${esc(p.code)}<br><small>${esc(p.holderName || '')} · ${num(p.areaMu)} ${esc(t('mu'))}</small></li>`).join('');
    const ents = data.enterprises.map((e) => `<li data-enterprise="${Number(e.id)}">${esc(e.name)}<br><small>${esc(e.creditCode)} · ${Number(e.parcels)} ${esc(t('parcels'))}</small></li>`).join('');
    // How many match in all when more than are listed (counted up to 1,000).
    const more = (shown, total) => (total > shown
      ? `<p class="muted" data-more>${esc(t('searchShown', { shown, total: total > 1000 ? t('searchOver1000') : total }))}</p>` : '');
    const p = panel(`<h2>${esc(t('parcels'))}</h2>${more(data.parcels.length, data.parcelsMatched)}<ul class="list" id="result-parcels">${parcels || `<li>${esc(t('noResults'))}</li>`}</ul>
      <h2>${esc(t('enterprises'))}</h2>${more(data.enterprises.length, data.enterprisesMatched)}<ul class="list" id="result-enterprises">${ents || `<li>${esc(t('noResults'))}</li>`}</ul>`);
    p.querySelectorAll('li[data-parcel]').forEach((li) => { li.onclick = () => openParcel(li.dataset.parcel, { fit: true }); });
    p.querySelectorAll('li[data-enterprise]').forEach((li) => { li.onclick = () => openEnterprise(li.dataset.enterprise); });
  } catch (e) { fail(e); }
}

// ---------- legend ----------

/**
 * The legend: at parcel scale the land uses of the parcels in view (and nothing else); further out, where parcels come
 * as tiles, every industrial land use.
 */
function renderLegend(inView = null) {
  const en = lang() === 'en';
  const seen = new Set();
  const shown = inView ? state.landUse.filter((c) => inView.has(`${c.scheme}|${c.code}`)) : state.landUse.filter((c) => c.industrial);
  const rows = shown.filter((c) => !seen.has(c.color + c.name) && seen.add(c.color + c.name))
    .map((c) => `<div><i style="background:${esc(c.color)}"></i>${esc(c.code)} ${esc(en ? c.nameEn : c.name)}</div>`).join('');
  $('legend').innerHTML = `<b>${esc(t('legend'))}</b><div><i class="cl"></i>${esc(t('clusters'))}</div>${rows}<div id="zoom-note"${inView ? ' hidden' : ''}><small>${esc(t('zoomIn'))}</small></div>`;
}

/** The land uses (scheme|code) of the loaded parcels that are in view. */
function landUsesInView() {
  const view = state.map.getBounds();
  const codes = new Set();
  for (const layer of state.parcels.byId.values()) {
    const p = layer.feature.properties;
    if (view.intersects(layer.getBounds())) codes.add(`${p.landUseScheme}|${p.landUseCode}`);
  }
  return codes;
}

// ---------- views ----------

/** Shows one of the views (map, account, admin) and marks it in the navigation. */
async function showView(name) {
  $('main').hidden = name !== 'map';
  $('view-account').hidden = name !== 'account';
  $('view-admin').hidden = name !== 'admin';
  $('view-land').hidden = name !== 'land';
  $('view-loweff').hidden = name !== 'loweff';
  $('view-eval').hidden = name !== 'eval';
  $('view-registry').hidden = name !== 'registry';
  $('view-methods').hidden = name !== 'methods';
  $('view-plan').hidden = name !== 'plan';
  $('view-assess').hidden = name !== 'assess';
  $('search-form').hidden = name !== 'map';
  $('asof-box').hidden = name !== 'map';
  document.querySelectorAll('#nav [data-view]').forEach((b) => b.classList.toggle('active', b.dataset.view === name));
  try {
    if (name === 'account') await renderAccount($('view-account'), state.me, toast);
    if (name === 'admin') await renderAdmin($('view-admin'), state.me, toast);
    if (name === 'land') await renderLand($('view-land'), state.me, toast, state.landOffer);
    if (name === 'loweff') await renderLowEff($('view-loweff'), state.me, toast, state.lowEffOpen);
    if (name === 'eval') await renderEval($('view-eval'), state.me, toast);
    if (name === 'registry') await renderRegistry($('view-registry'), state.me, toast);
    if (name === 'methods') await renderMethods($('view-methods'), state.me, toast);
    if (name === 'plan') await renderPlan($('view-plan'), state.me, toast);
    if (name === 'assess') await renderAssessment($('view-assess'), state.me, toast);
    state.lowEffOpen = null;
    state.landOffer = null;
    if (name === 'map' && state.map) state.map.invalidateSize();
  } catch (e) { fail(e); }
}

// ---------- start ----------

async function showApp() {
  $('login').hidden = true;
  $('main').hidden = false;
  $('search-form').hidden = false;
  $('asof-box').hidden = false;
  $('signout').hidden = false;
  $('nav').hidden = false;
  $('nav-admin').hidden = !state.me.isAdmin;
  document.querySelectorAll('#nav [data-view]').forEach((b) => { b.onclick = () => showView(b.dataset.view); });
  // On a phone the views, the language and sign-out are in a menu; choosing a view closes it.
  $('menu').hidden = false;
  $('menu').onclick = () => {
    const open = document.body.classList.toggle('menu-open');
    $('menu').setAttribute('aria-expanded', String(open));
  };
  $('nav').addEventListener('click', () => { document.body.classList.remove('menu-open'); $('menu').setAttribute('aria-expanded', 'false'); });
  // The legend folds to its title on a phone (tap it to open), so that it leaves the map to the parcels.
  if (window.matchMedia('(max-width: 700px)').matches) $('legend').classList.add('collapsed');
  $('legend').onclick = (ev) => { if (ev.target.closest('b')) $('legend').classList.toggle('collapsed'); };
  $('who').textContent = `${state.me.displayName} · ${state.me.roles.map((r) => t(`roleName.${r}`)).join('、')}`;
  $('who').title = $('who').textContent; // shortened in a narrow header
  $('toolbar').hidden = false;
  for (const id of ['btn-draw', 'btn-split', 'btn-merge', 'btn-import']) $(id).hidden = !state.me.canEditParcels;
  const { data: cfg } = await api('/api/config');
  const [{ data: lu }, { data: schema }] = await Promise.all([api('/api/land-use-codes'), api('/api/parcels/schema')]);
  state.landUse = lu;
  state.parcelSchema = schema;
  describeFields(schema);
  renderLegend();
  state.map = createMap($('map'), cfg);
  window.mujunMap = state.map;
  state.parcels = new ParcelLayer(state.map, {
    asOf,
    onSelect: (f, ev) => (ev && ev.shiftKey && state.me.canEditParcels ? toggleMerge(f) : openParcel(f.id)),
    onStatus: (s, n) => {
      renderLegend(s === 'ok' ? landUsesInView() : null);
      document.body.dataset.parcelsLoaded = s === 'ok' ? String(n) : '0';
    },
  });
  const id = new URLSearchParams(location.search).get('parcel');
  const linked = id && /^\d+$/.test(id);
  addParcelTiles(state.map);
  const clusters = await addClusters(state.map, (p) => (lang() === 'en' ? p.nameEn : p.name), { fit: !linked });
  const wizard = { panel, map: state.map, clusters: clusters.features, landUse: state.landUse, notify: toast, onCommitted: () => state.parcels.reload() };
  $('btn-import').onclick = () => startImport(wizard);
  $('btn-export').onclick = () => startExport(wizard);
  $('btn-draw').onclick = startDraw;
  $('btn-split').onclick = startSplit;
  $('btn-merge').onclick = startMerge;
  // The register has nothing before its first entry: such a date is moved to that day, and the user told so.
  if (cfg.registerSince) $('asof').min = cfg.registerSince;
  $('asof').onchange = () => {
    if (asOf() && cfg.registerSince && asOf() < cfg.registerSince) {
      toast(t('asOfBeforeRegister', { date: asOf(), since: cfg.registerSince }));
      $('asof').value = cfg.registerSince;
    }
    state.parcels.reload().catch(fail);
    if (state.current) openParcel(state.current.id);
  };
  if (linked) openParcel(id, { fit: true });
  else if (state.map.getZoom() < PARCEL_MIN_ZOOM) state.parcels.reload();
}

/** Switches the interface language and reloads, keeping the page (and parcel) in the URL. */
function switchLanguage() {
  const next = lang() === 'zh' ? 'en' : 'zh';
  setLang(next);
  const u = new URL(location.href);
  u.searchParams.set('lang', next);
  location.href = u.toString();
}

async function main() {
  translatePage();
  $('lang').textContent = t('lang');
  $('lang').onclick = () => switchLanguage();
  $('search-form').onsubmit = (e) => { e.preventDefault(); search($('search').value); };
  $('signout').onclick = async () => { try { await api('/api/session', { method: 'DELETE' }); } finally { location.reload(); } };
  $('login-form').onsubmit = async (e) => {
    e.preventDefault();
    try {
      const { data } = await api('/api/session', { method: 'POST', body: { username: $('username').value, password: $('password').value } });
      state.me = data;
      setCsrf(data.csrfToken);
      await showApp();
    } catch (err) {
      $('login-error').textContent = err instanceof ApiError && err.status === 401 ? t('signInFailed') : err.message;
    }
  };
  try {
    const { data } = await api('/api/session');
    state.me = data;
    setCsrf(data.csrfToken);
    await showApp();
  } catch (e) {
    $('login').hidden = false;
  }
}

main();
