// The clusters' yearly assessment (集聚区考核): run a method over a year, the clusters ranked with their score, grade
// and ranks in the province and the city, each cluster's indicators explained (value, source, benchmark, points), the
// figures the data cannot give entered with their source, and publishing.
import { api } from './api.js';
import { t, lang } from './i18n.js';
import { esc, num } from './format.js';

let a = null;

export async function renderAssessment(root, me, toast) {
  const [{ data }, { data: clusters }] = await Promise.all([api('/api/assessment'), api('/api/clusters')]);
  a = { root, me, toast, en: lang() === 'en', data, clusters: clusters.features.filter((c) => (me.clusters || []).includes(c.id)) };
  const en = a.en;
  const year = new Date().getFullYear() - 1;
  const entered = data.indicators.filter((i) => !i.computed);
  root.innerHTML = `<h2>${esc(t('asTitle'))}</h2>
    <details><summary>${esc(t('asIndicators'))}</summary><table class="grid" id="as-catalogue"><thead><tr><th>${esc(t('indicator'))}</th><th>${esc(t('asUnit'))}</th>
      <th>${esc(t('asHow'))}</th></tr></thead><tbody>${data.indicators.map((i) => `<tr><td>${esc(en ? i.nameEn : i.name)}</td><td>${esc(i.unit)}</td>
      <td>${esc(i.computed ? t('asComputed') : t('asEntered'))}：${esc(i.formula)}</td></tr>`).join('')}</tbody></table></details>
    ${me.canRunEvaluations ? `<form class="row" id="as-run"><label>${esc(t('asMethod'))}<select name="method">${data.methods.map((m) => `<option value="${esc(m.code)}">${esc(en ? m.nameEn : m.name)} v${m.version}</option>`).join('')}</select></label>
      <label>${esc(t('year'))}<input type="number" name="year" value="${year}" min="2000" max="2100"></label><button type="submit" class="primary">${esc(t('asRun'))}</button></form>
    <form class="row" id="as-figure"><label>${esc(t('cluster'))}<select name="clusterId">${a.clusters.map((c) => `<option value="${c.id}">${esc(en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
      <label>${esc(t('indicator'))}<select name="indicator">${entered.map((i) => `<option value="${esc(i.code)}">${esc(en ? i.nameEn : i.name)}（${esc(i.unit)}）</option>`).join('')}</select></label>
      <label>${esc(t('year'))}<input type="number" name="year" value="${year}" min="2000" max="2100"></label>
      <label>${esc(t('value'))}<input type="number" name="value" step="any" required></label><label>${esc(t('asSource'))}<input name="source" required placeholder="${esc(t('asSourceHint'))}"></label>
      <button type="submit">${esc(t('asEnter'))}</button></form>` : ''}
    <h3>${esc(t('asRuns'))}</h3><ul id="as-runs">${data.runs.map((r) => `<li><button type="button" class="link" data-run="${r.id}">#${r.id} · ${r.year} · ${esc(r.method)} v${r.version} · ${esc(t(r.status))}</button></li>`).join('') || `<li>${esc(t('asNoRuns'))}</li>`}</ul>
    <div id="as-result"></div>`;
  root.querySelectorAll('[data-run]').forEach((b) => { b.onclick = () => open(Number(b.dataset.run)); });
  const run = root.querySelector('#as-run');
  if (run) {
    run.onsubmit = async (ev) => {
      ev.preventDefault();
      try {
        const { data: r } = await api('/api/assessment/runs', { method: 'POST', body: { method: run.method.value, year: Number(run.year.value) } });
        toast(t('asDone', { id: r.id }));
        await renderAssessment(root, me, toast);
        await open(r.id);
      } catch (e) { toast(e.localized ? e.localized() : String(e), true); }
    };
  }
  const fig = root.querySelector('#as-figure');
  if (fig) {
    fig.onsubmit = async (ev) => {
      ev.preventDefault();
      try {
        await api('/api/assessment/figures', { method: 'PUT', body: { clusterId: Number(fig.clusterId.value), year: Number(fig.year.value), indicator: fig.indicator.value,
          value: Number(fig.value.value), source: fig.source.value.trim() } });
        toast(t('asEntered'));
      } catch (e) { toast(e.localized ? e.localized() : String(e), true); }
    };
  }
}

function stars(grade) {
  return esc(grade || '—');
}

async function open(id) {
  const { data: r } = await api(`/api/assessment/runs/${id}`);
  const en = a.en;
  const codes = (r.definition.indicators || []).map((x) => x.code);
  const name = (code) => { const i = a.data.indicators.find((x) => x.code === code); return i ? (en ? i.nameEn : i.name) : code; };
  const box = a.root.querySelector('#as-result');
  box.innerHTML = `<h3 id="as-title">#${r.id} · ${r.year} · ${esc(en ? r.methodNameEn : r.methodName)} · ${esc(t(r.status))}</h3>
    ${r.status === 'draft' && a.me.editsProvinceMethods ? `<p><button type="button" id="as-publish" class="primary">${esc(t('publish'))}</button></p>` : ''}
    <table class="grid" id="as-table"><thead><tr><th>${esc(t('asProvinceRank'))}</th><th>${esc(t('cluster'))}</th><th>${esc(t('repCity'))}</th><th>${esc(t('asCityRank'))}</th>
      <th>${esc(t('score'))}</th><th>${esc(t('asGrade'))}</th>${codes.map((c) => `<th>${esc(name(c))}</th>`).join('')}</tr></thead><tbody>
      ${(r.results || []).map((x) => `<tr class="clickable" data-cluster="${x.clusterId}"><td class="num">${x.provinceRank}</td><td>${esc(en ? x.nameEn : x.name)}</td>
        <td>${esc(en ? x.cityNameEn : x.cityName)}</td><td class="num">${x.cityRank}</td><td class="num">${num(x.score, 2)}</td><td><b>${stars(x.grade)}</b></td>
        ${codes.map((c) => { const v = (x.indicators || {})[c] || {}; return `<td class="num">${v.value == null ? '—' : num(v.value, 2)}<br><small>${num(v.points, 1)}</small></td>`; }).join('')}</tr>`).join('')}
    </tbody></table><div id="as-explain"></div>`;
  box.querySelectorAll('[data-cluster]').forEach((tr) => {
    tr.onclick = () => {
      const x = r.results.find((y) => String(y.clusterId) === tr.dataset.cluster);
      box.querySelector('#as-explain').innerHTML = `<h4>${esc(en ? x.nameEn : x.name)} · ${esc(t('score'))} ${num(x.score, 2)} · ${stars(x.grade)}
          <a class="button" id="as-print" target="_blank" href="/cluster-print.html?run=${r.id}&cluster=${x.clusterId}${en ? '&lang=en' : ''}">${esc(t('asPrint'))}</a></h4>
        <table class="grid"><thead><tr><th>${esc(t('indicator'))}</th><th>${esc(t('value'))}</th><th>${esc(t('asSource'))}</th><th>${esc(t('benchmark'))}</th>
        <th>${esc(t('weight'))}</th><th>${esc(t('points'))}</th></tr></thead><tbody>${codes.map((c) => { const v = x.indicators[c] || {};
          return `<tr><td>${esc(name(c))}</td><td class="num">${v.value == null ? esc(t('asMissing')) : num(v.value, 2)}</td>
            <td>${esc(v.source === 'computed' ? t('asComputed') : v.source || '')}</td><td class="num">${v.benchmark == null ? '—' : num(v.benchmark, 2)}</td>
            <td class="num">${num(v.weight, 0)}</td><td class="num">${num(v.points, 2)}</td></tr>`; }).join('')}</tbody></table>`;
    };
  });
  const pub = box.querySelector('#as-publish');
  if (pub) {
    pub.onclick = async () => {
      try {
        await api(`/api/assessment/runs/${id}/publish`, { method: 'POST' });
        a.toast(t('asPublished'));
        await open(id);
      } catch (e) { a.toast(e.localized ? e.localized() : String(e), true); }
    };
  }
}
