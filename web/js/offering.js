// One offering's public page (/offering.html?id=N): its plot on a small map, the planning conditions, the control
// indicators, the dates and the public documents. Shareable; no sign-in; public fields only.
import { t, lang, setLang, translatePage } from './i18n.js';
import { esc, num } from './format.js';
import { createMap } from './map.js';
import { api } from './api.js';

const L = window.L;

function row(label, value) {
  return value == null || value === '' ? '' : `<tr><th>${esc(label)}</th><td>${value}</td></tr>`;
}

function range(min, max, unit = '') {
  if (min == null && max == null) return '';
  if (min != null && max != null) return `${num(min)}–${num(max)}${unit}`;
  return min != null ? `≥ ${num(min)}${unit}` : `≤ ${num(max)}${unit}`;
}

async function main() {
  translatePage();
  const btn = document.getElementById('lang');
  btn.textContent = t('lang');
  btn.onclick = () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    const u = new URL(location.href);
    u.searchParams.set('lang', lang());
    location.href = u.toString();
  };
  const en = lang() === 'en';
  if (en) document.getElementById('back').href = '/?lang=en';
  const id = Number(new URLSearchParams(location.search).get('id'));
  const err = document.getElementById('error');
  if (!Number.isInteger(id) || id <= 0) { err.textContent = t('notOpen'); return; }
  let f;
  let kinds = [];
  try {
    const [{ data }, { data: cfg }] = await Promise.all([api(`/api/public/standard-land/${id}`), api('/api/standard-land-config')]);
    f = data;
    kinds = cfg.indicatorKinds;
  } catch (e) {
    err.textContent = e.status === 404 ? t('notOpen') : e.message;
    return;
  }
  const p = f.properties;
  document.title = `${p.plotNo} ${p.name} · 亩均`;
  document.getElementById('title').textContent = `${p.plotNo} ${p.name}`;
  const { data: cfg } = await api('/api/config');
  const map = createMap(document.getElementById('small-map'), cfg);
  const layer = L.geoJSON(f, { style: { color: '#e65100', weight: 2, fillColor: '#ff9800', fillOpacity: 0.45 } }).addTo(map);
  map.fitBounds(layer.getBounds(), { maxZoom: 17, padding: [20, 20] });
  const ind = p.indicators || {};
  const indRows = kinds.filter((k) => ind[k.code] != null).map((k) => row(en ? k.nameEn : k.name,
    `${esc(t(k.direction === 'min' ? 'atLeast' : 'atMost'))} ${num(ind[k.code], 3)} ${esc(k.unit)}`)).join('');
  const docs = (f.documents || []).map((d) => `<li><a href="/api/public/standard-land/${id}/documents/${Number(d.id)}" target="_blank" rel="noopener">${esc(d.fileName)}</a>
    <small>${num(d.sizeBytes / 1024, 0)} KB</small></li>`).join('');
  document.getElementById('facts').innerHTML = `
    <table class="facts">
      ${row(t('plotNo'), esc(p.plotNo))}
      ${row(t('location'), esc(p.location))}
      ${row(t('cluster'), esc(en ? p.clusterNameEn : p.clusterName) + ' · ' + esc(en ? p.cityNameEn : p.cityName))}
      ${row(t('areaMu'), `${num(p.areaMu)} ${esc(t('mu'))} (${num(p.areaM2, 0)} m²)`)}
      ${row(t('landUse'), esc(p.landUseCode + ' ' + (en ? p.landUseNameEn : p.landUseName)))}
      ${row(t('termYears'), `${Number(p.termYears)} ${esc(t('years'))}`)}
      ${row(t('reservePrice'), p.reservePriceWan == null ? '' : `${num(p.reservePriceWan, 0)} ${esc(t('wan'))}`)}
      ${row(t('deposit'), p.depositWan == null ? '' : `${num(p.depositWan, 0)} ${esc(t('wan'))}`)}
      ${row(t('announcedOn'), esc(p.announcedOn || ''))}
      ${row(t('listingEndsOn'), esc(p.listingEndsOn || ''))}
    </table>
    <h3>${esc(t('planning'))}</h3>
    <table class="facts">
      ${row(t('far'), range(p.farMin, p.farMax))}
      ${row(t('buildingCoefficient'), p.buildingCoefficientMinPct == null ? '' : '≥ ' + num(p.buildingCoefficientMinPct) + ' %')}
      ${row(t('buildingDensity'), p.buildingDensityMaxPct == null ? '' : '≤ ' + num(p.buildingDensityMaxPct) + ' %')}
      ${row(t('heightMax'), p.heightMaxM == null ? '' : '≤ ' + num(p.heightMaxM, 1) + ' m')}
      ${row(t('greenRatio'), p.greenRatioMaxPct == null ? '' : '≤ ' + num(p.greenRatioMaxPct) + ' %')}
      ${row(t('officeLiving'), p.officeLivingMaxPct == null ? '' : '≤ ' + num(p.officeLivingMaxPct) + ' %')}
      ${row(t('industries'), esc((p.industries || []).join(', ')))}
    </table>
    <h3>${esc(t('indicators'))}</h3>
    <table class="facts indicators">${indRows}${row(t('envStandard'), esc(p.envStandard))}</table>
    <h3>${esc(t('assessments'))}</h3>
    <p>${(p.assessments || []).map((a) => `<span class="tag">${esc(t('assess_' + a))}</span>`).join(' ')}</p>
    ${docs ? `<h3>${esc(t('documents'))}</h3><ul class="docs">${docs}</ul>` : ''}`;
}

main();
