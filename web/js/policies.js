// The differentiated policies per class (差别化政策) as data: general ones and methods' own, each with the department
// that applies it and its legal basis; edited in place with the version read (If-Match), withdrawn rather than deleted.
import { api } from './api.js';
import { t, lang } from './i18n.js';
import { esc } from './format.js';

/** Renders the policy table into {@code box}; {@code method} limits it to one method's (and the general) policies. */
export async function renderPolicies(box, me, toast, method = null) {
  const { data } = await api(`/api/evaluation/policies${method ? `?method=${encodeURIComponent(method)}` : ''}`);
  const en = lang() === 'en';
  const editable = me.editsProvinceMethods || (me.methodCities || []).length > 0;
  const kinds = data.kinds.map((k) => [k.code, en ? k.nameEn : k.name]);
  const blank = { id: null, method: null, class: 'C', kind: 'guidance', description: '', value: null, unit: '', minConsecutiveYears: 1, maxConsecutiveYears: null,
    legalBasis: '', active: true, version: 0, changedBy: '' };
  const row = (p) => `<tr data-policy="${p.id ?? 'new'}" class="${p.active ? '' : 'mw-withdrawn'}"><td>${esc(p.method || t('polGeneral'))}</td>
    <td><input data-f="class" value="${esc(p.class)}" size="2" aria-label="${esc(t('mwClass'))}"></td>
    <td><select data-f="kind" aria-label="${esc(t('polKind'))}">${kinds.map(([c, n]) => `<option value="${esc(c)}" ${c === p.kind ? 'selected' : ''}>${esc(n)}</option>`).join('')}</select>
      <br><small>${esc(p.id ? (en ? p.departmentNameEn : p.departmentName) : '')}</small></td>
    <td><textarea data-f="description" rows="2" cols="24" aria-label="${esc(t('polDescription'))}">${esc(p.description)}</textarea></td>
    <td><input data-f="value" value="${p.value ?? ''}" size="5" aria-label="${esc(t('polValue'))}"> <input data-f="unit" value="${esc(p.unit)}" size="5" aria-label="${esc(t('mwUnit'))}"></td>
    <td><input data-f="minConsecutiveYears" value="${p.minConsecutiveYears}" size="2">–<input data-f="maxConsecutiveYears" value="${p.maxConsecutiveYears ?? ''}" size="2"></td>
    <td><textarea data-f="legalBasis" rows="2" cols="24" aria-label="${esc(t('polBasis'))}">${esc(p.legalBasis)}</textarea></td>
    <td><label><input type="checkbox" data-f="active" ${p.active ? 'checked' : ''}>${esc(t('polActive'))}</label></td>
    <td>${editable ? `<button type="button" data-save-policy="${p.id ?? ''}" data-version="${p.version}">${esc(t('save'))}</button>` : ''}
      ${p.id ? `<br><small>v${p.version} ${esc(p.changedBy)}</small>` : ''}</td></tr>`;
  box.innerHTML = `<table class="grid" id="pol-table"><thead><tr><th>${esc(t('polMethod'))}</th><th>${esc(t('mwClass'))}</th><th>${esc(t('polKind'))}</th>
    <th>${esc(t('polDescription'))}</th><th>${esc(t('polValue'))}</th><th>${esc(t('polYears'))}</th><th>${esc(t('polBasis'))}</th><th></th><th></th></tr></thead>
    <tbody>${data.policies.map(row).join('')}</tbody></table>
    ${editable ? `<p><button type="button" id="pol-add">${esc(t('polAdd'))}</button></p>` : ''}`;
  const readRow = (tr) => {
    const b = {};
    tr.querySelectorAll('[data-f]').forEach((el) => {
      const f = el.dataset.f;
      const v = el.type === 'checkbox' ? el.checked : el.value.trim();
      if (f === 'value') b.value = v === '' ? null : Number(v);
      else if (f === 'minConsecutiveYears') b[f] = Number(v || 1);
      else if (f === 'maxConsecutiveYears') b[f] = v === '' ? null : Number(v);
      else b[f] = v;
    });
    return b;
  };
  const wire = () => box.querySelectorAll('[data-save-policy]').forEach((btn) => {
    btn.onclick = async () => {
      const id = btn.dataset.savePolicy;
      const body = readRow(btn.closest('tr'));
      try {
        if (id) await api(`/api/evaluation/policies/${id}`, { method: 'PATCH', body, headers: { 'If-Match': `"policy-${id}-v${btn.dataset.version}"` } });
        else {
          delete body.active;
          if (method) body.method = method;
          await api('/api/evaluation/policies', { method: 'POST', body });
        }
        toast(t('polSaved'));
        await renderPolicies(box, me, toast, method);
      } catch (e) {
        toast(e.status === 412 ? t('polConflict') : e.localized ? e.localized() : String(e), true);
        if (e.status === 412) await renderPolicies(box, me, toast, method);
      }
    };
  });
  wire();
  const add = box.querySelector('#pol-add');
  if (add) {
    add.onclick = () => {
      box.querySelector('#pol-table tbody').insertAdjacentHTML('beforeend', row(blank));
      add.disabled = true;
      wire();
      box.querySelector('tr[data-policy="new"] textarea').focus();
    };
  }
}
