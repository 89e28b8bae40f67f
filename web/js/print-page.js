// What the printable pages (eval-print, plan-print, cluster-print) share: the print button, dates written as an office
// writes them, and the issuing unit — typed once on screen, kept in this browser, printed as text.
import { lang } from './i18n.js';

/** A date (YYYY-MM-DD, or a timestamp; none: today) as 2026年12月31日 (ISO in English). */
export function dateText(value) {
  const m = typeof value === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? null : value ? new Date(value) : new Date();
  const [y, mo, da] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  return lang() === 'en' ? `${y}-${String(mo).padStart(2, '0')}-${String(da).padStart(2, '0')}` : `${y}年${mo}月${da}日`;
}

/** Wires the print button. */
export function printButton() {
  document.getElementById('print').onclick = () => window.print();
}

/** Fills every .pr-issuer with the unit typed in #issuer (remembered under {@code key}; {@code fallback} at first). */
export function issuer(key, fallback) {
  const input = document.getElementById('issuer');
  input.value = localStorage.getItem(key) || fallback;
  const show = () => document.querySelectorAll('.pr-issuer').forEach((x) => { x.textContent = input.value; });
  input.oninput = () => { localStorage.setItem(key, input.value); show(); };
  show();
}
