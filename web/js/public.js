// The public map (/): open standard-land offerings with filters, a list synced with the map, and links to each
// offering's page. No sign-in; it reads only /api/public/standard-land, which carries the announcement's fields only.
import { t, lang, setLang, translatePage } from './i18n.js';
import { esc, num } from './format.js';
import { createMap, addClusters } from './map.js';
import { api } from './api.js';

const L = window.L;
const FILTERS = ['city', 'cluster', 'minMu', 'maxMu', 'landUse', 'industry', 'minPrice', 'maxPrice'];
const STYLE = { color: '#e65100', weight: 2, fillColor: '#ff9800', fillOpacity: 0.45 };
// 新型产业用地 (M0) offerings in their own colour, with their own legend entry.
const M0_STYLE = { color: '#00695c', weight: 2, fillColor: '#26a69a', fillOpacity: 0.45 };
const styleOf = (f) => (f && f.properties && f.properties.landUseCode === 'M0' ? M0_STYLE : STYLE);
const SELECTED = { color: '#0d47a1', weight: 3, fillColor: '#42a5f5', fillOpacity: 0.6 };

function langButton() {
  const btn = document.getElementById('lang');
  btn.textContent = t('lang');
  btn.onclick = () => {
    const next = lang() === 'zh' ? 'en' : 'zh';
    setLang(next);
    const u = new URL(location.href);
    u.searchParams.set('lang', next);
    location.href = u.toString();
  };
}

function options(select, items, anyLabel) {
  select.innerHTML = `<option value="">${esc(anyLabel)}</option>` + items.map(([v, label]) => `<option value="${esc(v)}">${esc(label)}</option>`).join('');
}

async function main() {
  translatePage();
  langButton();
  const en = lang() === 'en';
  const [{ data: cfg }, { data: codes }] = await Promise.all([api('/api/config'), api('/api/land-use-codes')]);
  const map = createMap(document.getElementById('map'), cfg);
  const { features: clusters } = await addClusters(map, (p) => (en ? p.nameEn : p.name), { fit: false });
  const form = document.getElementById('filters');
  const cities = new Map();
  clusters.forEach((c) => cities.set(c.properties.cityCode, en ? c.properties.cityNameEn : c.properties.cityName));
  options(form.city, [...cities.entries()].sort(), t('anyCity'));
  const clusterOptions = () => options(form.cluster, clusters.filter((c) => !form.city.value || c.properties.cityCode === form.city.value)
    .map((c) => [String(c.id), en ? c.properties.nameEn : c.properties.name]), t('anyCluster'));
  clusterOptions();
  form.city.onchange = () => { clusterOptions(); };
  options(form.landUse, codes.filter((c) => c.industrial).map((c) => [c.code, `${c.code} ${en ? c.nameEn : c.name}`]), t('landUseAny'));

  // Filters come from (and go to) the page address, so a filtered view can be shared.
  const params = new URLSearchParams(location.search);
  FILTERS.forEach((k) => { if (params.get(k)) form[k].value = params.get(k); });
  if (params.get('cluster')) form.cluster.value = params.get('cluster');

  const layer = L.geoJSON(null, { style: styleOf }).addTo(map);
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const div = L.DomUtil.create('div', 'legend');
    div.id = 'public-legend';
    div.innerHTML = `<div><i style="background:${STYLE.fillColor}"></i>${esc(t('legendStandard'))}</div><div><i style="background:${M0_STYLE.fillColor}"></i>${esc(t('legendM0'))}</div>`;
    return div;
  };
  legend.addTo(map);
  const byId = new Map();
  let selected = null;
  const list = document.getElementById('offering-list');

  function select(id, zoom) {
    if (selected && byId.get(selected)) byId.get(selected).setStyle(styleOf(byId.get(selected).feature));
    selected = id;
    const l = byId.get(id);
    if (!l) return;
    l.setStyle(SELECTED).bringToFront();
    list.querySelectorAll('li').forEach((li) => li.classList.toggle('active', li.dataset.id === String(id)));
    const li = list.querySelector(`li[data-id="${id}"]`);
    if (li) li.scrollIntoView({ block: 'nearest' });
    if (zoom) map.fitBounds(l.getBounds(), { maxZoom: 16, padding: [30, 30] });
  }

  async function load(fit) {
    const q = new URLSearchParams();
    FILTERS.forEach((k) => { const v = form[k].value.trim(); if (v) q.set(k, k === 'industry' ? v.toUpperCase() : v); });
    const u = new URL(location.href);
    FILTERS.forEach((k) => u.searchParams.delete(k));
    q.forEach((v, k) => u.searchParams.set(k, v));
    history.replaceState(null, '', u);
    const err = document.getElementById('error');
    err.textContent = '';
    let data;
    try {
      ({ data } = await api('/api/public/standard-land?' + q.toString()));
    } catch (e) {
      err.textContent = e.message;
      return;
    }
    layer.clearLayers();
    byId.clear();
    layer.addData(data);
    layer.eachLayer((l) => {
      byId.set(l.feature.id, l);
      const p = l.feature.properties;
      l.bindTooltip(`${esc(p.plotNo)} · ${num(p.areaMu)} ${esc(t('mu'))}`);
      l.on('click', () => select(l.feature.id, false));
    });
    document.getElementById('count').textContent = `(${data.features.length})`;
    list.innerHTML = data.features.length ? data.features.map((f) => {
      const p = f.properties;
      const ind = p.indicators || {};
      return `<li data-id="${Number(f.id)}"><strong>${esc(p.plotNo)}</strong> ${esc(p.name)}<br>
        <small>${esc(en ? p.clusterNameEn : p.clusterName)} · ${num(p.areaMu)} ${esc(t('mu'))} · ${esc(p.landUseCode)} ${esc(en ? p.landUseNameEn : p.landUseName)}</small><br>
        <small>${esc(t('reservePrice'))} ${p.reservePriceWan == null ? '—' : num(p.reservePriceWan, 0) + ' ' + esc(t('wan'))}
        ${ind.investment_intensity ? ' · ' + esc(t('atLeast')) + ' ' + num(ind.investment_intensity, 0) + ' 万元/亩' : ''}
        · ${esc((p.industries || []).join(' '))}</small><br>
        <a class="detail" href="/offering.html?id=${Number(f.id)}${en ? '&lang=en' : ''}">${esc(t('more'))} →</a></li>`;
    }).join('') : `<li class="empty">${esc(t('noOfferings'))}</li>`;
    list.querySelectorAll('li[data-id]').forEach((li) => {
      li.onclick = (ev) => { if (ev.target.tagName !== 'A') select(Number(li.dataset.id), true); };
    });
    if (fit) {
      const b = layer.getBounds();
      if (b.isValid()) map.fitBounds(b, { padding: [30, 30], maxZoom: 15 });
      else if (clusters.length) map.fitBounds(L.geoJSON(clusters).getBounds(), { padding: [20, 20] });
    }
  }

  form.onsubmit = (ev) => { ev.preventDefault(); load(true); };
  document.getElementById('f-reset').onclick = () => { form.reset(); clusterOptions(); load(true); };
  await load(true);
}

main();
