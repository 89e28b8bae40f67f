// Printable summary of low-efficiency land for one cluster (or the caller's whole scope): a map, a chart of tagged
// area by kind with the disposed and revived parts, the figures, and the survey table. Uses the signed-in session.
import { t, lang, translatePage } from './i18n.js';
import { esc, num } from './format.js';
import { createMap } from './map.js';
import { api } from './api.js';
import { dateText, issuer } from './print-page.js';

const L = window.L;

function chart(svg, kinds, byKind) {
  const rows = kinds.filter((k) => byKind[k.code]);
  const max = Math.max(1, ...rows.map((k) => Number(byKind[k.code].mu)));
  const W = 420, left = 110, barH = 22, gap = 8;
  svg.setAttribute('height', String(Math.max(60, rows.length * (barH + gap) + 20)));
  svg.innerHTML = rows.map((k, i) => {
    const w = ((W - left - 60) * Number(byKind[k.code].mu)) / max;
    const y = 10 + i * (barH + gap);
    return `<text x="${left - 6}" y="${y + 15}" text-anchor="end" font-size="12">${esc(lang() === 'en' ? k.nameEn : k.name)}</text>
      <rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${esc(k.color)}"></rect>
      <text x="${(left + w + 4).toFixed(1)}" y="${y + 15}" font-size="12">${num(byKind[k.code].mu)}</text>`;
  }).join('');
}

async function main() {
  translatePage();
  document.getElementById('print').onclick = () => window.print();
  let cluster = new URLSearchParams(location.search).get('cluster');
  try {
    const [{ data: cfg }, { data: summary }, { data: mapCfg }] = await Promise.all([api('/api/low-efficiency/config'),
      api('/api/low-efficiency/summary'), api('/api/config')]);
    // A manager of one cluster sees that cluster's summary, named as such (not "the province").
    if (!cluster && summary.clusters && summary.clusters.length === 1) cluster = String(summary.clusters[0].clusterId);
    const q = cluster && /^\d+$/.test(cluster) ? `cluster=${cluster}` : '';
    const { data: tags } = await api('/api/low-efficiency/tags?' + q);
    const en = lang() === 'en';
    const s = q ? summary.clusters.find((c) => String(c.clusterId) === cluster) : summary.province;
    if (!s) throw new Error(t('noTags'));
    document.getElementById('title').textContent = `${q ? (en ? s.nameEn : s.name) : t('province')} · ${t('lowEffTitle')}`;
    document.getElementById('generated').textContent = new Date().toLocaleString(en ? 'en' : 'zh-CN');
    document.getElementById('issued-on').textContent = dateText();
    // The unit that issues it: the cluster's administrative committee, or the province's office (typed once, kept).
    issuer('mujun.issuer.loweff', q ? `${en ? s.nameEn : s.name}${t('prCommittee')}` : t('prProvinceOffice'));
    const map = createMap(document.getElementById('report-map'), mapCfg);
    const layer = L.geoJSON(tags, { style: (f) => ({ fillColor: f.properties.color, fillOpacity: 0.6, color: '#333', weight: 1 }) }).addTo(map);
    if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    chart(document.getElementById('chart'), cfg.kinds, s.byKind || {});
    // The map's legend: the kinds of land on it, in their colours.
    const onMap = new Set(tags.features.map((f) => f.properties.kind));
    document.getElementById('report-legend').innerHTML = cfg.kinds.filter((k) => onMap.has(k.code)).map((k) =>
      `<li><i style="background:${esc(k.color)}"></i>${esc(en ? k.nameEn : k.name)}</li>`).join('');
    const row = (k, val) => `<tr><th>${esc(t(k))}</th><td>${val}</td></tr>`;
    document.getElementById('figures').innerHTML = row('taggedMu', num(s.taggedMu)) + row('shareOfIndustrial', s.taggedSharePct == null ? '—' : num(s.taggedSharePct, 1) + ' %')
      + row('disposedMu', num(s.disposedMu)) + row('revivedMu', num(s.revivedMu)) + row('plansDone', `${s.plansDone} / ${s.plans}`)
      + row('overduePlans', String(s.plansOverdue)) + row('newTax', num(s.newTaxWan))
      // The parks inside the cluster (区中园), each with its own low-efficiency land.
      + (q ? (s.parks || []).map((p) => row('parkOf', `${esc(en ? (p.nameEn || p.name) : p.name)}：${num(p.mu)} ${esc(t('mu'))}（${p.tags} ${esc(t('tagsCount'))}）`)).join('') : '');
    const kind = (c) => { const k = cfg.kinds.find((x) => x.code === c); return k ? (en ? k.nameEn : k.name) : c; };
    document.getElementById('rows').innerHTML = `<thead><tr><th>${esc(t('code'))}</th><th>${esc(t('holder'))}</th><th>${esc(t('kind'))}</th><th>${esc(t('areaMu'))}</th>
      <th>${esc(t('surveyDate'))}</th><th>${esc(t('disposalStatus'))}</th><th>${esc(t('deadline'))}</th></tr></thead><tbody>${tags.features.map((f) => {
      const p = f.properties;
      return `<tr><td>${esc(p.parcelCode)}</td><td>${esc(p.enterpriseName || '')}</td><td>${esc(kind(p.kind))}</td><td>${num(p.areaMu)}</td><td>${esc(p.surveyDate)}</td>
        <td>${esc(t('dp_' + p.disposal))}${p.overdue ? ' ⚠' : ''}</td><td>${esc(p.planDeadline || '')}</td></tr>`;
    }).join('')}</tbody>`;
  } catch (e) {
    document.getElementById('error').textContent = e.status === 401 ? t('signIn') : e.message;
  }
}

main();
