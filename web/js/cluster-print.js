// A cluster's assessment file (集聚区考核评价档案), printable on A4: the score, grade and ranks of a run, and each
// indicator with its value, source, how it is computed, its benchmark and points; the issuing unit and the date.
import { t, lang, translatePage } from './i18n.js';
import { esc, num } from './format.js';
import { api } from './api.js';
import { dateText, issuer, printButton } from './print-page.js';

const q = new URLSearchParams(location.search);
const en = lang() === 'en';

async function main() {
  translatePage();
  printButton();
  try {
    const run = q.get('run'), cluster = q.get('cluster');
    if (!/^\d+$/.test(run || '') || !/^\d+$/.test(cluster || '')) throw new Error(t('prBadLink'));
    const [{ data: r }, { data: cat }] = await Promise.all([api(`/api/assessment/runs/${run}`), api('/api/assessment')]);
    const x = (r.results || []).find((y) => String(y.clusterId) === cluster);
    if (!x) throw new Error(t('asNotInRun'));
    const title = t('asFileTitle', { year: r.year, name: en ? x.nameEn : x.name });
    document.title = title;
    const ind = (code) => cat.indicators.find((i) => i.code === code) || { name: code, nameEn: code, unit: '', formula: '' };
    document.getElementById('doc').innerHTML = `<header class="pr-head"><h1>${esc(title)}</h1>
      <p class="pr-sub">${esc(en ? r.methodNameEn : r.methodName)}${r.status === 'published' ? '' : ` <b class="pr-draft">${esc(t('prNotPublished'))}</b>`}</p></header>
      <table class="facts pr-facts"><tr><th>${esc(t('repCity'))}</th><td>${esc(en ? x.cityNameEn : x.cityName)}</td><th>${esc(t('score'))}</th><td class="pr-class">${num(x.score, 2)}</td></tr>
        <tr><th>${esc(t('asGrade'))}</th><td class="pr-class">${esc(x.grade || '—')}</td><th>${esc(t('asProvinceRank'))} / ${esc(t('asCityRank'))}</th><td>${x.provinceRank} / ${x.cityRank}</td></tr></table>
      <h2>${esc(t('asIndicators'))}</h2><table class="grid pr-table"><thead><tr><th>${esc(t('indicator'))}</th><th>${esc(t('value'))}</th><th>${esc(t('asSource'))}</th>
        <th>${esc(t('benchmark'))}</th><th>${esc(t('weight'))}</th><th>${esc(t('points'))}</th></tr></thead><tbody>
        ${(r.definition.indicators || []).map((s) => { const v = x.indicators[s.code] || {}; const i = ind(s.code);
          return `<tr><td>${esc(en ? i.nameEn : i.name)}（${esc(i.unit)}）<br><small>${esc(i.formula)}</small></td><td class="num">${v.value == null ? esc(t('asMissing')) : num(v.value, 2)}</td>
            <td>${esc(v.source === 'computed' ? t('asComputed') : v.source || '')}</td><td class="num">${v.benchmark == null ? '—' : num(v.benchmark, 2)}</td>
            <td class="num">${num(v.weight, 0)}</td><td class="num">${num(v.points, 2)}</td></tr>`; }).join('')}</tbody></table>
      <footer class="pr-foot"><span class="pr-issuer"></span><br>${esc(dateText(r.publishedAt))}</footer>`;
    issuer('mujun.issuer.plan', t('prProvinceOffice'));
  } catch (e) {
    document.getElementById('error').textContent = e.status === 401 ? t('signIn') : e.localized ? e.localized() : e.message;
  }
}

main();
