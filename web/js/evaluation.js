// The evaluation view: the cluster dashboard against the plan's targets (charts), the import of a year's figures
// (dry run, then commit), running a method, the runs and their results, one enterprise's explanation (一企一档)
// with its land on a small map, publishing, verifying, and the exports of results and policies.
import { api, csrf, ApiError } from './api.js';
import { t, lang } from './i18n.js';
import { esc, num } from './format.js';
import { createMap } from './map.js';
import { reasonText, indicatorNames } from './class-step.js';

const L = window.L;
const CLASS_COLORS = { A: '#2e7d32', B: '#1565c0', C: '#ef6c00', D: '#c62828', excluded: '#9e9e9e' };
let v = null;

function clsBadge(c) {
  return c ? `<span class="st cls-${esc(c)}" style="background:${CLASS_COLORS[c] || '#555'}">${esc(c)}</span>` : `<span class="tag">${esc(t('excluded'))}</span>`;
}

export async function renderEval(root, me, toast) {
  const [{ data: methods }, { data: mapCfg }, { data: clusters }, { data: sources }] = await Promise.all([api('/api/evaluation/methods'), api('/api/config'),
    api('/api/clusters'), api('/api/figure-sources')]);
  const en = lang() === 'en';
  const year = new Date().getFullYear() - 1;
  const mine = clusters.features.filter((c) => (me.clusters || []).includes(c.id));
  root.innerHTML = `<h2>${esc(t('evalTitle'))}</h2>
    <h3>${esc(t('dashboard'))} <select id="ev-dash-year">${[0, 1, 2, 3, 4].map((d) => `<option>${year - d}</option>`).join('')}</select></h3>
    <div id="ev-dashboard"></div>
    ${me.canEditIndicators ? `<h3>${esc(t('indicatorsImport'))}</h3>
      <form class="row" id="ev-import"><label>${esc(t('figSource'))}<select name="source">${sources.map((s) => `<option value="${esc(s.code)}" ${s.code === 'summary' ? 'selected' : ''}>${esc(en ? s.nameEn : s.name)}</option>`).join('')}</select></label>
        <label>${esc(t('year'))}<input type="number" name="year" value="${year}" min="2000" max="2100"></label>
        <a class="button" id="ev-template-xlsx" href="#">${esc(t('template'))} XLSX</a> <a class="button" id="ev-template-csv" href="#">CSV</a>
        <label>${esc(t('chooseFile'))}<input type="file" name="file" id="ev-file" accept=".xlsx,.csv"></label>
        <button type="submit">${esc(t('checkFile'))}</button></form><div id="ev-import-result"></div>` : ''}
    ${me.canRunEvaluations ? `<h3>${esc(t('runEval'))}</h3>
      <form class="row" id="ev-run"><label>${esc(t('evalMethod'))}<select name="method">${methods.methods.filter((m) => m.status === 'in_force').map((m) => `<option value="${esc(m.code)}">${esc(en ? m.nameEn : m.name)} v${m.version}</option>`).join('')}</select></label>
        <label>${esc(t('year'))}<input type="number" name="year" value="${year}" min="2000" max="2100"></label>
        <label>${esc(t('cluster'))}<select name="cluster"><option value="">${esc(t('anyCluster'))}</option>
          ${mine.map((c) => `<option value="${c.id}">${esc(en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
        <label>${esc(t('correctsRun'))}<select name="corrects"><option value="">${esc(t('noCorrection'))}</option></select></label>
        <label>${esc(t('correctionReason'))}<input name="note" maxlength="500"></label>
        <button type="submit" class="primary">${esc(t('runEval'))}</button> <span id="ev-run-msg"></span></form>` : ''}
    <h3>${esc(t('runs'))}</h3><div id="ev-runs"></div>
    <div id="ev-run-detail"></div>`;
  v = { root, me, toast, en, methods, mapCfg, map: null, explainMap: null, run: null, sources, clusters: clusters.features };
  root.querySelector('#ev-dash-year').onchange = () => loadDashboard();
  const imp = root.querySelector('#ev-import');
  if (imp) {
    const links = () => {
      root.querySelector('#ev-template-xlsx').href = `/api/indicators/template.xlsx?year=${imp.year.value}&source=${imp.source.value}`;
      root.querySelector('#ev-template-csv').href = `/api/indicators/template.csv?year=${imp.year.value}&source=${imp.source.value}`;
    };
    imp.year.onchange = links;
    imp.source.onchange = links;
    links();
    imp.onsubmit = async (ev) => {
      ev.preventDefault();
      const file = imp.file.files[0];
      if (!file) return;
      const res = await fetch(`/api/indicator-imports?name=${encodeURIComponent(file.name)}&year=${imp.year.value}&source=${imp.source.value}`,
        { method: 'POST', body: file, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/octet-stream' } });
      const data = await res.json();
      if (!res.ok) { showImportError(data); return; }
      showImport(data);
    };
  }
  const run = root.querySelector('#ev-run');
  if (run) {
    run.onsubmit = async (ev) => {
      ev.preventDefault();
      const body = { method: run.method.value, year: Number(run.year.value) };
      if (run.cluster.value) body.clusters = [Number(run.cluster.value)];
      if (run.corrects.value) {
        if (!run.note.value.trim()) { root.querySelector('#ev-run-msg').textContent = t('correctionReasonNeeded'); return; }
        body.correctsRunId = Number(run.corrects.value);
      }
      if (run.note.value.trim()) body.note = run.note.value.trim();
      try {
        const { data } = await api('/api/evaluation/runs', { method: 'POST', body });
        root.querySelector('#ev-run-msg').textContent = `#${data.id} · ${data.enterprises} ${t('enterprisesCount')} · ${data.durationMs} ms`;
        await loadRuns();
        await openRun(data.id);
      } catch (e) { root.querySelector('#ev-run-msg').textContent = e instanceof ApiError ? e.localized() : e.message; }
    };
    run.year.onchange = () => correctable();
  }
  await Promise.all([loadDashboard(), loadRuns()]);
}

/** A row problem in the interface's language: the rule's text when the server names one, else its sentence. */
function ruleText(e) {
  const key = `rules.${e.rule}`;
  const text = e.rule ? t(key, e.params || {}) : key;
  return text === key ? e.message : text;
}

function showImportError(data) {
  const box = v.root.querySelector('#ev-import-result');
  const e = new ApiError(400, data);
  const list = (data.details || []).filter((d) => d.field && d.message).map((d) => `<li>${esc(d.field)}: ${esc(d.message)}</li>`).join('');
  const cols = (data.details || []).find((d) => d.columns);
  box.innerHTML = `<p class="error">${esc(e.localized())}</p>${list ? `<ul>${list}</ul>` : ''}
    ${cols ? `<p class="muted">${esc(t('figColumns'))}: ${cols.columns.map(esc).join('、')}</p>` : ''}`;
}

function showImport(job) {
  const box = v.root.querySelector('#ev-import-result');
  const bad = job.rows.filter((r) => r.status !== 'ok');
  const notes = [...(job.counts.conversions || []).map((c) => `${t('figConverted')}: ${c}`), ...(job.mappingSaved ? [t('mappingSaved')] : [])];
  box.innerHTML = `<p id="ev-import-counts"><span class="ok">${job.counts.ok} ${esc(t('rowsOk'))}</span> · <span class="${job.counts.errors ? 'warn' : ''}">${job.counts.errors} ${esc(t('rowsBad'))}</span></p>
    ${notes.map((n) => `<p class="muted">${esc(n)}</p>`).join('')}
    ${bad.length ? `<table class="grid"><thead><tr><th>${esc(t('line'))}</th><th>${esc(t('creditCode'))}</th><th>${esc(t('rowProblems'))}</th></tr></thead><tbody>
      ${bad.slice(0, 200).map((r) => `<tr><td>${r.line}</td><td>${esc(r.creditCode)}</td><td>${r.errors.map((e) => `${esc(e.field)}: ${esc(ruleText(e))}`).join('<br>')}</td></tr>`).join('')}</tbody></table>` : ''}
    <div class="row"><button type="button" id="ev-commit-all" class="primary" ${job.counts.errors ? 'disabled' : ''}>${esc(t('commitAll'))}</button>
      <button type="button" id="ev-commit-valid" ${job.counts.ok ? '' : 'disabled'}>${esc(t('commitValid'))}</button> <span id="ev-commit-msg"></span></div>`;
  const commit = async (mode) => {
    try {
      const { data } = await api(`/api/indicator-imports/${job.id}/commit`, { method: 'POST', body: { mode } });
      box.querySelector('#ev-commit-msg').textContent = `${t('committed')}: ${data.written}`;
      box.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      await loadDashboard();
    } catch (e) { box.querySelector('#ev-commit-msg').textContent = e.message; }
  };
  box.querySelector('#ev-commit-all').onclick = () => commit('all');
  box.querySelector('#ev-commit-valid').onclick = () => commit('valid');
}

function barChart(clusters, targets) {
  const rows = clusters.filter((c) => c.taxPerMu != null);
  if (!rows.length) return '';
  const tVals = targets.filter((x) => x.key.startsWith('tax_per_mu')).map((x) => Number(x.value));
  const max = Math.max(...rows.map((c) => c.taxPerMu), ...tVals) * 1.1;
  const W = 640, left = 150, barH = 18, gap = 6, H = rows.length * (barH + gap) + 30;
  const x = (val) => left + ((W - left - 50) * val) / max;
  return `<svg class="chart" id="ev-tax-chart" width="${W}" height="${H}" role="img" aria-label="${esc(t('taxPerMu'))}">
    ${rows.map((c, i) => `<text x="${left - 6}" y="${14 + i * (barH + gap)}" text-anchor="end" font-size="12">${esc(v.en ? c.nameEn : c.name)}</text>
      <rect x="${left}" y="${2 + i * (barH + gap)}" width="${(x(c.taxPerMu) - left).toFixed(1)}" height="${barH}" fill="${c.taxPerMu >= tVals[0] ? '#2e7d32' : '#ef6c00'}"></rect>
      <text x="${(x(c.taxPerMu) + 4).toFixed(1)}" y="${14 + i * (barH + gap)}" font-size="12">${num(c.taxPerMu)}</text>`).join('')}
    ${targets.filter((x2) => x2.key.startsWith('tax_per_mu')).map((tg) => `<line x1="${x(Number(tg.value)).toFixed(1)}" x2="${x(Number(tg.value)).toFixed(1)}" y1="0" y2="${H - 20}"
      stroke="#c62828" stroke-dasharray="4 3"></line><text x="${x(Number(tg.value)).toFixed(1)}" y="${H - 6}" font-size="11" fill="#c62828" text-anchor="middle">${esc(t('targetLine'))} ${num(tg.value, 0)}</text>`).join('')}
  </svg>`;
}

function trendChart(series) {
  if (!series || series.length < 2) return '';
  const W = 320, H = 120, pad = 24;
  const vals = series.map((s) => Number(s.taxPerMu || 0));
  const max = Math.max(...vals) * 1.1 || 1;
  const px = (i) => pad + ((W - 2 * pad) * i) / (series.length - 1);
  const py = (val) => H - pad - ((H - 2 * pad) * val) / max;
  return `<svg class="chart" width="${W}" height="${H}"><polyline fill="none" stroke="#1565c0" stroke-width="2" points="${series.map((s, i) => `${px(i).toFixed(1)},${py(Number(s.taxPerMu || 0)).toFixed(1)}`).join(' ')}"></polyline>
    ${series.map((s, i) => `<circle cx="${px(i).toFixed(1)}" cy="${py(Number(s.taxPerMu || 0)).toFixed(1)}" r="3" fill="#1565c0"></circle>
      <text x="${px(i).toFixed(1)}" y="${H - 6}" font-size="10" text-anchor="middle">${s.year}</text>
      <text x="${px(i).toFixed(1)}" y="${(py(Number(s.taxPerMu || 0)) - 6).toFixed(1)}" font-size="10" text-anchor="middle">${num(s.taxPerMu, 1)}</text>`).join('')}</svg>`;
}

function mixBar(classes) {
  const total = Object.values(classes || {}).reduce((a, n) => a + n, 0);
  if (!total) return '—';
  // A class is its letter; the enterprises left out are named in the user's language, never by their code.
  const label = (c) => (c === 'excluded' ? t('excluded') : c);
  return `<div class="bars">${Object.keys(CLASS_COLORS).filter((c) => classes[c]).map((c) => `<span title="${esc(label(c))} ${classes[c]}" style="width:${(100 * classes[c]) / total}%;background:${CLASS_COLORS[c]}"></span>`).join('')}</div>
    <small>${Object.keys(classes).sort().map((c) => `${esc(label(c))} ${classes[c]}`).join(' · ')}</small>`;
}

async function loadDashboard() {
  const year = v.root.querySelector('#ev-dash-year').value;
  const { data } = await api('/api/evaluation/dashboard?year=' + year);
  const target = data.targets.find((x) => x.key === 'tax_per_mu');
  const energyTarget = data.targets.find((x) => x.key === 'energy_per_va_change_pct');
  v.root.querySelector('#ev-dashboard').innerHTML = `<div class="dash-grid"><div>${barChart(data.clusters, data.targets)}</div><div id="ev-trend"></div></div>
    <table class="grid" id="ev-dash-table"><thead><tr><th>${esc(t('cluster'))}</th><th>${esc(t('taxPerMu'))}</th><th>${esc(t('vaPerMu'))}</th><th>${esc(t('energyPerVa'))}</th>
      <th>${esc(t('energyChange'))}</th><th>${esc(t('classMix'))}</th><th>${esc(t('lowEffMu'))}</th><th>${esc(t('provinceRank'))}</th><th>${esc(t('cityRank'))}</th></tr></thead>
    <tbody>${data.clusters.map((c) => {
      const s = (c.series || []).find((x) => String(x.year) === String(year)) || {};
      const change = c.energyPerVaChangePct;
      return `<tr data-code="${esc(c.code)}" class="clickable"><td>${esc(v.en ? c.nameEn : c.name)}</td>
        <td class="num ${c.taxPerMu != null && target && c.taxPerMu < Number(target.value) ? 'warn' : 'ok'}">${num(c.taxPerMu)}</td><td class="num">${num(s.vaPerMu)}</td>
        <td class="num">${num(s.energyPerVa, 4)}</td><td class="num ${change != null && energyTarget && change > Number(energyTarget.value) ? 'warn' : ''}">${change == null ? '—' : num(change, 1) + ' %'}</td>
        <td>${mixBar(c.classes)}</td><td class="num">${num(c.lowEfficiencyMu)}</td><td class="num">${c.provinceRank || '—'} / ${data.rankedCount}</td><td class="num">${c.cityRank || '—'}</td></tr>`;
    }).join('')}</tbody></table>
    <p class="legend-inline">${data.targets.map((x) => esc(x.label)).join(' · ')}</p>
    ${parksTable(data.clusters, target)}`;
  v.root.querySelectorAll('#ev-dash-table tbody tr').forEach((tr) => {
    tr.onclick = () => {
      const c = data.clusters.find((x) => x.code === tr.dataset.code);
      v.root.querySelector('#ev-trend').innerHTML = `<strong>${esc(v.en ? c.nameEn : c.name)} · ${esc(t('trend'))}</strong><br>${trendChart(c.series)}`;
    };
  });
  const first = v.root.querySelector('#ev-dash-table tbody tr');
  if (first) first.click();
}

/** The parks inside the clusters (区中园) with the same figures for the year: land, enterprises, tax per 亩, low-efficiency land. */
function parksTable(clusters, target) {
  const rows = clusters.flatMap((c) => (c.parks || []).map((p) => ({ c, p })));
  if (!rows.length) return '';
  return `<h4>${esc(t('regParks'))}</h4><table class="grid" id="ev-dash-parks"><thead><tr><th>${esc(t('cluster'))}</th><th>${esc(t('regName'))}</th>
    <th>${esc(t('regKind'))}</th><th>${esc(t('industrialMu'))}</th><th>${esc(t('enterprises'))}</th><th>${esc(t('taxPerMu'))}</th><th>${esc(t('lowEffMu'))}</th></tr></thead>
    <tbody>${rows.map(({ c, p }) => `<tr><td>${esc(v.en ? c.nameEn : c.name)}</td><td>${esc(v.en ? (p.nameEn || p.name) : p.name)}</td><td>${esc(v.en ? p.kindNameEn : p.kindName)}</td>
      <td class="num">${num(p.summary.industrialMu, 1)}</td><td class="num">${p.summary.enterprises}</td>
      <td class="num ${p.summary.taxPerMu != null && target && p.summary.taxPerMu < Number(target.value) ? 'warn' : 'ok'}">${num(p.summary.taxPerMu)}</td>
      <td class="num">${num(p.summary.lowEfficiencyMu, 1)}</td></tr>`).join('')}</tbody></table>`;
}

/** The published runs of the run form's year, which a new run may correct (publishing it then replaces them). */
function correctable() {
  const form = v.root.querySelector('#ev-run');
  if (!form || !v.runs) return;
  const keep = form.corrects.value;
  form.corrects.innerHTML = `<option value="">${esc(t('noCorrection'))}</option>${v.runs.filter((r) => r.status === 'published' && String(r.year) === form.year.value)
    .map((r) => `<option value="${r.id}" ${String(r.id) === keep ? 'selected' : ''}>#${r.id} · ${esc(v.en ? r.methodNameEn : r.methodName)}</option>`).join('')}`;
}

async function loadRuns() {
  const { data } = await api('/api/evaluation/runs');
  v.runs = data;
  correctable();
  v.root.querySelector('#ev-runs').innerHTML = data.length ? `<table class="grid" id="ev-runs-table"><thead><tr><th>#</th><th>${esc(t('year'))}</th><th>${esc(t('evalMethod'))}</th>
    <th>${esc(t('status'))}</th><th>${esc(t('classMix'))}</th><th>${esc(t('durationMs'))}</th><th></th></tr></thead><tbody>
    ${data.map((r) => `<tr data-id="${r.id}" class="clickable"><td>${r.id}</td><td>${r.year}</td><td>${esc(v.en ? r.methodNameEn : r.methodName)} v${r.methodVersion}</td>
      <td>${esc(t(r.status))}${r.correctsRunId ? ` (${esc(t('correction'))} #${r.correctsRunId})` : ''}</td><td>${mixBar(r.counts || {})}</td><td class="num">${r.durationMs ?? '—'}</td>
      <td><small>${esc(r.createdBy)} ${esc((r.createdAt || '').slice(0, 10))}</small></td></tr>`).join('')}</tbody></table>` : '<p>—</p>';
  v.root.querySelectorAll('#ev-runs-table tbody tr').forEach((tr) => { tr.onclick = () => openRun(Number(tr.dataset.id)); });
}

async function openRun(id) {
  const { data: run } = await api(`/api/evaluation/runs/${id}`);
  v.run = run;
  v.page = { offset: 0, limit: 50 };
  const box = v.root.querySelector('#ev-run-detail');
  const canRun = v.me.canRunEvaluations;
  box.innerHTML = `<h3 id="ev-run-title">#${run.id} · ${run.year} · ${esc(v.en ? run.methodNameEn : run.methodName)} v${run.methodVersion} · <span id="ev-run-status">${esc(t(run.status))}</span></h3>
    <div class="row">
      ${canRun && run.status === 'draft' ? `<button type="button" id="ev-publish" class="primary">${esc(t('publish'))}</button><button type="button" id="ev-discard">${esc(t('discard'))}</button>` : ''}
      ${canRun ? `<button type="button" id="ev-verify">${esc(t('verify'))}</button>` : ''} <span id="ev-verify-msg"></span>
      <a class="button" href="/api/evaluation/runs/${id}/results.xlsx${v.en ? '?lang=en' : ''}">${esc(t('exportResults'))} XLSX</a> <a class="button" href="/api/evaluation/runs/${id}/results.csv${v.en ? '?lang=en' : ''}">CSV</a>
      <a class="button" id="ev-policies" href="/api/evaluation/runs/${id}/policies.xlsx">${esc(t('exportPolicies'))} XLSX</a> <a class="button" href="/api/evaluation/runs/${id}/policies.csv">CSV</a>
      <a class="button" id="ev-print-list" target="_blank" href="/eval-print.html?run=${id}${v.en ? '&lang=en' : ''}">${esc(t('printList'))}</a>
    </div>
    <div class="land-layout"><div><div id="ev-map" class="land-map"></div>
      <form class="row" id="ev-results-filter"><label>${esc(t('regSearch'))}<input name="q" maxlength="60"></label>
        <label>${esc(t('cls'))}<select name="class"><option value="">${esc(t('anyClass'))}</option>${(run.classes || []).map((c) => `<option>${esc(c)}</option>`).join('')}
          <option value="excluded">${esc(t('excluded'))}</option></select></label>
        <label>${esc(t('cluster'))}<select name="cluster"><option value="">${esc(t('anyCluster'))}</option>${(run.clusters || []).map((k) => {
          const c = v.clusters.find((x) => x.id === k);
          return c ? `<option value="${k}">${esc(v.en ? c.properties.nameEn : c.properties.name)}</option>` : '';
        }).join('')}</select></label>
        <label>${esc(t('group'))}<select name="group"><option value="">${esc(t('anyGroup'))}</option><option value="above">${esc(t('grp_above'))}</option>
          <option value="below">${esc(t('grp_below'))}</option></select></label>
        <label><input type="checkbox" name="changed"> ${esc(t('changedOnly'))}</label><button type="submit">${esc(t('apply'))}</button></form>
      <div id="ev-results-box"></div></div>
      <div id="ev-explain"></div></div>`;
  const filter = box.querySelector('#ev-results-filter');
  filter.onsubmit = (ev) => { ev.preventDefault(); v.page.offset = 0; loadResults(id); };
  await loadResults(id);

  const pub = box.querySelector('#ev-publish');
  if (pub) {
    pub.onclick = async () => {
      try {
        await api(`/api/evaluation/runs/${id}/publish`, { method: 'POST', body: {} });
        await loadRuns();
        await openRun(id);
        await loadDashboard();
      } catch (e) { v.toast(e instanceof ApiError ? e.localized() : e.message, true); }
    };
    box.querySelector('#ev-discard').onclick = async () => {
      try {
        await api(`/api/evaluation/runs/${id}/discard`, { method: 'POST', body: {} });
        box.innerHTML = '';
        await loadRuns();
      } catch (e) { v.toast(e.message, true); }
    };
  }
  const ver = box.querySelector('#ev-verify');
  if (ver) {
    ver.onclick = async () => {
      const { data } = await api(`/api/evaluation/runs/${id}/verify`, { method: 'POST', body: {} });
      box.querySelector('#ev-verify-msg').innerHTML = data.identical ? `<span class="ok">✓ ${esc(t('identical'))}</span> <small>${esc(data.outputSha256.slice(0, 16))}…</small>`
        : `<span class="warn">${esc(t('notIdentical'))}</span>`;
    };
  }
  if (v.map) v.map.remove();
  v.map = createMap(box.querySelector('#ev-map'), v.mapCfg);
  const layer = L.geoJSON(null, { style: (f) => ({ fillColor: CLASS_COLORS[f.properties.class] || '#999', fillOpacity: 0.65, color: '#333', weight: 0.6 }) }).addTo(v.map);
  const load = async () => {
    if (v.map.getZoom() < 13) { layer.clearLayers(); return; }
    const b = v.map.getBounds();
    const { data } = await api(`/api/evaluation/runs/${id}/map?bbox=${[b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(5)).join(',')}`);
    layer.clearLayers();
    layer.addData(data);
    layer.eachLayer((l) => {
      l.bindTooltip(`${esc(l.feature.properties.name)} · ${esc(l.feature.properties.class)}`);
      l.on('click', () => explain(id, l.feature.properties.enterpriseId));
    });
  };
  v.map.on('moveend', load);
  const runForm = v.root.querySelector('#ev-run');
  const c = runForm ? runForm.cluster : null;
  const cl = (await api('/api/clusters')).data.features.find((f) => run.clusters.includes(f.id) && (!c || !c.value || String(f.id) === c.value));
  if (cl) v.map.fitBounds(L.geoJSON(cl).getBounds());
}

const FIGURES = ['tax_wan', 'revenue_wan', 'value_added_wan', 'output_wan', 'profit_wan', 'energy_tce', 'electricity_wan_kwh', 'emissions_t',
  'employees', 'rd_wan', 'investment_wan', 'rented_area_m2'];

/** One page of the open run's results, with the filters of the form above it and a pager. */
async function loadResults(id) {
  const f = v.root.querySelector('#ev-results-filter');
  const q = new URLSearchParams({ limit: String(v.page.limit), offset: String(v.page.offset) });
  if (f.q.value.trim()) q.set('q', f.q.value.trim());
  if (f.class.value) q.set('class', f.class.value);
  if (f.changed.checked) q.set('changed', 'true');
  if (f.cluster.value) q.set('cluster', f.cluster.value);
  if (f.group.value) q.set('group', f.group.value);
  // The printed list follows the cluster chosen here.
  v.root.querySelector('#ev-print-list').href = `/eval-print.html?run=${id}${f.cluster.value ? `&cluster=${f.cluster.value}` : ''}${v.en ? '&lang=en' : ''}`;
  const { data } = await api(`/api/evaluation/runs/${id}/results?${q}`);
  const box = v.root.querySelector('#ev-results-box');
  const to = v.page.offset + data.items.length;
  box.innerHTML = `<p class="muted" id="ev-results-count">${esc(t('resultsMatched', { n: data.numberMatched, from: data.numberMatched ? v.page.offset + 1 : 0, to }))}</p>
    <table class="grid" id="ev-results"><thead><tr><th>${esc(t('cluster'))}</th><th>${esc(t('enterprise'))}</th><th>${esc(t('group'))}</th><th>${esc(t('score'))}</th>
      <th>${esc(t('rank'))}</th><th>${esc(t('cls'))}</th><th>${esc(t('previousClass'))}</th></tr></thead><tbody>
    ${data.items.map((r) => `<tr data-id="${r.enterpriseId}" class="clickable"><td>${esc(r.clusterName)}</td><td>${esc(r.name)}<br><small>${esc(r.creditCode)}</small></td>
      <td>${esc(r.group ? (t(`grp_${r.group}`) === `grp_${r.group}` ? r.group : t(`grp_${r.group}`)) : '')}</td><td class="num">${r.score == null ? '—' : num(r.score)}</td><td class="num">${r.rank == null ? '—' : `${r.rank}/${r.groupSize}`}</td>
      <td>${clsBadge(r.class)}${r.veto ? ` <span class="flag">${esc(t('veto'))}</span>` : ''}</td><td>${r.previousClass ? clsBadge(r.previousClass) : '—'}</td></tr>`).join('')}</tbody></table>
    <div class="actions"><button type="button" id="ev-prev" ${v.page.offset === 0 ? 'disabled' : ''}>‹</button>
      <button type="button" id="ev-next" ${to >= data.numberMatched ? 'disabled' : ''}>›</button></div>`;
  box.querySelectorAll('#ev-results tbody tr').forEach((tr) => { tr.onclick = () => explain(id, Number(tr.dataset.id)); });
  box.querySelector('#ev-prev').onclick = () => { v.page.offset = Math.max(0, v.page.offset - v.page.limit); loadResults(id); };
  box.querySelector('#ev-next').onclick = () => { v.page.offset += v.page.limit; loadResults(id); };
}

/** The year's figures with the source of each: the one used first, the others beside it (file, row, who, when). */
function figuresTable(figures) {
  if (!figures) return '';
  const srcName = (code) => {
    const s = (v.sources || []).find((x) => x.code === code);
    return s ? (v.en ? s.nameEn : s.name) : t(`src_${code}`);
  };
  const rows = FIGURES.filter((f) => figures[f] != null || (figures.sources && figures.sources[f])).map((f) => {
    const src = (figures.sources && figures.sources[f]) || [];
    const cell = src.length ? src.map((s) => `<span class="${s.used ? 'ok' : 'muted'}">${esc(srcName(s.source))} ${s.value == null ? '—' : num(s.value, 2)}${s.used ? ` (${esc(t('figUsed'))})` : ''}`
      + `${s.file ? ` · ${esc(s.file)}${s.line ? ` #${s.line}` : ''}` : ''}</span>`).join('<br>') : `<span class="muted">${esc(t('figNoSource'))}</span>`;
    return `<tr><td>${esc(t(`fig_${f}`))}</td><td class="num">${figures[f] == null ? '—' : num(figures[f], 2)}</td><td>${cell}</td></tr>`;
  });
  return rows.length ? `<table class="grid" id="ev-figures"><thead><tr><th>${esc(t('figure'))}</th><th>${esc(t('value'))}</th><th>${esc(t('figSources'))}</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table>` : '';
}

async function explain(runId, enterpriseId) {
  const { data } = await api(`/api/evaluation/runs/${runId}/enterprises/${enterpriseId}`);
  const r = data.result;
  const box = v.root.querySelector('#ev-explain');
  v.root.querySelectorAll('#ev-results tr').forEach((tr) => tr.classList.toggle('active', tr.dataset.id === String(enterpriseId)));
  box.innerHTML = `<h3 id="ev-explain-title">${esc(t('explain'))} · ${esc(data.enterprise.name)} ${clsBadge(r.class)}</h3>
    <table class="facts"><tr><th>${esc(t('creditCode'))}</th><td>${esc(data.enterprise.creditCode)}</td></tr>
      <tr><th>${esc(t('cluster'))}</th><td>${esc(v.en ? data.enterprise.clusterNameEn : data.enterprise.clusterName)}</td></tr>
      <tr><th>${esc(t('land'))}</th><td>${num(data.input.held_mu)} + ${num(data.input.rented_mu)} (${esc(t('landHeldRented'))})</td></tr>
      ${r.exclusion ? `<tr><th>${esc(t('excluded'))}</th><td class="warn" id="ev-exclusion">${esc(reasonText(r.reason, r.exclusion))}</td></tr>` : ''}
      ${r.score != null ? `<tr><th>${esc(t('score'))}</th><td>${num(r.score)}${Number(r.bonus) ? ` (+${num(r.bonus)})` : ''} · ${esc(t('rank'))} ${r.rank}/${r.group_size}</td></tr>` : ''}
      ${r.class_step ? `<tr><th>${esc(t('step'))}</th><td id="ev-step">${esc(reasonText(r.reason, r.class_step, indicatorNames(data.indicatorCatalogue)))}</td></tr>` : ''}
      ${r.veto ? `<tr><th>${esc(t('veto'))}</th><td class="warn">${esc(r.veto)}</td></tr>` : ''}
      <tr><th>${esc(t('previousClass'))}</th><td>${data.previousClass ? clsBadge(data.previousClass) : '—'}</td></tr>
      <tr><th>${esc(t('classHistory'))}</th><td>${data.history.map((h) => `${h.year} ${clsBadge(h.class)}`).join(' ')}</td></tr></table>
    ${r.indicators.length ? `<table class="grid" id="ev-indicators"><thead><tr><th>${esc(t('indicator'))}</th><th>${esc(t('value'))}</th><th>${esc(t('benchmark'))}</th>
      <th>${esc(t('weight'))}</th><th>${esc(t('points'))}</th></tr></thead><tbody>${r.indicators.map((x) => `<tr><td>${esc(v.en ? x.nameEn : x.name)}<br><small>${esc(x.unit)}</small></td>
      <td class="num">${x.value == null ? '—' : num(x.value, 2)}</td><td class="num">${num(x.benchmark, 2)}</td><td class="num">${num(x.weight, 0)}${x.cap ? ` ×${num(x.cap, 1)}` : ''}</td>
      <td class="num">${num(x.points, 2)}${x.capped ? ` <span class="tag">${esc(t('capped'))}</span>` : ''}</td></tr>`).join('')}</tbody></table>` : ''}
    ${(r.items || []).length ? `<h4>${esc(t('evItems'))}</h4><ul id="ev-items">${r.items.map((x) => `<li>${esc(x.name || x.code)}：${esc(t('mwFx_' + x.effect))}`
      + `${x.points != null ? ` ${num(x.points, 2)}` : ''}${x.class ? ` → ${esc(x.class)}` : ''}${x.reason ? `（${esc(x.reason)}）` : ''}</li>`).join('')}</ul>` : ''}
    ${figuresTable(data.input.figures)}
    ${data.policies.length ? `<h4>${esc(t('evPolicies'))}</h4><ul id="ev-policy-list">${data.policies.map((p) => `<li>${esc(p.kind)}（${esc(p.department)}）：${esc(p.description)}`
      + `${p.value == null ? '' : ` ${esc(p.value)} ${esc(p.unit)}`}</li>`).join('')}</ul>` : ''}
    <p><a class="button" id="ev-print-dossier" target="_blank" href="/eval-print.html?run=${runId}&enterprise=${enterpriseId}${v.en ? '&lang=en' : ''}">${esc(t('printDossier'))}</a></p>
    <div id="ev-explain-map" class="small-map"></div>`;
  if (v.explainMap) v.explainMap.remove();
  v.explainMap = createMap(box.querySelector('#ev-explain-map'), v.mapCfg);
  const lyr = L.geoJSON(data.parcels, { style: { color: CLASS_COLORS[r.class] || '#555', weight: 2, fillOpacity: 0.4 } }).addTo(v.explainMap);
  if (lyr.getBounds().isValid()) v.explainMap.fitBounds(lyr.getBounds(), { maxZoom: 17 });
}
