// The public reports (公开): for each year the province published, the clusters ranked by 亩均税收 against the plan's
// 11 万元/亩 target (a bar each, the target as a line) and each cluster's class mix from the published evaluation —
// counts only, never an enterprise.
import { t, lang, setLang, translatePage } from './i18n.js';
import { esc, num } from './format.js';
import { api } from './api.js';

const COLORS = { A: '#2e7d32', B: '#1565c0', C: '#ef6c00', D: '#c62828' };
const en = lang() === 'en';

function langButton() {
  const btn = document.getElementById('lang');
  btn.textContent = t('lang');
  btn.onclick = () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    const u = new URL(location.href);
    u.searchParams.set('lang', lang());
    location.href = u.toString();
  };
}

function mixBar(classes) {
  const total = Object.values(classes || {}).reduce((a, b) => a + b, 0);
  if (!total) return '—';
  return `<span class="rep-mix">${Object.keys(classes).sort().map((c) => `<i title="${esc(c)} ${classes[c]}" style="width:${(classes[c] / total) * 160}px;background:${COLORS[c] || '#777'}"></i>`).join('')}</span>
    <small>${Object.keys(classes).sort().map((c) => `${esc(c)} ${classes[c]}`).join(' · ')}</small>`;
}

async function show(year) {
  const { data } = await api(`/api/public/reports/${year}`);
  document.getElementById('rep-note').textContent = data.note || '';
  const max = Math.max(Number(data.target) || 0, ...data.clusters.map((c) => Number(c.taxPerMu) || 0), 1);
  const w = 220;
  const target = data.target == null ? null : (Number(data.target) / max) * w;
  document.getElementById('rep-body').innerHTML = `<table class="grid" id="rep-table"><thead><tr><th>${esc(t('repRank'))}</th><th>${esc(t('cluster'))}</th>
    <th>${esc(t('repCity'))}</th><th>${esc(t('taxPerMu'))}${data.target == null ? '' : `（${esc(t('targetLine'))} ${num(data.target, 0)}）`}</th><th>${esc(t('classMix'))}</th></tr></thead><tbody>
    ${data.clusters.map((c) => `<tr><td class="num">${c.rank ?? '—'}</td><td>${esc(en ? c.nameEn : c.name)}</td><td>${esc(en ? c.cityEn : c.city)}</td>
      <td><span class="rep-bar"><i style="width:${((Number(c.taxPerMu) || 0) / max) * w}px"></i>${target == null ? '' : `<b style="left:${target}px"></b>`}</span> ${c.taxPerMu == null ? '—' : num(c.taxPerMu, 2)}</td>
      <td>${mixBar(c.classes)}</td></tr>`).join('')}</tbody></table>`;
}

async function main() {
  translatePage();
  langButton();
  try {
    const { data: years } = await api('/api/public/reports');
    const sel = document.getElementById('rep-year');
    if (!years.length) {
      document.getElementById('rep-body').innerHTML = `<p id="rep-none">${esc(t('repNone'))}</p>`;
      sel.disabled = true;
      return;
    }
    sel.innerHTML = years.map((y) => `<option value="${y.year}">${y.year}</option>`).join('');
    const want = new URLSearchParams(location.search).get('year');
    if (want && years.some((y) => String(y.year) === want)) sel.value = want;
    sel.onchange = () => show(sel.value);
    await show(sel.value);
  } catch (e) {
    document.getElementById('error').textContent = e.localized ? e.localized() : e.message;
  }
}

main();
