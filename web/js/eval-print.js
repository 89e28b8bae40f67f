// Printable documents of an evaluation run, in the form an office circulates (A4, with the issuing unit and date):
// the result list of one cluster or of the whole run (?run=ID[&cluster=ID]), and an enterprise's 一企一档
// (?run=ID&enterprise=ID): facts, class and why, indicators and points, items, figures with their sources, policies
// and the five-year trend. Uses the signed-in session.
import { t, lang, translatePage } from './i18n.js';
import { esc, num } from './format.js';
import { api } from './api.js';
import { reasonText, indicatorNames } from './class-step.js';
import { dateText, issuer, printButton } from './print-page.js';

const q = new URLSearchParams(location.search);
const en = lang() === 'en';
const FIGS = ['tax_wan', 'revenue_wan', 'value_added_wan', 'output_wan', 'profit_wan', 'energy_tce', 'electricity_wan_kwh', 'emissions_t', 'employees', 'rd_wan'];

function header(title, run) {
  return `<header class="pr-head"><h1>${esc(title)}</h1>
    <p class="pr-sub">${esc(t('prMethod', { method: en ? run.methodNameEn : run.methodName, version: run.methodVersion, run: run.id }))}
      ${run.status === 'published' ? '' : `<b class="pr-draft">${esc(t('prNotPublished'))}</b>`}</p></header>`;
}

function footer(run) {
  return `<footer class="pr-foot"><span class="pr-issuer"></span><br>${esc(dateText(run.publishedAt))}</footer>`;
}

async function resultList(run) {
  const cluster = q.get('cluster');
  const items = [];
  for (let offset = 0; ; offset += 1000) {
    const { data } = await api(`/api/evaluation/runs/${run.id}/results?limit=1000&offset=${offset}${cluster ? `&cluster=${cluster}` : ''}`);
    items.push(...data.items);
    if (items.length >= data.numberMatched || data.items.length === 0) break;
  }
  const byCluster = new Map();
  for (const r of items) {
    if (!byCluster.has(r.clusterId)) byCluster.set(r.clusterId, { name: r.clusterName, rows: [] });
    byCluster.get(r.clusterId).rows.push(r);
  }
  const classes = run.classes || [];
  const count = (rows, c) => rows.filter((r) => r.class === c).length;
  const scope = cluster && byCluster.size === 1 ? [...byCluster.values()][0].name : t('prAllClusters');
  const title = t('prListTitle', { year: run.year, scope });
  document.title = title;
  const summary = `<table class="grid pr-summary"><thead><tr><th>${esc(t('cluster'))}</th>${classes.map((c) => `<th>${esc(c)}</th>`).join('')}<th>${esc(t('excluded'))}</th>
    <th>${esc(t('prTotal'))}</th></tr></thead><tbody>${[...byCluster.values()].map((k) => `<tr><td>${esc(k.name)}</td>${classes.map((c) => `<td class="num">${count(k.rows, c)}</td>`).join('')}
    <td class="num">${k.rows.filter((r) => !r.evaluated).length}</td><td class="num">${k.rows.length}</td></tr>`).join('')}</tbody></table>`;
  const sections = [...byCluster.values()].map((k) => {
    const evaluated = k.rows.filter((r) => r.evaluated).sort((a, b) => classes.indexOf(a.class) - classes.indexOf(b.class) || (a.group || '').localeCompare(b.group || '') || a.rank - b.rank);
    const excluded = k.rows.filter((r) => !r.evaluated);
    return `<section class="pr-cluster"><h2>${esc(k.name)}</h2>
      <table class="grid pr-table"><thead><tr><th>${esc(t('prNo'))}</th><th>${esc(t('enterprise'))}</th><th>${esc(t('creditCode'))}</th><th>${esc(t('group'))}</th>
        <th>${esc(t('land'))}</th><th>${esc(t('score'))}</th><th>${esc(t('rank'))}</th><th>${esc(t('cls'))}</th></tr></thead><tbody>
        ${evaluated.map((r, i) => `<tr><td class="num">${i + 1}</td><td>${esc(r.name)}</td><td>${esc(r.creditCode)}</td><td>${esc(t('grp_' + r.group) === 'grp_' + r.group ? r.group : t('grp_' + r.group))}</td>
          <td class="num">${num(r.landMu, 2)}</td><td class="num">${num(r.score, 2)}</td><td class="num">${r.rank}/${r.groupSize}</td><td><b>${esc(r.class)}</b></td></tr>`).join('')}</tbody></table>
      ${excluded.length ? `<h3>${esc(t('prExcluded', { n: excluded.length }))}</h3><table class="grid pr-table"><thead><tr><th>${esc(t('enterprise'))}</th><th>${esc(t('creditCode'))}</th>
        <th>${esc(t('prReason'))}</th></tr></thead><tbody>${excluded.map((r) => `<tr><td>${esc(r.name)}</td><td>${esc(r.creditCode)}</td><td>${esc(reasonText(r.reason, r.exclusion))}</td></tr>`).join('')}</tbody></table>` : ''}
    </section>`;
  }).join('');
  document.getElementById('doc').innerHTML = `${header(title, run)}${summary}${sections}${footer(run)}`;
  issuer('mujun.issuer', cluster && byCluster.size === 1 ? `${scope}${t('prCommittee')}` : t('prProvinceOffice'));
}

/** A bar per year of tax paid, the year's class above it (from the published runs). */
function trendChart(trend, history) {
  if (!trend.length) return '';
  const max = Math.max(1, ...trend.map((y) => Number(y.taxWan) || 0));
  const W = 360, H = 150, bw = 44, gap = 24;
  const cls = (yr) => (history.find((h) => h.year === yr) || {}).class || '';
  return `<svg class="pr-chart" width="${W}" height="${H + 40}" role="img" aria-label="${esc(t('prTrendChart'))}">${trend.map((y, i) => {
    const h = ((Number(y.taxWan) || 0) / max) * H;
    const x = 20 + i * (bw + gap);
    return `<rect x="${x}" y="${H - h + 20}" width="${bw}" height="${h.toFixed(1)}" fill="#1565c0"></rect>
      <text x="${x + bw / 2}" y="${H - h + 14}" text-anchor="middle" font-size="11">${y.taxWan == null ? '—' : num(y.taxWan, 0)}${cls(y.year) ? ` · ${esc(cls(y.year))}` : ''}</text>
      <text x="${x + bw / 2}" y="${H + 34}" text-anchor="middle" font-size="11">${y.year}</text>`;
  }).join('')}</svg>`;
}

async function dossier(run, enterpriseId) {
  const { data } = await api(`/api/evaluation/runs/${run.id}/enterprises/${enterpriseId}`);
  const [{ data: sources }] = await Promise.all([api('/api/figure-sources')]);
  const r = data.result;
  const e = data.enterprise;
  const title = t('prDossierTitle', { year: run.year, name: e.name });
  document.title = title;
  const src = (code) => { const s = sources.find((x) => x.code === code); return s ? (en ? s.nameEn : s.name) : code; };
  const fig = data.input.figures || {};
  const figRows = FIGS.filter((f) => fig[f] != null).map((f) => {
    const used = ((fig.sources || {})[f] || []).find((s) => s.used);
    return `<tr><td>${esc(t('fig_' + f))}</td><td class="num">${num(fig[f], 2)}</td><td>${used ? `${esc(src(used.source))}${used.file ? ` · ${esc(used.file)}${used.line ? ` #${used.line}` : ''}` : ''}` : esc(t('figNoSource'))}</td></tr>`;
  }).join('');
  const trendRows = data.trend.map((y) => `<tr><td>${y.year}</td><td class="num">${num(y.taxWan, 2)}</td><td class="num">${num(y.revenueWan, 2)}</td>
    <td class="num">${num(y.valueAddedWan, 2)}</td><td class="num">${num(y.energyTce, 2)}</td><td>${esc((data.history.find((h) => h.year === y.year) || {}).class || '—')}</td></tr>`).join('');
  document.getElementById('doc').innerHTML = `${header(title, run)}
    <table class="facts pr-facts"><tr><th>${esc(t('enterprise'))}</th><td>${esc(e.name)}</td><th>${esc(t('creditCode'))}</th><td>${esc(e.creditCode)}</td></tr>
      <tr><th>${esc(t('cluster'))}</th><td>${esc(en ? e.clusterNameEn : e.clusterName)}</td><th>${esc(t('prIndustry'))}</th><td>${esc(e.industryCode || '—')}</td></tr>
      <tr><th>${esc(t('land'))}</th><td>${num(data.input.held_mu + data.input.rented_mu, 2)}</td><th>${esc(t('cls'))}</th><td class="pr-class">${esc(r.class || t('excluded'))}</td></tr>
      ${r.score != null ? `<tr><th>${esc(t('score'))}</th><td>${num(r.score, 2)}${Number(r.bonus) ? ` (${esc(t('prBonus'))} ${num(r.bonus, 2)})` : ''}</td><th>${esc(t('rank'))}</th><td>${r.rank}/${r.group_size}</td></tr>` : ''}
      <tr><th>${esc(t('step'))}</th><td colspan="3" id="pr-step">${esc(reasonText(r.reason, r.class_step || r.exclusion, indicatorNames(data.indicatorCatalogue)))}</td></tr></table>
    ${r.indicators.length ? `<h2>${esc(t('prIndicators'))}</h2><table class="grid"><thead><tr><th>${esc(t('indicator'))}</th><th>${esc(t('value'))}</th><th>${esc(t('benchmark'))}</th>
      <th>${esc(t('weight'))}</th><th>${esc(t('points'))}</th></tr></thead><tbody>${r.indicators.map((x) => `<tr><td>${esc(en ? x.nameEn || x.name : x.name)}（${esc(x.unit || '')}）</td>
      <td class="num">${x.value == null ? '—' : num(x.value, 2)}</td><td class="num">${num(x.benchmark, 2)}</td><td class="num">${num(x.weight, 0)}</td>
      <td class="num">${num(x.points, 2)}${x.capped ? ` ${esc(t('capped'))}` : ''}</td></tr>`).join('')}</tbody></table>` : ''}
    ${(r.items || []).length ? `<h2>${esc(t('prItems'))}</h2><ul>${r.items.map((x) => `<li>${esc(x.name || x.code)}：${esc(t('mwFx_' + x.effect))}${x.points != null ? ` ${num(x.points, 2)}` : ''}${x.class ? ` → ${esc(x.class)}` : ''}${x.reason ? `（${esc(x.reason)}）` : ''}</li>`).join('')}</ul>` : ''}
    ${figRows ? `<h2>${esc(t('prFigures'))}</h2><table class="grid"><thead><tr><th>${esc(t('figure'))}</th><th>${esc(t('value'))}</th><th>${esc(t('figSources'))}</th></tr></thead><tbody>${figRows}</tbody></table>` : ''}
    <h2>${esc(t('prPolicies'))}</h2>${data.policies.length ? `<table class="grid"><thead><tr><th>${esc(t('polKind'))}</th><th>${esc(t('polDescription'))}</th><th>${esc(t('polValue'))}</th><th>${esc(t('polBasis'))}</th></tr></thead><tbody>
      ${data.policies.map((p) => `<tr><td>${esc(p.kind)}<br><small>${esc(p.department)}</small></td><td>${esc(p.description)}${p.years > 1 ? `（${esc(t('prStreak', { n: p.years }))}）` : ''}</td>
      <td>${p.value == null ? '' : `${esc(p.value)} ${esc(p.unit)}`}</td><td><small>${esc(p.legalBasis)}</small></td></tr>`).join('')}</tbody></table>` : `<p>${esc(t('prNoPolicies'))}</p>`}
    <h2>${esc(t('trend'))}</h2><div class="pr-trend">${trendChart(data.trend, data.history)}
      <table class="grid"><thead><tr><th>${esc(t('prYear'))}</th><th>${esc(t('fig_tax_wan'))}</th><th>${esc(t('fig_revenue_wan'))}</th><th>${esc(t('fig_value_added_wan'))}</th>
      <th>${esc(t('fig_energy_tce'))}</th><th>${esc(t('cls'))}</th></tr></thead><tbody>${trendRows}</tbody></table></div>
    ${footer(run)}`;
  issuer('mujun.issuer', `${en ? e.clusterNameEn : e.clusterName}${t('prCommittee')}`);
}

async function main() {
  translatePage();
  printButton();
  const run = q.get('run');
  const ent = q.get('enterprise');
  try {
    if (!/^\d+$/.test(run || '') || (ent && !/^\d+$/.test(ent)) || (q.get('cluster') && !/^\d+$/.test(q.get('cluster')))) throw new Error(t('prBadLink'));
    const { data } = await api(`/api/evaluation/runs/${run}`);
    if (ent) await dossier(data, ent);
    else await resultList(data);
  } catch (e) {
    document.getElementById('error').textContent = e.status === 401 ? t('signIn') : e.localized ? e.localized() : e.message;
  }
}

main();
