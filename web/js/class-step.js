// The step that decided a result's class, or why it was not classified, in the reader's language: the result's reason
// (rule and figures, R__4_evaluation.sql) written with the catalogue of reasons.js. Runs computed before reasons were
// kept have none: their Chinese record (class_step, exclusion) is shown as it stands.
import REASONS from './reasons.js';
import { lang } from './i18n.js';

function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (_, n) => (vars[n] == null ? '' : String(vars[n])));
}

function figure(x, digits) {
  const n = Number(x);
  if (x == null || Number.isNaN(n)) return '—';
  return n.toLocaleString(lang() === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits });
}

/** A re-rank key in words: the score, an indicator by its name, or a weighted sum of indicators' points. */
function keyText(by, w, nameOf) {
  if (by == null || by === 'score') return w.score;
  if (typeof by === 'string') return nameOf(by) || by;
  const keys = Object.keys(by).sort().map((k) => `${nameOf(k) || k}${Number(by[k]) !== 1 ? `×${figure(by[k], 2)}` : ''}`).join(w.listSep);
  return fill(w.sumOfPoints, { keys });
}

/**
 * The reason in words, or the fallback (the run's record) for a result without one. nameOf gives an indicator's name
 * in the reader's language from its code (the methods catalogue).
 */
export function reasonText(reason, fallback = '', nameOf = () => null) {
  if (!reason || !reason.rule) return fallback || '';
  const w = REASONS[lang() === 'en' ? 'en' : 'zh'];
  const key = reason.rule === 'two_stage' ? `two_stage_${reason.at}` : reason.rule;
  if (!w[key]) return fallback || '';
  const list = (xs, fmt) => (Array.isArray(xs) && xs.length ? xs.map(fmt).join(w.listSep) : w.none);
  return fill(w[key], {
    ...reason,
    rank: reason.rank, n: reason.n, score: figure(reason.score, 2), land: figure(reason.land, 2),
    aBy: keyText(reason.aBy, w, nameOf), cBy: keyText(reason.cBy, w, nameOf),
    shares: list(reason.shares, (s) => `${figure(Number(s) * 100, 1)}%`), min: list(reason.min, (m) => figure(m, 2)),
    rounding: w[`rounding_${reason.rounding || 'half_up'}`] || w.rounding_half_up,
    sizeClass: w[`size_${reason.sizeClass}`] || reason.sizeClass || '',
    industry: reason.industry || '—', scope: list(reason.scope, String),
  });
}

/** nameOf for reasonText from the methods catalogue's indicators ({code, name, nameEn}). */
export function indicatorNames(indicators) {
  const en = lang() === 'en';
  const by = new Map((indicators || []).map((x) => [x.code, en ? x.nameEn : x.name]));
  return (code) => by.get(code) || null;
}
