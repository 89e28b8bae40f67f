// The province's work plan (工作计划): the tasks of a year with their deadlines, and for each city and cluster whether
// the data shows it done, late, overdue or still in time, as of a date; a map of the clusters coloured by one task's
// status, the tasks themselves (set by the province, or a city's own), and the printable bulletin (通报).
import { api } from './api.js';
import { t, lang } from './i18n.js';
import { esc } from './format.js';
import { createMap } from './map.js';

const L = window.L;
export const STATUS_COLORS = { done: '#2e7d32', late: '#f9a825', overdue: '#c62828', open: '#1565c0' };
let p = null;

function chip(status, text) {
  return `<span class="plan-st plan-${esc(status)}" style="background:${STATUS_COLORS[status] || '#777'}">${esc(text || t('planSt_' + status))}</span>`;
}

export async function renderPlan(root, me, toast) {
  const [{ data: mapCfg }, { data: clusters }] = await Promise.all([api('/api/config'), api('/api/clusters')]);
  const year = new Date().getFullYear();
  const today = new Date().toISOString().slice(0, 10);
  p = { root, me, toast, en: lang() === 'en', mapCfg, clusters: clusters.features, map: null, layer: null, data: null };
  root.innerHTML = `<h2>${esc(t('planTitle'))}</h2>
    <form class="row" id="plan-form"><label>${esc(t('year'))}<input type="number" name="year" value="${year}" min="2000" max="2100"></label>
      <label>${esc(t('planAsOf'))}<input type="date" name="asOf" value="${today}"></label>
      <button type="submit">${esc(t('apply'))}</button> <a class="button" id="plan-print" target="_blank" href="#">${esc(t('planPrint'))}</a></form>
    <p class="muted">${Object.keys(STATUS_COLORS).map((s) => `${chip(s)} ${esc(t('planStDesc_' + s))}`).join(' ')}</p>
    <div id="plan-body"></div>`;
  const f = root.querySelector('#plan-form');
  f.onsubmit = (ev) => { ev.preventDefault(); load(); };
  await load();
}

async function load() {
  const f = p.root.querySelector('#plan-form');
  const q = `year=${encodeURIComponent(f.year.value)}&asOf=${encodeURIComponent(f.asOf.value)}`;
  p.root.querySelector('#plan-print').href = `/plan-print.html?${q}${p.en ? '&lang=en' : ''}`;
  const { data } = await api(`/api/plan?${q}`);
  p.data = data;
  const en = p.en;
  const body = p.root.querySelector('#plan-body');
  if (!data.kinds.length) {
    body.innerHTML = `<p class="note" id="plan-empty">${esc(t('planNoTasks', { year: data.year }))}</p>${taskEditor(data)}`;
    wireTasks(data);
    return;
  }
  const head = data.kinds.map((k) => `<th>${esc(en ? k.nameEn : k.name)}<br><small>${esc(en ? k.doneWhenEn : k.doneWhen)}</small></th>`).join('');
  const cell = (x, perCluster) => {
    if (!x) return '<td>—</td>';
    const c = x.counts;
    return `<td>${chip(x.status)}<br><small>${esc(t('planDue', { date: x.dueOn }))}${perCluster
      ? `<br>${esc(t('planCounts', { done: c.done, late: c.late, overdue: c.overdue, open: c.open, total: c.total }))}` : ''}</small></td>`;
  };
  body.innerHTML = `<div class="land-layout"><div>
      <label>${esc(t('planMapTask'))}<select id="plan-map-task">${data.kinds.map((k) => `<option value="${esc(k.code)}">${esc(en ? k.nameEn : k.name)}</option>`).join('')}</select></label>
      <div id="plan-map" class="land-map"></div></div>
    <div><table class="grid" id="plan-table"><thead><tr><th>${esc(t('planCity'))}</th>${head}</tr></thead><tbody>
      ${data.cities.map((ci) => `<tr class="plan-city"><td><button type="button" class="link" data-city="${esc(ci.code)}">${esc(en ? ci.nameEn : ci.name)}</button></td>
        ${data.kinds.map((k) => cell((ci.tasks || {})[k.code], k.perCluster)).join('')}</tr>
        <tr class="plan-clusters" data-of="${esc(ci.code)}" hidden><td colspan="${data.kinds.length + 1}"><table class="grid"><tbody>
        ${(ci.clusters || []).map((k) => `<tr><td>${esc(en ? k.nameEn : k.name)}</td>${data.kinds.map((kd) => {
          const x = (k.tasks || {})[kd.code];
          if (!x) return '<td>—</td>';
          const d = x.detail && x.detail.tags != null ? ` ${t('planPlanned', { planned: x.detail.planned, tags: x.detail.tags })}` : '';
          return `<td>${chip(x.status)}${x.doneAt ? `<br><small>${esc(String(x.doneAt).slice(0, 10))}</small>` : ''}<small>${esc(d)}</small></td>`;
        }).join('')}</tr>`).join('')}</tbody></table></td></tr>`).join('')}</tbody></table></div></div>
    ${taskEditor(data)}`;
  body.querySelectorAll('[data-city]').forEach((b) => {
    b.onclick = () => { const r = body.querySelector(`tr[data-of="${CSS.escape(b.dataset.city)}"]`); r.hidden = !r.hidden; };
  });
  if (p.map) p.map.remove();
  p.map = createMap(body.querySelector('#plan-map'), p.mapCfg);
  const sel = body.querySelector('#plan-map-task');
  sel.onchange = () => paint(sel.value);
  paint(sel.value);
  wireTasks(data);
}

/** Colours each cluster by its status for one task (a city-level task colours all the city's clusters). */
function paint(kind) {
  const byCluster = {};
  for (const ci of p.data.cities) {
    for (const k of ci.clusters || []) {
      const x = (k.tasks || {})[kind] || (ci.tasks || {})[kind];
      if (x) byCluster[k.id] = { status: x.status, name: p.en ? k.nameEn : k.name };
    }
  }
  if (p.layer) p.layer.remove();
  const feats = p.clusters.filter((f) => byCluster[f.id]);
  p.layer = L.geoJSON({ type: 'FeatureCollection', features: feats }, {
    style: (f) => ({ color: '#333', weight: 1, fillColor: STATUS_COLORS[byCluster[f.id].status], fillOpacity: 0.7 }),
    onEachFeature: (f, l) => l.bindTooltip(`${esc(byCluster[f.id].name)}：${esc(t('planSt_' + byCluster[f.id].status))}`),
  }).addTo(p.map);
  if (p.layer.getBounds().isValid()) p.map.fitBounds(p.layer.getBounds(), { padding: [10, 10] });
}

function taskEditor(data) {
  if (!(p.me.editsProvinceMethods || (p.me.methodCities || []).length)) return '';
  return `<h3>${esc(t('planTasks', { year: data.year }))}</h3>
    <table class="grid" id="plan-tasks"><thead><tr><th>${esc(t('planKind'))}</th><th>${esc(t('planCity'))}</th><th>${esc(t('planDueOn'))}</th><th>${esc(t('planBasis'))}</th><th></th></tr></thead>
    <tbody>${data.tasks.map((x) => `<tr data-task="${x.id}"><td>${esc(t('planKind_' + x.kind))}</td><td>${esc(x.cityCode ? (p.en ? x.cityNameEn : x.cityName) : t('planAllCities'))}</td>
      <td><input type="date" data-f="dueOn" value="${esc(x.dueOn)}"></td><td><input data-f="basis" value="${esc(x.basis)}" size="40"></td>
      <td><button type="button" data-save="${x.id}" data-version="${x.version}">${esc(t('save'))}</button></td></tr>`).join('')}</tbody></table>
    ${p.me.editsProvinceMethods ? `<p><button type="button" id="plan-copy">${esc(t('planCopy', { from: data.year - 1, to: data.year }))}</button></p>
      <p>${esc(t('repLink'))}（${data.year - 1}）：<button type="button" id="rep-publish">${esc(t('repPublish'))}</button>
        <button type="button" id="rep-withdraw">${esc(t('repWithdraw'))}</button> <a href="/reports.html" target="_blank">${esc(t('repOpen'))}</a></p>` : ''}`;
}

function wireTasks(data) {
  const body = p.root.querySelector('#plan-body');
  body.querySelectorAll('[data-save]').forEach((b) => {
    b.onclick = async () => {
      const tr = b.closest('tr');
      const id = b.dataset.save;
      try {
        await api(`/api/plan/tasks/${id}`, { method: 'PATCH', headers: { 'If-Match': `"task-${id}-v${b.dataset.version}"` },
          body: { dueOn: tr.querySelector('[data-f=dueOn]').value, basis: tr.querySelector('[data-f=basis]').value } });
        p.toast(t('planSaved'));
        await load();
      } catch (e) { p.toast(e.localized ? e.localized() : String(e), true); }
    };
  });
  // The public report of the evaluation year before the plan's year (the year whose figures were evaluated).
  for (const [id, published, msg] of [['#rep-publish', true, 'repPublished'], ['#rep-withdraw', false, 'repWithdrawn']]) {
    const b = body.querySelector(id);
    if (b) {
      b.onclick = async () => {
        try {
          await api(`/api/public-reports/${data.year - 1}`, { method: 'PUT', body: { published } });
          p.toast(t(msg, { year: data.year - 1 }));
        } catch (e) { p.toast(e.localized ? e.localized() : String(e), true); }
      };
    }
  }
  const copy = body.querySelector('#plan-copy');
  if (copy) {
    copy.onclick = async () => {
      try {
        const { data: r } = await api('/api/plan/tasks/copy', { method: 'POST', body: { from: data.year - 1, to: data.year } });
        p.toast(t('planCopied', { n: r.copied }));
        await load();
      } catch (e) { p.toast(e.localized ? e.localized() : String(e), true); }
    };
  }
}
