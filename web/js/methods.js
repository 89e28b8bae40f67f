// Evaluation methods (评价办法) and differentiated policies (差别化政策) as data: the list of methods with their owner
// and versions; an editor that builds a method from a preset or from nothing (scope, groups, indicators, class rules,
// bonus/veto/protection/exclusion items), checks it on the server as it is typed and marks each field at fault; drafts
// saved, previewed against a year's published run (who would change class), put in force from a year or retired;
// and the policies per class (policies.js).
import { api, ApiError } from './api.js';
import { t, lang } from './i18n.js';
import { esc, num } from './format.js';
import { renderPolicies } from './policies.js';
import { reasonText, indicatorNames } from './class-step.js';

let s = null;

const BLANK = {
  classes: ['A', 'B', 'C'], rounding: 'half_up', landBasis: 'held_plus_rented', scope: { belowMinMu: 5, excludeYoungerThanYears: 2, industries: ['C'] },
  groups: [{ code: 'above', name: '规上企业', sizeClass: 'above', indicators: [{ code: 'tax_per_mu', weight: 100, benchmark: { type: 'mean' }, cap: 1.5 }],
    classRule: { type: 'two_stage', topShare: 0.5, aShare: 0.15, aRankBy: 'tax_per_mu', cShare: 0.1, cRankBy: 'output_per_energy' } }],
  items: [],
};

/** Reads "groups[0].indicators[1].weight" into tokens ['groups', 0, 'indicators', 1, 'weight']. */
function tokens(path) {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

function getAt(o, path) {
  return tokens(path).reduce((x, k) => (x == null ? undefined : x[k]), o);
}

/** Sets (or, for an empty value, removes) the value at path, creating objects on the way. */
function setAt(o, path, value) {
  const ks = tokens(path);
  let x = o;
  for (let i = 0; i < ks.length - 1; i++) {
    if (x[ks[i]] == null) x[ks[i]] = typeof ks[i + 1] === 'number' ? [] : {};
    x = x[ks[i]];
  }
  const last = ks[ks.length - 1];
  if (value === undefined) delete x[last];
  else x[last] = value;
}

/** An input's value as the method holds it: number, list, boolean, rank key (score, a code, or "a:1, b:2"), text. */
function readInput(el) {
  const raw = el.type === 'checkbox' ? el.checked : el.value.trim();
  switch (el.dataset.kind) {
    case 'num': return raw === '' ? undefined : Number(raw);
    case 'list': return raw === '' ? undefined : raw.split(/[,，、\s]+/).filter(Boolean);
    case 'nums': return raw === '' ? undefined : raw.split(/[,，\s]+/).filter(Boolean).map(Number);
    case 'bool': return raw ? true : undefined;
    case 'rank': {
      if (raw === '') return undefined;
      if (!raw.includes(':')) return raw;
      const o = {};
      raw.split(/[,，]+/).forEach((p) => { const [k, w] = p.split(':').map((x) => x.trim()); if (k) o[k] = Number(w || 1); });
      return o;
    }
    default: return raw === '' ? undefined : raw;
  }
}

function showValue(v) {
  if (v == null) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object') return Object.entries(v).map(([k, w]) => `${k}:${w}`).join(', ');
  return String(v);
}

function input(path, kind = 'text', attrs = '') {
  const v = getAt(s.def, path);
  if (kind === 'bool') return `<input type="checkbox" data-path="${esc(path)}" data-kind="bool" ${v ? 'checked' : ''} ${attrs}>`;
  return `<input data-path="${esc(path)}" data-kind="${kind}" value="${esc(showValue(v))}" ${attrs}>`;
}

function select(path, options, attrs = '') {
  const v = getAt(s.def, path);
  return `<select data-path="${esc(path)}" data-kind="text" ${attrs}>${options.map(([val, label]) =>
    `<option value="${esc(val)}" ${String(v ?? '') === String(val) ? 'selected' : ''}>${esc(label)}</option>`).join('')}</select>`;
}

/**
 * A re-rank key picked by name: the score, or one of the catalogue's indicators. A method written with a weighted sum
 * of points ({"tax_per_mu": 1, …}) keeps it, shown as written.
 */
function rankPicker(path, builtins) {
  const v = getAt(s.def, path);
  if (v && typeof v === 'object') return input(path, 'rank', 'size="22"');
  const own = typeof v === 'string' && v !== 'score' && !builtins.some(([c]) => c === v) ? [[v, v]] : [];
  return select(path, [['', t('mwRankScore')], ...builtins, ...own]);
}

function field(label, html, path) {
  return `<label class="mw-field" ${path ? `data-for="${esc(path)}"` : ''}>${esc(label)}${html}<small class="mw-err"></small></label>`;
}

export async function renderMethods(root, me, toast) {
  const [{ data: cat }, { data: cities }, { data: clusters }] = await Promise.all([api('/api/evaluation/methods'), api('/api/cities'), api('/api/clusters')]);
  const en = lang() === 'en';
  s = { root, me, toast, en, cat, cities, clusters: clusters.features.filter((c) => (me.clusters || []).includes(c.id)), def: null, method: null, version: null,
    status: null, timer: null };
  const owners = [];
  if (me.editsProvinceMethods) owners.push(['', t('mwProvince')]);
  for (const c of cities) if ((me.methodCities || []).some((g) => c.code === g || (g.endsWith('00') && c.code.startsWith(g.slice(0, 4))))) owners.push([c.code, en ? c.nameEn : c.name]);
  s.owners = owners;
  root.innerHTML = `<h2>${esc(t('mwTitle'))}</h2>
    <table class="grid" id="mw-list"><thead><tr><th>${esc(t('mwName'))}</th><th>${esc(t('mwOwner'))}</th><th>${esc(t('mwVersion'))}</th><th>${esc(t('mwStatus'))}</th>
      <th>${esc(t('mwInForceFrom'))}</th><th></th></tr></thead><tbody>${cat.methods.map((m) => `<tr>
      <td>${esc(en ? m.nameEn : m.name)} <small>${esc(m.code)}</small></td><td>${esc(m.ownerCity ? (en ? m.ownerCityNameEn : m.ownerCityName) : t('mwProvince'))}</td>
      <td>v${m.version}</td><td>${esc(t('mwSt_' + m.status))}</td><td>${m.inForceFrom ?? esc(t('mwFromStart'))}</td>
      <td><button type="button" class="link" data-open="${esc(m.code)}">${esc(t('mwOpen'))}</button>
      ${owners.length ? `<button type="button" class="link" data-copy="${esc(m.code)}">${esc(t('mwStartFrom'))}</button>` : ''}</td></tr>`).join('')}</tbody></table>
    ${owners.length ? `<p><button type="button" id="mw-new">${esc(t('mwNewBlank'))}</button></p>` : ''}
    <div id="mw-editor"></div>
    <h3>${esc(t('polTitle'))}</h3><div id="mw-policies"></div>`;
  root.querySelectorAll('[data-open]').forEach((b) => { b.onclick = () => openMethod(b.dataset.open); });
  root.querySelectorAll('[data-copy]').forEach((b) => { b.onclick = () => startFrom(cat.methods.find((m) => m.code === b.dataset.copy)); });
  const nb = root.querySelector('#mw-new');
  if (nb) nb.onclick = () => startFrom(null);
  await renderPolicies(root.querySelector('#mw-policies'), me, toast);
}

/** A new method: from a preset's current rules, or from a blank two-stage method. */
function startFrom(m) {
  s.method = null;
  s.version = null;
  s.status = 'new';
  s.def = JSON.parse(JSON.stringify(m ? m.definition : BLANK));
  s.meta = { code: m ? `${m.code}-local` : '', name: m ? `${m.name}（本地）` : '', nameEn: m ? `${m.nameEn} (local)` : '', ownerCity: s.owners[0][0] };
  renderEditor();
}

async function openMethod(code) {
  const { data: m } = await api(`/api/evaluation/methods/${encodeURIComponent(code)}`);
  s.method = m;
  const draft = m.versions.find((x) => x.status === 'draft');
  const chosen = draft || m.versions.find((x) => x.version === m.version);
  s.version = chosen.version;
  s.status = chosen.status;
  s.def = JSON.parse(JSON.stringify(chosen.definition));
  renderEditor();
}

function canWrite() {
  if (!s.method) return true;
  return s.owners.some(([code]) => code === (s.method.ownerCity || ''));
}

function renderEditor() {
  const box = s.root.querySelector('#mw-editor');
  const en = s.en;
  const d = s.def;
  const ro = !canWrite() || (s.status !== 'draft' && s.status !== 'new');
  const figs = s.cat.figures;
  const figName = (f) => (en ? f.column : f.header);
  const amounts = figs.filter((f) => f.kind !== 'flag');
  const builtins = s.cat.indicators.map((x) => [x.code, `${en ? x.nameEn : x.name}（${x.unit}）`]);
  const groups = (d.groups || []).map((g, gi) => {
    const at = `groups[${gi}]`;
    const cr = g.classRule || {};
    const inds = (g.indicators || []).map((x, ii) => {
      const ia = `${at}.indicators[${ii}]`;
      const custom = x.numerator !== undefined || x.denominator !== undefined || (x.code && !s.cat.indicators.some((b) => b.code === x.code));
      return `<tr data-for="${esc(ia)}"><td>${custom
        ? `${input(`${ia}.code`, 'text', 'size="12" placeholder="rd_per_mu"')} ${input(`${ia}.name`, 'text', `size="10" placeholder="${esc(t('mwIndName'))}"`)}
           ${input(`${ia}.unit`, 'text', `size="6" placeholder="${esc(t('mwUnit'))}"`)}<br>${select(`${ia}.numerator`, [['', t('mwNumerator')], ...amounts.map((f) => [f.column, figName(f)])])} ÷
           ${select(`${ia}.denominator`, [['', t('mwNoDenominator')], ['land', t('mwLand')], ...amounts.map((f) => [f.column, figName(f)])])} × ${input(`${ia}.scale`, 'num', 'size="4" placeholder="1"')}`
        : select(`${ia}.code`, builtins)}</td>
        <td>${input(`${ia}.weight`, 'num', 'size="4"')}</td><td>${input(`${ia}.cap`, 'num', 'size="4"')}</td>
        <td>${select(`${ia}.benchmark.type`, [['mean', t('mwBmMean')], ['fixed', t('mwBmFixed')], ['mean_multiple', t('mwBmMultiple')]])} ${input(`${ia}.benchmark.value`, 'num', 'size="5"')}</td>
        <td>${select(`${ia}.missing`, [['zero', t('mwMissZero')], ['mean', t('mwMissMean')]])}</td>
        <td>${ro ? '' : `<button type="button" class="link" data-del="${esc(`${at}.indicators`)}" data-i="${ii}">${esc(t('mwRemove'))}</button>`}</td></tr>`;
    }).join('');
    const rule = cr.type === 'quotas' ? field(t('mwShares'), input(`${at}.classRule.shares`, 'nums', 'size="16" placeholder="0.2, 0.55, 0.2, 0.05"'), `${at}.classRule.shares`)
      : cr.type === 'thresholds' ? field(t('mwMins'), input(`${at}.classRule.min`, 'nums', 'size="16" placeholder="90, 70, 0"'), `${at}.classRule.min`)
        : [field(t('mwTopShare'), input(`${at}.classRule.topShare`, 'num', 'size="4"'), `${at}.classRule.topShare`),
          field(t('mwHalfRounding'), select(`${at}.classRule.halfRounding`, [['', t('mwAsQuotas')], ['floor', t('mwFloor')], ['half_up', t('mwHalfUp')], ['ceil', t('mwCeil')]]), `${at}.classRule.halfRounding`),
          field(t('mwAShare'), input(`${at}.classRule.aShare`, 'num', 'size="4"'), `${at}.classRule.aShare`),
          field(t('mwARankBy'), rankPicker(`${at}.classRule.aRankBy`, builtins), `${at}.classRule.aRankBy`),
          field(t('mwCShare'), input(`${at}.classRule.cShare`, 'num', 'size="4"'), `${at}.classRule.cShare`),
          field(t('mwCRankBy'), rankPicker(`${at}.classRule.cRankBy`, builtins), `${at}.classRule.cRankBy`),
          field(t('mwRefill'), input(`${at}.classRule.refillVetoed`, 'bool'), `${at}.classRule.refillVetoed`)].join('');
    return `<fieldset class="mw-group" data-for="${esc(at)}"><legend>${esc(t('mwGroup'))} ${gi + 1}</legend><div class="row">
        ${field(t('mwCode'), input(`${at}.code`, 'text', 'size="8"'), `${at}.code`)}${field(t('mwName'), input(`${at}.name`, 'text', 'size="10"'), `${at}.name`)}
        ${field(t('mwSize'), select(`${at}.sizeClass`, [['above', t('mwAbove')], ['below', t('mwBelow')]]), `${at}.sizeClass`)}
        ${ro ? '' : `<button type="button" class="link" data-del="groups" data-i="${gi}">${esc(t('mwRemoveGroup'))}</button>`}</div>
      <table class="grid"><thead><tr><th>${esc(t('mwIndicator'))}</th><th>${esc(t('mwWeight'))}</th><th>${esc(t('mwCap'))}</th><th>${esc(t('mwBenchmark'))}</th>
        <th>${esc(t('mwMissing'))}</th><th></th></tr></thead><tbody>${inds}</tbody></table>
      ${ro ? '' : `<button type="button" class="link" data-add-ind="${gi}">${esc(t('mwAddIndicator'))}</button> <button type="button" class="link" data-add-custom="${gi}">${esc(t('mwAddCustom'))}</button>`}
      <div class="row">${field(t('mwRule'), select(`${at}.classRule.type`, [['two_stage', t('mwTwoStage')], ['quotas', t('mwQuotas')], ['thresholds', t('mwThresholds')]], 'data-rerender="1"'), `${at}.classRule.type`)}
        ${field(t('mwPer'), select(`${at}.classRule.per`, [['', t('mwPerCluster')], ['city', t('mwPerCity')], ['province', t('mwPerProvince')]]), `${at}.classRule.per`)}${rule}</div></fieldset>`;
  }).join('');
  const flagOpts = figs.map((f) => [f.column, `${f.header}${f.kind === 'flag' ? '' : `（${f.unit}）`}`]);
  const items = (d.items || []).map((it, i) => {
    const at = `items[${i}]`;
    return `<tr data-for="${esc(at)}"><td>${input(`${at}.code`, 'text', 'size="8"')}</td><td>${input(`${at}.name`, 'text', 'size="12"')}</td>
      <td>${select(`${at}.evidence`, [['', '—'], ...flagOpts])} ${input(`${at}.min`, 'num', `size="3" placeholder="${esc(t('mwMin'))}"`)}</td>
      <td>${select(`${at}.effect`, [['bonus', t('mwFx_bonus')], ['veto', t('mwFx_veto')], ['protect', t('mwFx_protect')], ['exclude', t('mwFx_exclude')]], 'data-rerender="1"')}</td>
      <td>${it.effect === 'bonus' || !it.effect ? `${input(`${at}.points`, 'num', `size="3" placeholder="${esc(t('mwPoints'))}"`)} ${input(`${at}.pointsPer`, 'num', `size="3" placeholder="${esc(t('mwPointsPer'))}"`)}
        ${input(`${at}.maxPoints`, 'num', `size="3" placeholder="${esc(t('mwMaxPoints'))}"`)}` : it.effect === 'veto' ? select(`${at}.class`, [['', '—'], ...(d.classes || []).map((c) => [c, c])]) : ''}</td>
      <td>${input(`${at}.reason`, 'text', 'size="14"')}</td>
      <td>${ro ? '' : `<button type="button" class="link" data-del="items" data-i="${i}">${esc(t('mwRemove'))}</button>`}</td></tr>`;
  }).join('');
  const title = s.method ? `${en ? s.method.nameEn : s.method.name} v${s.version} · ${t('mwSt_' + s.status)}` : t('mwNewMethod');
  box.innerHTML = `<h3>${esc(title)}</h3>
    ${s.method ? `<p><small>${esc(t('mwVersions'))}：${s.method.versions.map((x) => `<button type="button" class="link" data-ver="${x.version}">v${x.version} ${esc(t('mwSt_' + x.status))}${x.inForceFrom ? ` ${x.inForceFrom}` : ''}</button>`).join(' · ')}</small></p>` : ''}
    ${!canWrite() ? `<p class="note">${esc(t('mwReadOnlyOwner'))}</p>` : ro ? `<p class="note">${esc(t('mwReadOnlyFrozen'))}</p>` : ''}
    <fieldset id="mw-form" ${ro ? 'disabled' : ''}>
    ${s.status === 'new' ? `<div class="row">${['code', 'name', 'nameEn'].map((k) => `<label class="mw-field" data-for="${k}">${esc(t('mwMeta_' + k))}<input data-meta="${k}" value="${esc(s.meta[k])}"><small class="mw-err"></small></label>`).join('')}
      <label class="mw-field">${esc(t('mwOwner'))}<select data-meta="ownerCity">${s.owners.map(([c, n]) => `<option value="${esc(c)}" ${c === s.meta.ownerCity ? 'selected' : ''}>${esc(n)}</option>`).join('')}</select></label></div>` : ''}
    <div class="row">${field(t('mwClasses'), input('classes', 'list', 'size="10"'), 'classes')}
      ${field(t('mwRounding'), select('rounding', [['half_up', t('mwHalfUp')], ['floor', t('mwFloor')], ['ceil', t('mwCeil')]]), 'rounding')}
      ${field(t('mwLandBasis'), select('landBasis', [['held_plus_rented', t('mwHeldRented')], ['held', t('mwHeld')]]), 'landBasis')}</div>
    <h4>${esc(t('mwScope'))}</h4><div class="row">${field(t('mwBelowMinMu'), input('scope.belowMinMu', 'num', 'size="4"'), 'scope.belowMinMu')}
      ${field(t('mwIndustries'), input('scope.industries', 'list', 'size="10" placeholder="C"'), 'scope.industries')}
      ${field(t('mwYounger'), input('scope.excludeYoungerThanYears', 'num', 'size="3"'), 'scope.excludeYoungerThanYears')}
      ${field(t('mwNewlyAbove'), input('scope.excludeNewlyAboveYears', 'num', 'size="3"'), 'scope.excludeNewlyAboveYears')}</div>
    <h4>${esc(t('mwGroups'))}</h4>${groups}${ro ? '' : `<button type="button" class="link" id="mw-add-group">${esc(t('mwAddGroup'))}</button>`}
    <h4>${esc(t('mwItems'))}</h4>
    <table class="grid"><thead><tr><th>${esc(t('mwCode'))}</th><th>${esc(t('mwName'))}</th><th>${esc(t('mwEvidence'))}</th><th>${esc(t('mwEffect'))}</th>
      <th>${esc(t('mwPointsOrClass'))}</th><th>${esc(t('mwReason'))}</th><th></th></tr></thead><tbody>${items}</tbody></table>
    ${ro ? '' : `<button type="button" class="link" id="mw-add-item">${esc(t('mwAddItem'))}</button>`}
    </fieldset>
    <details><summary>${esc(t('mwJson'))}</summary><textarea id="mw-json" rows="12" cols="100" ${ro ? 'readonly' : ''}>${esc(JSON.stringify(d, null, 1))}</textarea></details>
    <div id="mw-problems" class="note" role="status"></div>
    <div class="row" id="mw-actions">
      ${!ro ? `<button type="button" id="mw-save" class="primary">${esc(t('mwSaveDraft'))}</button>` : ''}
      ${s.method && canWrite() && s.status !== 'draft' ? `<button type="button" id="mw-newdraft">${esc(t('mwNewDraft'))}</button>` : ''}
      ${s.method ? `<label>${esc(t('year'))}<input type="number" id="mw-year" value="${new Date().getFullYear() - 1}" min="2000" max="2100"></label>
        <label>${esc(t('cluster'))}<select id="mw-cluster"><option value="">${esc(t('anyCluster'))}</option>${s.clusters.map((c) => `<option value="${c.id}">${esc(en ? c.properties.nameEn : c.properties.name)}</option>`).join('')}</select></label>
        ${s.me.canRunEvaluations ? `<button type="button" id="mw-preview">${esc(t('mwPreview'))}</button>` : ''}` : ''}
      ${s.method && canWrite() && s.status === 'draft' ? `<label>${esc(t('mwInForceFrom'))}<input type="number" id="mw-from" min="2000" max="2100" placeholder="${esc(t('mwFromStart'))}"></label>
        <button type="button" id="mw-enforce">${esc(t('mwPutInForce'))}</button>` : ''}
      ${s.method && canWrite() && s.status !== 'retired' ? `<button type="button" id="mw-retire">${esc(t('mwRetire'))}</button>` : ''}
    </div><div id="mw-preview-result"></div>`;
  wireEditor(box, ro);
  check();
}

function wireEditor(box, ro) {
  box.querySelectorAll('[data-ver]').forEach((b) => {
    b.onclick = () => {
      const x = s.method.versions.find((y) => y.version === Number(b.dataset.ver));
      s.version = x.version;
      s.status = x.status;
      s.def = JSON.parse(JSON.stringify(x.definition));
      renderEditor();
    };
  });
  if (!ro) {
    box.querySelector('#mw-form').addEventListener('input', (ev) => {
      const el = ev.target;
      if (el.dataset.meta) { s.meta[el.dataset.meta] = el.value.trim(); return; }
      if (!el.dataset.path) return;
      setAt(s.def, el.dataset.path, readInput(el));
      box.querySelector('#mw-json').value = JSON.stringify(s.def, null, 1);
      if (el.dataset.rerender) renderEditor();
      else schedule();
    });
    box.querySelector('#mw-form').addEventListener('change', (ev) => { if (ev.target.dataset.meta) s.meta[ev.target.dataset.meta] = ev.target.value; });
    box.querySelector('#mw-json').oninput = (ev) => {
      try {
        s.def = JSON.parse(ev.target.value);
        schedule();
      } catch (e) {
        box.querySelector('#mw-problems').textContent = t('mwJsonBad', { error: e.message });
      }
    };
    box.querySelector('#mw-json').onchange = () => renderEditor();
    box.querySelectorAll('[data-del]').forEach((b) => {
      b.onclick = () => { getAt(s.def, b.dataset.del).splice(Number(b.dataset.i), 1); renderEditor(); };
    });
    box.querySelectorAll('[data-add-ind]').forEach((b) => {
      b.onclick = () => { s.def.groups[Number(b.dataset.addInd)].indicators.push({ code: 'va_per_mu', weight: 10, benchmark: { type: 'mean' } }); renderEditor(); };
    });
    box.querySelectorAll('[data-add-custom]').forEach((b) => {
      b.onclick = () => {
        s.def.groups[Number(b.dataset.addCustom)].indicators.push({ code: '', name: '', unit: '万元/亩', numerator: 'rd_wan', denominator: 'land', weight: 10, benchmark: { type: 'mean' } });
        renderEditor();
      };
    });
    box.querySelector('#mw-add-group').onclick = () => {
      s.def.groups.push({ code: 'below', name: '规下企业', sizeClass: 'below', indicators: [{ code: 'tax_per_mu', weight: 100, benchmark: { type: 'mean' } }],
        classRule: { type: 'two_stage', topShare: 0.5, aShare: 0.15, aRankBy: 'tax_total', cShare: 0.1, cRankBy: 'tax_total' } });
      renderEditor();
    };
    box.querySelector('#mw-add-item').onclick = () => {
      (s.def.items = s.def.items || []).push({ code: '', name: '', evidence: 'high_tech', effect: 'bonus', points: 5 });
      renderEditor();
    };
  }
  const save = box.querySelector('#mw-save');
  if (save) save.onclick = () => saveDraft().catch(showError);
  const nd = box.querySelector('#mw-newdraft');
  if (nd) {
    nd.onclick = async () => {
      try {
        const { data } = await api(`/api/evaluation/methods/${encodeURIComponent(s.method.code)}/versions`, { method: 'POST', body: { definition: s.def, status: 'draft' } });
        s.toast(t('mwDraftSaved', { version: data.version }));
        await openMethod(s.method.code);
      } catch (e) { showError(e); }
    };
  }
  const pv = box.querySelector('#mw-preview');
  if (pv) pv.onclick = () => preview().catch(showError);
  const enf = box.querySelector('#mw-enforce');
  if (enf) enf.onclick = () => lifecycle({ status: 'in_force', inForceFrom: box.querySelector('#mw-from').value ? Number(box.querySelector('#mw-from').value) : null }, 'mwPutInForceDone');
  const ret = box.querySelector('#mw-retire');
  if (ret) ret.onclick = () => { if (window.confirm(t('mwRetireConfirm'))) lifecycle({ status: 'retired' }, 'mwRetired'); };
}

function schedule() {
  clearTimeout(s.timer);
  s.timer = setTimeout(check, 300);
}

/** Asks the server what is wrong with the rules as typed, and marks each field it names. */
async function check() {
  const box = s.root.querySelector('#mw-editor');
  if (!box || !s.me.canRunEvaluations) return;
  let problems = [];
  try {
    const { data } = await api('/api/evaluation/methods/check', { method: 'POST', body: { definition: s.def } });
    problems = data.problems;
  } catch (e) { return; }
  box.querySelectorAll('.mw-bad').forEach((x) => x.classList.remove('mw-bad'));
  box.querySelectorAll('.mw-err').forEach((x) => { x.textContent = ''; });
  for (const p of problems) {
    const el = box.querySelector(`[data-for="${CSS.escape(p.field)}"]`) || box.querySelector(`[data-for="${CSS.escape(p.field.replace(/\.[^.[]+$/, ''))}"]`);
    if (el) {
      el.classList.add('mw-bad');
      const err = el.querySelector('.mw-err');
      if (err) err.textContent = p.message;
    }
  }
  box.querySelector('#mw-problems').innerHTML = problems.length
    ? `<b>${esc(t('mwProblems', { n: problems.length }))}</b><ul>${problems.map((p) => `<li><code>${esc(p.field)}</code> ${esc(p.message)}</li>`).join('')}</ul>`
    : esc(t('mwNoProblems'));
}

async function saveDraft() {
  if (s.status === 'new') {
    const body = { code: s.meta.code, name: s.meta.name, nameEn: s.meta.nameEn, ownerCity: s.meta.ownerCity || null, definition: s.def, status: 'draft' };
    await api('/api/evaluation/methods', { method: 'POST', body });
    s.toast(t('mwCreated', { code: s.meta.code }));
    await renderMethods(s.root, s.me, s.toast);
    await openMethod(body.code);
    return;
  }
  const { data } = await api(`/api/evaluation/methods/${encodeURIComponent(s.method.code)}/versions/${s.version}`, { method: 'PATCH', body: { definition: s.def } });
  s.toast(data.problems.length ? t('mwSavedWithProblems', { n: data.problems.length }) : t('mwSaved'));
}

async function lifecycle(body, done) {
  try {
    if (s.status === 'draft' && body.status === 'in_force') await saveDraft();
    await api(`/api/evaluation/methods/${encodeURIComponent(s.method.code)}/versions/${s.version}`, { method: 'PATCH', body });
    s.toast(t(done));
    await openMethod(s.method.code);
  } catch (e) { showError(e); }
}

async function preview() {
  const box = s.root.querySelector('#mw-editor');
  const out = box.querySelector('#mw-preview-result');
  if (s.status === 'draft' && canWrite()) await saveDraft();
  const year = Number(box.querySelector('#mw-year').value);
  const cl = box.querySelector('#mw-cluster').value;
  out.innerHTML = `<p>${esc(t('mwPreviewing'))}</p>`;
  const { data: p } = await api(`/api/evaluation/methods/${encodeURIComponent(s.method.code)}/versions/${s.version}/preview`,
    { method: 'POST', body: { year, clusters: cl ? [Number(cl)] : null } });
  const classes = [...new Set([...(s.def.classes || []), ...Object.keys(p.classes), ...Object.keys(p.baseClasses)])];
  const max = Math.max(1, ...classes.map((c) => Math.max(p.classes[c] || 0, p.baseClasses[c] || 0)));
  const bar = (n, cls) => `<span class="mw-bar ${cls}" style="width:${Math.round(((n || 0) / max) * 160)}px"></span> ${n || 0}`;
  out.innerHTML = `<h4>${esc(t('mwPreviewOf', { year, n: p.enterprises, evaluated: p.evaluated }))}</h4>
    <p>${p.baseRunId ? esc(t('mwComparedWith', { run: p.baseRunId, changed: p.changed })) : esc(t('mwNoBase', { year }))}</p>
    <table class="grid" id="mw-mix"><thead><tr><th>${esc(t('mwClass'))}</th><th>${esc(t('mwBase'))}</th><th>${esc(t('mwWould'))}</th></tr></thead><tbody>
      ${classes.map((c) => `<tr><td>${esc(c)}</td><td>${bar(p.baseClasses[c], 'base')}</td><td>${bar(p.classes[c], 'would')}</td></tr>`).join('')}</tbody></table>
    ${p.changes.length ? `<table class="grid" id="mw-changes"><thead><tr><th>${esc(t('enterprise'))}</th><th>${esc(t('cluster'))}</th><th>${esc(t('mwWas'))}</th><th>${esc(t('mwWould'))}</th>
      <th>${esc(t('score'))}</th><th>${esc(t('mwStep'))}</th></tr></thead><tbody>${p.changes.map((x) => `<tr><td>${esc(x.name)}<br><small>${esc(x.creditCode)}</small></td>
      <td>${esc(s.en ? x.clusterEn : x.cluster)}</td><td>${esc(x.was || '—')}</td><td><b>${esc(x.would || '—')}</b></td>
      <td class="num">${x.wasScore == null ? '—' : num(x.wasScore, 2)} → ${x.wouldScore == null ? '—' : num(x.wouldScore, 2)}</td><td><small>${esc(reasonText(x.reason, x.step || x.exclusion, indicatorNames(s.cat.indicators)))}</small></td></tr>`).join('')}</tbody></table>
      ${p.changed > p.changes.length ? `<p><small>${esc(t('mwMoreChanges', { n: p.changed - p.changes.length }))}</small></p>` : ''}` : ''}`;
}

function showError(e) {
  const box = s.root.querySelector('#mw-problems');
  const msg = e instanceof ApiError ? e.localized() : String(e);
  if (box) box.innerHTML = `<b>${esc(msg)}</b>${e.details && e.details.length ? `<ul>${e.details.map((p) => `<li><code>${esc(p.field || '')}</code> ${esc(p.message || '')}</li>`).join('')}</ul>` : ''}`;
  s.toast(msg, true);
}
