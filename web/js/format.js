// Pure formatting and styling helpers (no DOM, no Leaflet): unit-testable in Node.

export const SQM_PER_MU = 10000 / 15;

/** Formats a number with fixed decimals, or an em dash for null. */
export function num(v, decimals = 2) {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : '—';
}

/**
 * A moment as people in Henan read it: Beijing time (whatever the browser's zone), 2026-12-01 20:31:04 in Chinese,
 * 01/12/2026, 20:31:04 in English; an em dash for none.
 */
export function dateTime(iso, language = 'zh') {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const opts = { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' };
  if (language !== 'zh') return d.toLocaleString('en-GB', opts);
  const p = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', opts).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`;
}

/** Converts square metres to 亩. */
export function toMu(m2) {
  return m2 / SQM_PER_MU;
}

/** Escapes text for HTML (attribute values are never trusted). */
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Leaflet path style of a parcel feature, by land-use colour; selected and history outlines stand out. */
export function parcelStyle(props, { selected = false, marked = false } = {}) {
  const color = (props && props.color) || '#9e9e9e';
  return {
    color: selected ? '#1565c0' : marked ? '#ff6f00' : '#5d4037',
    weight: selected || marked ? 3 : 0.8,
    fillColor: color,
    fillOpacity: selected ? 0.55 : 0.45,
  };
}

export const CLUSTER_STYLE = { color: '#c62828', weight: 2, dashArray: '6 4', fill: false };
export const HISTORY_STYLE = { color: '#6a1b9a', weight: 3, dashArray: '4 4', fill: false };
