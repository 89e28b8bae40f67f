// Entry of the public map (/): cluster outlines and the list of clusters; no sign-in, nothing private.
import { t, lang, setLang, translatePage } from './i18n.js';
import { esc, num } from './format.js';
import { createMap, addClusters } from './map.js';
import { api } from './api.js';

async function main() {
  translatePage();
  const btn = document.getElementById('lang');
  btn.textContent = t('lang');
  btn.onclick = () => {
    const next = lang() === 'zh' ? 'en' : 'zh';
    setLang(next);
    const u = new URL(location.href);
    u.searchParams.set('lang', next);
    location.href = u.toString();
  };
  const { data: cfg } = await api('/api/config');
  const map = createMap(document.getElementById('map'), cfg);
  const en = lang() === 'en';
  const { features } = await addClusters(map, (p) => (en ? p.nameEn : p.name));
  const list = document.getElementById('cluster-list');
  list.innerHTML = features.map((f) => `<li data-id="${Number(f.id)}">${esc(en ? f.properties.nameEn : f.properties.name)}<br>
    <small>${esc(en ? f.properties.cityNameEn : f.properties.cityName)} · ${esc(t('plannedArea'))} ${num(f.properties.plannedAreaKm2)}</small></li>`).join('');
  list.querySelectorAll('li').forEach((li) => {
    li.onclick = () => {
      const f = features.find((x) => String(x.id) === li.dataset.id);
      const [a, b, c, d] = f.properties.bbox;
      map.fitBounds([[b, a], [d, c]]);
    };
  });
}

main();
