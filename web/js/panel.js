// The side panel: a parcel's attributes, enterprise and history; the attribute form with validation as you type.
import { t, lang } from './i18n.js';
import { api, ApiError } from './api.js';
import { esc, num } from './format.js';
import { parcelCodeProblem, numberProblem, dateOrderProblem } from './validate.js';

/**
 * The form's inputs in the order of the parcel's description (`GET /api/parcels/schema`, built by the server from the
 * register's own description and the database's comments): [name, its JSON Schema, input kind]. Land use is one select
 * of scheme and code. References are not typed in as numbers: the cluster follows from the outline, the holder is picked
 * by name or 统一社会信用代码 among the enterprises the user reads.
 */
function formFields(schema) {
  const out = [];
  for (const [name, s] of Object.entries(schema.properties)) {
    if (name === 'landUseScheme') continue;
    if (name === 'landUseCode') { out.push(['landUse', s, 'landUse']); continue; }
    if (name === 'holderId') { out.push([name, s, 'holder']); continue; }
    if (s.type === 'integer') continue;
    const kind = s.pattern ? 'code' : s.enum ? 'choice' : s.format === 'date' ? 'date' : s.type === 'string' ? 'text' : 'number';
    out.push([name, s, kind]);
  }
  return out;
}

/** A field's label in the interface's language, from the description. */
function fieldLabel(name, s) {
  if (name === 'landUse') return t('landUse');
  return (lang() === 'en' ? s['x-title-en'] : s.title) || name;
}

function row(label, value, cls = '') {
  return `<tr><th>${esc(t(label))}</th><td class="${cls}">${value}</td></tr>`;
}

function rightTypeText(v) {
  return v ? esc(t(v)) : t('none');
}

/** HTML of a parcel's attributes (all values escaped). */
export function parcelHtml(f) {
  const p = f.properties;
  const en = lang() === 'en';
  const mismatch = p.areaMismatch ? `<div class="warn" data-test="area-mismatch">⚠ ${esc(t('areaMismatch'))}</div>` : '';
  return `<h2 data-test="parcel-code">${esc(p.code)} <span class="tag">${esc(t(p.status))}</span></h2>
  <table>
    ${row('cluster', esc(en ? p.clusterNameEn : p.clusterName))}
    ${row('landUse', `${esc(p.landUseCode)} ${esc(en ? p.landUseNameEn : p.landUseName)}<br><small>${esc(p.landUseScheme)}</small>`)}
    ${row('rightType', rightTypeText(p.rightType))}
    ${row('holder', p.holderId ? `<a href="#" data-enterprise="${Number(p.holderId)}">${esc(p.holderName)}</a><br><small>${esc(p.holderCreditCode)}</small>` : t('none'))}
    ${row('areaComputed', `<span data-test="area-mu">${num(p.areaMu, 2)}</span> ${esc(t('mu'))} · ${num(p.areaM2, 2)} ${esc(t('m2'))}<br><small>EPSG:${Number(p.gkSrid)}</small>`)}
    ${row('registeredArea', p.registeredAreaM2 == null ? t('none') : `${num(p.registeredAreaM2, 2)} ${esc(t('m2'))}${mismatch}`)}
    ${row('supplyDate', esc(p.supplyDate || t('none')))}
    ${row('transferPrice', num(p.transferPriceWan))}
    ${row('agreedStart', esc(p.agreedStartDate || t('none')))}
    ${row('agreedCompletion', esc(p.agreedCompletionDate || t('none')))}
    ${row('actualStart', esc(p.actualStartDate || t('none')))}
    ${row('actualCompletion', esc(p.actualCompletionDate || t('none')))}
    ${row('investment', num(p.contractedInvestmentWan))}
    ${row('far', num(p.floorAreaRatio))}
    ${row('coverage', num(p.buildingCoveragePct))}
    ${p.developedAreaM2 == null ? '' : row('developedArea', num(p.developedAreaM2))}
    ${p.investedWan == null ? '' : row('invested', num(p.investedWan))}
    ${p.suspendedSince ? row('suspendedSince', esc(p.suspendedSince)) : ''}
    ${p.productionStoppedSince ? row('productionStoppedSince', esc(p.productionStoppedSince)) : ''}
    ${p.productionHalvedSince ? row('productionHalvedSince', esc(p.productionHalvedSince)) : ''}
    ${row('remarks', esc(p.remarks || ''))}
    ${row('version', `${Number(p.version)} · ${esc(p.changedBy)}`)}
  </table>`;
}

/** HTML of the version list; each row can show its outline. */
export function historyHtml(h) {
  const items = h.versions.map((v) => `<li data-version="${Number(v.version)}">
      <b>v${Number(v.version)}</b> ${esc(t(`operation_${v.operation}`))} · ${esc(v.changedBy)}<br>
      <small>${esc(new Date(v.validFrom).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN'))} · ${num(v.areaMu)} ${esc(t('mu'))}</small>
      ${v.reason ? `<br><small>${esc(v.reason)}</small>` : ''}</li>`).join('');
  const succ = h.successors.length
    ? `<p>${esc(t('successors'))}: ${h.successors.map((s) => `<a href="#" data-parcel="${Number(s.id)}">${esc(s.code)}</a>`).join(', ')}</p>` : '';
  return `<h3 data-i18n="history">${esc(t('history'))}</h3>${succ}<ul class="list history" id="history-list">${items}</ul>`;
}

/** HTML of an enterprise summary. */
export function enterpriseHtml(e) {
  return `<h2>${esc(e.name)}</h2><table>
    ${row('creditCode', esc(e.creditCode))}${row('industry', esc(e.industryCode))}
    ${row('sizeClass', esc(t(e.sizeClass)))}${row('cluster', esc(e.clusterName))}
    ${row('heldArea', `${num(e.heldAreaMu)} ${esc(t('mu'))}`)}</table>
    <h3>${esc(t('parcels'))}</h3><ul class="list">${e.parcels.map((p) => `<li data-parcel="${Number(p.id)}">${esc(p.code)} <small>${num(p.areaMu)} ${esc(t('mu'))}</small></li>`).join('')}</ul>`;
}

/**
 * Builds the attribute form for `props` (empty for a new parcel) from the write schema; returns {el, read()} where
 * read() validates with the schema's own bounds (the server's and the database's).
 */
export function attributeForm(props, landUseCodes, schema, { withCode = true } = {}) {
  const el = document.createElement('form');
  el.className = 'form';
  el.noValidate = true;
  const en = lang() === 'en';
  // A new parcel starts as industrial land (工业用地 0601, what the clusters' register is about), not as the list's
  // first entry.
  const chosen = props ? { scheme: props.landUseScheme, code: props.landUseCode } : { scheme: 'GB/T 21010-2017', code: '0601' };
  const luOptions = landUseCodes.map((c) => {
    const v = `${c.scheme}|${c.code}`;
    const sel = chosen.scheme === c.scheme && chosen.code === c.code ? ' selected' : '';
    return `<option value="${esc(v)}"${sel}>${esc(c.code)} ${esc(en ? c.nameEn : c.name)} (${esc(c.scheme)})</option>`;
  }).join('');
  const fields = formFields(schema).filter(([name]) => name !== 'code' || withCode);
  const html = [];
  for (const [name, s, kind] of fields) {
    const val = props ? props[name] : null;
    let input;
    if (kind === 'landUse') input = `<select name="landUse">${luOptions}</select>`;
    else if (kind === 'holder') {
      const label = props && props.holderId ? `${props.holderName || ''}（${props.holderCreditCode || props.holderId}）` : '';
      input = `<input name="holderSearch" list="holder-options" value="${esc(label)}" autocomplete="off" placeholder="${esc(t('holderHint'))}">
        <input type="hidden" name="holderId" value="${props && props.holderId ? Number(props.holderId) : ''}"><datalist id="holder-options"></datalist>`;
    }
    else if (kind === 'choice') {
      input = `<select name="${esc(name)}"><option value="">${esc(t('none'))}</option>${s.enum
        .map((r) => `<option value="${esc(r)}"${val === r ? ' selected' : ''}>${esc(t(r))}</option>`).join('')}</select>`;
    } else if (kind === 'text') input = `<textarea name="${esc(name)}" rows="2" maxlength="${s.maxLength || ''}">${esc(val || '')}</textarea>`;
    else if (kind === 'date') input = `<input type="date" name="${esc(name)}" value="${esc(val || '')}">`;
    else if (kind === 'code') input = `<input name="${esc(name)}" value="${esc(val || '')}" maxlength="28" spellcheck="false">`;
    else input = `<input name="${esc(name)}" inputmode="decimal" value="${val == null ? '' : esc(val)}">`;
    const required = (schema.required || []).includes(name) ? ' *' : '';
    html.push(`<label title="${esc(s.description || '')}"><span>${esc(fieldLabel(name, s))}${required}</span>${input}<div class="msg" data-msg="${esc(name)}"></div></label>`);
  }
  html.push(`<label><span>${esc(t('reason'))} *</span><input name="reason" required><div class="msg" data-msg="reason"></div></label>`);
  html.push(`<div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button><button type="button" data-cancel>${esc(t('cancel'))}</button></div>`);
  el.innerHTML = html.join('');

  const check = () => {
    const problems = {};
    const v = (n) => (el.elements[n] ? el.elements[n].value.trim() : '');
    for (const [n, s, kind] of fields) {
      const p = kind === 'code' ? parcelCodeProblem(v(n)) : kind === 'number' ? numberProblem(v(n), s) : null;
      if (p) problems[n] = p;
    }
    const d1 = dateOrderProblem(v('agreedStartDate'), v('agreedCompletionDate')); if (d1) problems.agreedCompletionDate = d1;
    const d2 = dateOrderProblem(v('actualStartDate'), v('actualCompletionDate')); if (d2) problems.actualCompletionDate = d2;
    el.querySelectorAll('[data-msg]').forEach((m) => {
      const n = m.dataset.msg;
      m.textContent = problems[n] ? t(problems[n]) : '';
      if (el.elements[n]) el.elements[n].classList.toggle('invalid', Boolean(problems[n]));
    });
    return problems;
  };
  el.addEventListener('input', check);

  // The holder: names offered as the user types (the enterprises they read), the one picked kept by id; a name not
  // picked from the list is no holder, and says so.
  const holderInput = el.elements.holderSearch;
  const holderIds = new Map();
  if (holderInput) {
    if (el.elements.holderId.value) holderIds.set(holderInput.value, el.elements.holderId.value);
    let timer = null;
    holderInput.addEventListener('input', () => {
      const q = holderInput.value.trim();
      el.elements.holderId.value = holderIds.get(holderInput.value) || '';
      clearTimeout(timer);
      if (q.length < 2 || holderIds.has(holderInput.value)) return;
      timer = setTimeout(async () => {
        try {
          const { data } = await api(`/api/enterprises?q=${encodeURIComponent(q)}&limit=10`);
          const list = el.querySelector('#holder-options');
          list.innerHTML = data.items.map((e) => {
            const label = `${e.name}（${e.creditCode}）`;
            holderIds.set(label, String(e.id));
            return `<option value="${esc(label)}"></option>`;
          }).join('');
        } catch (e) { /* the list stays as it was; the field says what to do on saving */ }
      }, 250);
    });
  }

  /** Validates and returns {ok, body} with only the API fields (numbers as numbers, blanks as null). */
  const read = () => {
    const problems = check();
    const reason = el.elements.reason.value.trim();
    if (!reason) {
      el.querySelector('[data-msg="reason"]').textContent = t('reasonRequired');
      el.elements.reason.classList.add('invalid');
      problems.reason = 'reasonRequired';
    }
    if (holderInput && holderInput.value.trim() && !el.elements.holderId.value) {
      el.querySelector('[data-msg="holderId"]').textContent = t('holderPick');
      holderInput.classList.add('invalid');
      problems.holderId = 'holderPick';
    }
    if (Object.keys(problems).length) return { ok: false };
    const body = { reason };
    for (const [name, , kind] of fields) {
      if (kind === 'landUse') {
        const [scheme, code] = el.elements.landUse.value.split('|');
        body.landUseScheme = scheme;
        body.landUseCode = code;
        continue;
      }
      if (kind === 'holder') {
        body.holderId = el.elements.holderId.value ? Number(el.elements.holderId.value) : null;
        continue;
      }
      const raw = el.elements[name].value.trim();
      if (kind === 'code') body[name] = raw.toUpperCase();
      else if (kind === 'text') body[name] = raw;
      else if (kind === 'date' || kind === 'choice') body[name] = raw || null;
      else body[name] = raw === '' ? null : Number(raw);
    }
    return { ok: true, body };
  };
  /**
   * Shows a refusal of the server beside the field it names (the first of its details' fields that the form has),
   * scrolled into view and focused; false when it names none of them (the caller then shows it as a toast).
   */
  const showError = (err) => {
    if (!(err instanceof ApiError)) return false;
    const named = err.details.map((d) => d.field).filter(Boolean).map((f) => (f === 'landUseCode' || f === 'landUseScheme' ? 'landUse' : f));
    const field = named.find((f) => el.querySelector(`[data-msg="${f}"]`));
    if (!field) return false;
    const msg = el.querySelector(`[data-msg="${field}"]`);
    msg.textContent = err.localized();
    const input = el.elements[field === 'holderId' ? 'holderSearch' : field];
    if (input) {
      input.classList.add('invalid');
      input.focus();
    }
    msg.scrollIntoView({ block: 'center' });
    return true;
  };
  return { el, read, showError };
}
