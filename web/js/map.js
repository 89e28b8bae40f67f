// The Leaflet map: base maps (天地图 and any XYZ source from configuration, and the offline background of Henan), cluster outlines, and the parcel layer that
// loads the parcels in view from /api/parcels once the map is at cluster scale.
import { api } from './api.js';
import { CLUSTER_STYLE, parcelStyle, esc } from './format.js';
import { t, lang } from './i18n.js';

const L = window.L;
/** Zoom from which parcels are loaded as GeoJSON (cluster scale). */
export const PARCEL_MIN_ZOOM = 14;
/** Zoom from which the clusters' names are written on the map (below it, 180 names would cover each other). */
export const CLUSTER_LABEL_ZOOM = 10;
/** Zoom from which each parcel's 宗地代码 is written on it. */
export const PARCEL_LABEL_ZOOM = 17;

/** A north arrow (the maps are north-up), for the screen and for print layouts. */
const NorthArrow = L.Control.extend({
  options: { position: 'topright' },
  onAdd() {
    const d = L.DomUtil.create('div', 'north-arrow');
    d.innerHTML = `<span class="north-arrow-needle">▲</span><span class="north-arrow-letter">${esc(t('northLetter'))}</span>`;
    d.title = t('northTitle');
    return d;
  },
});

/** A message written over the map for a few seconds (any page's map: it needs no toast of the page). */
function say(map, text) {
  const box = L.DomUtil.create('div', 'map-message', map.getContainer());
  box.setAttribute('role', 'alert');
  box.textContent = text;
  setTimeout(() => box.remove(), 7000);
}

/**
 * "Locate me" (under the zoom buttons): the browser's position, shown as a dot with its accuracy, and the map brought
 * there at parcel scale — for field survey on a phone. A refusal or no fix is said in the user's language.
 */
const LocateControl = L.Control.extend({
  options: { position: 'topleft' },
  onAdd(map) {
    const b = L.DomUtil.create('button', 'locate-me leaflet-bar');
    b.type = 'button';
    b.title = t('locateMe');
    b.setAttribute('aria-label', t('locateMe'));
    b.innerHTML = '<span aria-hidden="true">◎</span>';
    L.DomEvent.disableClickPropagation(b);
    let mark = null;
    b.onclick = () => {
      if (!navigator.geolocation) { say(map, t('locateUnavailable')); return; }
      b.classList.add('busy');
      navigator.geolocation.getCurrentPosition((pos) => {
        b.classList.remove('busy');
        const at = [pos.coords.latitude, pos.coords.longitude];
        if (mark) mark.remove();
        mark = L.layerGroup([
          L.circle(at, { radius: pos.coords.accuracy || 30, color: '#1e88e5', weight: 1, fillOpacity: 0.12, interactive: false }),
          L.circleMarker(at, { radius: 7, color: '#fff', weight: 2, fillColor: '#1e88e5', fillOpacity: 1, interactive: false, className: 'my-position' }),
        ]).addTo(map);
        map.setView(at, Math.max(map.getZoom(), 16));
      }, (err) => {
        b.classList.remove('busy');
        say(map, t(err.code === 1 ? 'locateDenied' : 'locateFailed'));
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
    };
    return b;
  },
});

/** Zooms at which the offline background writes the cities' names, and the counties'. */
const CITY_LABELS = [6, 11], COUNTY_LABELS = [9, 12];

/**
 * The offline background of Henan (packaged in web/vendor/henan, no network): its cities filled as land with their
 * outlines, the counties' borders, and their names at the zooms where they do not crowd. A layer group, filled when
 * the two files have loaded.
 */
function henanBackground(map) {
  const group = L.layerGroup();
  const cityNames = L.layerGroup(), countyNames = L.layerGroup();
  const en = lang() === 'en';
  const name = (text, cls, at) => L.marker([at[1], at[0]], {
    pane: 'backgroundLabels', interactive: false, keyboard: false,
    icon: L.divIcon({ className: `bg-label ${cls}`, html: `<span>${esc(text)}</span>`, iconSize: null }),
  });
  const labels = () => {
    const z = map.getZoom();
    const show = (layer, [lo, hi]) => {
      const on = map.hasLayer(group) && z >= lo && z <= hi;
      if (on && !map.hasLayer(layer)) layer.addTo(map);
      if (!on && map.hasLayer(layer)) map.removeLayer(layer);
    };
    show(cityNames, CITY_LABELS);
    show(countyNames, COUNTY_LABELS);
  };
  Promise.all(['/vendor/henan/cities.geojson', '/vendor/henan/counties.geojson'].map((u) => fetch(u).then((r) => r.json())))
    .then(([cities, counties]) => {
      const opts = (style) => ({ pane: 'background', interactive: false, style });
      L.geoJSON(cities, opts({ color: '#9aa3b2', weight: 1, fill: true, fillColor: '#f6f4ee', fillOpacity: 1 })).addTo(group);
      L.geoJSON(counties, opts({ color: '#c3c8d1', weight: 0.8, dashArray: '3 3', fill: false })).addTo(group);
      L.geoJSON(cities, opts({ color: '#7d8797', weight: 1.6, fill: false })).addTo(group);
      cities.features.forEach((f) => name(en && f.properties.nameEn ? f.properties.nameEn : f.properties.name, 'bg-city', f.properties.label).addTo(cityNames));
      counties.features.forEach((f) => { if (f.properties.label) name(f.properties.name, 'bg-county', f.properties.label).addTo(countyNames); });
      labels();
    })
    .catch(() => { /* the background is context only: a map without it still works */ });
  group.on('add remove', () => setTimeout(labels));
  map.on('zoomend', labels);
  return group;
}

/** A 天地图 (Tianditu) layer in Web Mercator: vec/img base or cva/cia (Chinese) and eva/eia (English) labels. */
function tianditu(layer, key) {
  return L.tileLayer(`https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default`
    + `&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  { subdomains: '01234567', maxZoom: 18, attribution: esc(t('tiandituAttribution')) });
}

/**
 * Creates the map in element `el`. Base maps: 天地图 vector and imagery, each with its label layer in the user's
 * language (with `tiandituKey`), any XYZ source (`basemapUrl`, `basemapAttribution`), and always the offline
 * background of Henan — the one shown first when no online source is configured. With more than one, a switcher.
 */
export function createMap(el, { basemapUrl = '', basemapAttribution = '', tiandituKey = '' } = {}) {
  const map = L.map(el, { preferCanvas: false, zoomControl: true }).setView([34.0, 113.6], 7);
  map.createPane('background').style.zIndex = 150;
  map.createPane('backgroundLabels').style.zIndex = 350;
  map.getPane('background').style.pointerEvents = 'none';
  map.getPane('backgroundLabels').style.pointerEvents = 'none';
  const bases = {};
  if (tiandituKey) {
    const en = lang() === 'en';
    bases[t('basemapVector')] = L.layerGroup([tianditu('vec', tiandituKey), tianditu(en ? 'eva' : 'cva', tiandituKey)]);
    bases[t('basemapImagery')] = L.layerGroup([tianditu('img', tiandituKey), tianditu(en ? 'eia' : 'cia', tiandituKey)]);
  }
  if (basemapUrl) bases[t('basemapCustom')] = L.tileLayer(basemapUrl, { maxZoom: 19, attribution: esc(basemapAttribution) });
  bases[t('basemapOffline')] = henanBackground(map);
  Object.values(bases)[0].addTo(map);
  if (Object.keys(bases).length > 1) L.control.layers(bases, null, { position: 'topright' }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  new NorthArrow().addTo(map);
  new LocateControl().addTo(map);
  // The attribution names the map library in plain text (Leaflet's default prefix carries a flag).
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
  return map;
}

/** Adds cluster outlines with their names and, unless fit is false, shows them all; returns the layer and features. */
export async function addClusters(map, nameOf, { fit = true } = {}) {
  const { data } = await api('/api/clusters');
  const layer = L.geoJSON(data, {
    style: CLUSTER_STYLE,
    interactive: false,
    onEachFeature: (f, l) => l.bindTooltip(esc(nameOf(f.properties)), { permanent: false, direction: 'center' }),
  }).addTo(map);
  // At cluster scale the names are written on the map; further out they show when the pointer is on a cluster.
  let written = false;
  const label = () => {
    const on = map.getZoom() >= CLUSTER_LABEL_ZOOM;
    if (on === written) return;
    written = on;
    layer.eachLayer((l) => {
      const name = l.getTooltip() && l.getTooltip().getContent();
      l.unbindTooltip();
      l.bindTooltip(name, { permanent: on, direction: 'center', className: on ? 'cluster-label' : '' });
    });
  };
  map.on('zoomend', label);
  label();
  if (fit && data.features.length) map.fitBounds(layer.getBounds(), { padding: [20, 20], animate: false });
  return { layer, features: data.features };
}

/**
 * Parcels below cluster scale, as vector tiles from /tiles/parcels (coloured by land use; not clickable): the
 * province and city views. Shown under PARCEL_MIN_ZOOM, where the GeoJSON layer takes over. Up to zoom 11 the server
 * sends the overview instead of outlines (a parcel is a pixel or less there): squares of a fine grid coloured by the
 * main land use, more opaque where parcels cover more of the square.
 */
export function addParcelTiles(map) {
  if (!L.vectorGrid) return null;
  const layer = L.vectorGrid.protobuf('/tiles/parcels/{z}/{x}/{y}.mvt', {
    rendererFactory: L.canvas.tile,
    interactive: false,
    maxNativeZoom: 22,
    fetchOptions: { credentials: 'same-origin' },
    vectorTileLayerStyles: {
      parcels: (p) => (p.parcels !== undefined
        ? { fill: true, fillColor: p.color || '#9e9e9e', fillOpacity: 0.3 + 0.5 * Math.min(1, p.coverage || 0), stroke: false }
        : { fill: true, fillColor: p.color || '#9e9e9e', fillOpacity: 0.55, color: '#5d4037', weight: 0.4 }),
    },
  });
  const sync = () => {
    if (map.getZoom() < PARCEL_MIN_ZOOM) { if (!map.hasLayer(layer)) layer.addTo(map); } else if (map.hasLayer(layer)) map.removeLayer(layer);
  };
  map.on('zoomend', sync);
  sync();
  return layer;
}

/**
 * The parcels in view. Options: onSelect(feature, event) when a parcel is clicked, asOf() returning a date string or ''.
 * Keeps the features by id so the caller can highlight and re-style them.
 */
export class ParcelLayer {
  constructor(map, { onSelect, asOf, onStatus }) {
    this.map = map;
    this.onSelect = onSelect;
    this.asOf = asOf;
    this.onStatus = onStatus || (() => {});
    this.renderer = L.svg({ padding: 0.3 });
    this.group = L.featureGroup().addTo(map);
    this.byId = new Map();
    this.selected = new Set();
    this.marked = new Set();
    this.seq = 0;
    map.on('moveend', () => this.reload());
  }

  async reload() {
    const map = this.map;
    if (map.getZoom() < PARCEL_MIN_ZOOM) {
      this.group.clearLayers();
      this.byId.clear();
      this.onStatus('zoom');
      return;
    }
    const b = map.getBounds().pad(0.2);
    const params = new URLSearchParams({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(6)).join(',') });
    const asOf = this.asOf();
    if (asOf) params.set('asOf', asOf);
    const mine = ++this.seq;
    const { data } = await api(`/api/parcels?${params}`);
    if (mine !== this.seq) return;
    this.group.clearLayers();
    this.byId.clear();
    for (const f of data.features) {
      const layer = L.geoJSON(f, { renderer: this.renderer, style: () => this.styleOf(f) });
      layer.feature = f;
      // While drawing (a new outline, a split line, a part to tag) clicks belong to the drawing, not to selection.
      layer.on('click', (e) => {
        if (this.map.pm && this.map.pm.globalDrawModeEnabled()) return;
        L.DomEvent.stop(e);
        this.onSelect(f, e.originalEvent);
      });
      layer.bindTooltip(() => `${esc(f.properties.code)}<br>${esc(f.properties.holderName || '')}`, { sticky: true });
      this.group.addLayer(layer);
      this.byId.set(f.id, layer);
      const path = layer.getLayers()[0].getElement && layer.getLayers()[0].getElement();
      if (path) { path.setAttribute('data-code', f.properties.code); path.setAttribute('data-id', f.id); }
      // Close in, the 宗地代码 is written on the parcel (not clickable: clicks go to the parcel under it).
      if (map.getZoom() >= PARCEL_LABEL_ZOOM) {
        this.group.addLayer(L.marker(layer.getBounds().getCenter(), {
          icon: L.divIcon({ className: 'parcel-label', html: `<span>${esc(f.properties.code)}</span>`, iconSize: null }), interactive: false, keyboard: false,
        }));
      }
    }
    this.onStatus('ok', data.features.length);
  }

  styleOf(f) {
    return parcelStyle(f.properties, { selected: this.selected.has(f.id), marked: this.marked.has(f.id) });
  }

  restyle() {
    for (const layer of this.byId.values()) layer.setStyle(this.styleOf(layer.feature));
  }

  select(ids) {
    this.selected = new Set(ids);
    this.restyle();
  }
}
