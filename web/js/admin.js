// Administration: users with roles and scopes (create, change, lock state), everyone's tokens, and the audit log.
import { api, ApiError } from './api.js';
import { t, lang } from './i18n.js';
import { esc, dateTime } from './format.js';

function when(iso) {
  return esc(dateTime(iso, lang()));
}

const ROLES = ['viewer', 'resources', 'park', 'coordinator', 'admin'];

/**
 * The grants of a user as rows of two lists — the role, and where it reaches (the province, a city, a cluster, by
 * name) — picked from the cities and clusters that exist, never typed (a scope that does not exist cannot be chosen).
 */
function grantRows(grants, places) {
  const row = (g) => {
    const scope = g.scopeKind === 'province' ? 'province' : `${g.scopeKind}:${g.scopeCode}`;
    return `<div class="grant" data-grant><select data-role aria-label="${esc(t('roles'))}">${ROLES.map((r) =>
      `<option value="${r}"${r === g.role ? ' selected' : ''}>${esc(t(`roleName.${r}`))}</option>`).join('')}</select>
      <select data-scope aria-label="${esc(t('grantScope'))}"><option value="province"${scope === 'province' ? ' selected' : ''}>${esc(t('wholeProvince'))}</option>
      <optgroup label="${esc(t('cityLabel'))}">${places.cities.map((c) => `<option value="city:${esc(c.code)}"${scope === `city:${c.code}` ? ' selected' : ''}>${esc(c.name)}</option>`).join('')}</optgroup>
      <optgroup label="${esc(t('clusters'))}">${places.clusters.map((c) => `<option value="cluster:${esc(c.code)}"${scope === `cluster:${c.code}` ? ' selected' : ''}>${esc(c.name)}</option>`).join('')}</optgroup>
      </select><button type="button" data-remove title="${esc(t('removeGrant'))}">✕</button></div>`;
  };
  return `<div data-grants>${grants.map(row).join('')}</div><button type="button" data-add-grant>${esc(t('addGrant'))}</button>
    <template data-grant-template>${row({ role: 'viewer', scopeKind: 'province' })}</template>`;
}

/** Wires the add and remove buttons of the grant rows under el; returns a function giving the grants chosen. */
function grantPicker(el) {
  const list = el.querySelector('[data-grants]');
  const wire = () => list.querySelectorAll('[data-remove]').forEach((b) => { b.onclick = () => b.closest('[data-grant]').remove(); });
  el.querySelector('[data-add-grant]').onclick = () => {
    list.append(el.querySelector('[data-grant-template]').content.cloneNode(true));
    wire();
  };
  wire();
  return () => [...list.querySelectorAll('[data-grant]')].map((r) => {
    const role = r.querySelector('[data-role]').value, scope = r.querySelector('[data-scope]').value;
    return scope === 'province' ? role : `${role}:${scope}`;
  });
}

/** Renders the admin page into `el` with tabs users / tokens / audit. */
export async function renderAdmin(el, me, notify, tab = 'users') {
  el.innerHTML = `<div class="tabs">${['users', 'tokens', 'audit'].map((k) =>
    `<button type="button" data-tab="${k}" class="${k === tab ? 'active' : ''}">${esc(t(k))}</button>`).join('')}</div><div id="admin-body"></div>`;
  el.querySelectorAll('[data-tab]').forEach((b) => { b.onclick = () => renderAdmin(el, me, notify, b.dataset.tab); });
  const body = el.querySelector('#admin-body');
  const fail = (e) => notify(e instanceof ApiError ? e.localized() : String(e.message || e), true);
  try {
    if (tab === 'users') await users(body, me, notify, fail);
    else if (tab === 'tokens') await tokens(body, notify, fail, () => renderAdmin(el, me, notify, 'tokens'));
    else await audit(body, fail);
  } catch (e) { fail(e); }
}

async function users(body, me, notify, fail) {
  const [{ data }, { data: cities }, { data: clusters }] = await Promise.all([api('/api/admin/users'), api('/api/cities'), api('/api/clusters')]);
  const places = { cities, clusters: clusters.features.map((f) => ({ code: f.properties.code, name: f.properties.name })) };
  body.innerHTML = `<h3>${esc(t('newUser'))}</h3>
    <form id="user-form" class="row">
      <label>${esc(t('username'))}<input name="username" pattern="[a-z0-9_.-]{3,40}" required></label>
      <label>${esc(t('displayName'))}<input name="displayName" required></label>
      <label>${esc(t('password'))}<input name="password" type="password" minlength="10" autocomplete="new-password" required></label>
      <div class="grants" id="new-grants"><span>${esc(t('grants'))}</span>${grantRows([{ role: 'viewer', scopeKind: 'province' }], places)}</div>
      <button type="submit">${esc(t('save'))}</button>
    </form>
    <table class="grid" id="user-table"><thead><tr><th>${esc(t('username'))}</th><th>${esc(t('displayName'))}</th><th>${esc(t('roles'))}</th>
      <th>${esc(t('active'))}</th><th>${esc(t('lastSignIn'))}</th><th></th></tr></thead><tbody>
    ${data.users.map((u) => `<tr data-user="${Number(u.id)}"><td>${esc(u.username)}</td><td>${esc(u.displayName)}</td>
      <td class="grants">${grantRows(u.grants, places)}</td>
      <td>${u.active ? '✓' : '✗'} ${u.locked ? `<span class="warn">${esc(t('locked'))}</span>` : ''}</td><td>${when(u.lastSignIn)}</td>
      <td>${u.username === me.username ? '' : `<button type="button" data-act="roles">${esc(t('saveRoles'))}</button>
        ${u.locked ? `<button type="button" data-act="unlock">${esc(t('unlock'))}</button>` : ''}
        <button type="button" data-act="active">${esc(u.active ? t('deactivate') : t('activate'))}</button>
        <button type="button" data-act="password">${esc(t('resetPassword'))}</button>`}</td></tr>`).join('')}
    </tbody></table>`;
  const newGrants = grantPicker(body.querySelector('#new-grants'));
  body.querySelector('#user-form').onsubmit = async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      await api('/api/admin/users', { method: 'POST', body: { username: f.username.value.trim(), displayName: f.displayName.value.trim(), password: f.password.value, grants: newGrants() } });
      notify(t('userCreated'));
      await users(body, me, notify, fail);
    } catch (err) { fail(err); }
  };
  body.querySelectorAll('tr[data-user]').forEach((tr) => {
    const id = tr.dataset.user;
    const u = data.users.find((x) => String(x.id) === id);
    const chosen = grantPicker(tr.querySelector('td.grants'));
    tr.querySelectorAll('[data-act]').forEach((b) => {
      b.onclick = async () => {
        try {
          if (b.dataset.act === 'roles') await api(`/api/admin/users/${id}`, { method: 'PATCH', body: { grants: chosen() } });
          if (b.dataset.act === 'unlock') await api(`/api/admin/users/${id}/unlock`, { method: 'POST' });
          if (b.dataset.act === 'active') await api(`/api/admin/users/${id}`, { method: 'PATCH', body: { active: !u.active } });
          if (b.dataset.act === 'password') {
            const pw = window.prompt(t('newPassword'));
            if (!pw) return;
            await api(`/api/admin/users/${id}/password`, { method: 'POST', body: { password: pw } });
          }
          notify(t('saved'));
          await users(body, me, notify, fail);
        } catch (err) { fail(err); }
      };
    });
  });
}

async function tokens(body, notify, fail, again) {
  const { data } = await api('/api/admin/tokens');
  body.innerHTML = `<table class="grid"><thead><tr><th>${esc(t('owner'))}</th><th>${esc(t('tokenName'))}</th><th>${esc(t('prefix'))}</th>
    <th>${esc(t('createdAt'))}</th><th>${esc(t('expiresAt'))}</th><th>${esc(t('lastUsed'))}</th><th></th></tr></thead><tbody>
    ${data.tokens.map((k) => `<tr><td>${esc(k.username)}</td><td>${esc(k.name)}</td><td><code data-literal>${esc(k.prefix)}…</code></td>
      <td>${when(k.createdAt)}</td><td>${when(k.expiresAt)}</td><td>${when(k.lastUsedAt)}</td>
      <td>${k.revokedAt ? esc(t('revoked')) : `<button type="button" data-revoke="${Number(k.id)}">${esc(t('revoke'))}</button>`}</td></tr>`).join('')}
    </tbody></table>`;
  body.querySelectorAll('[data-revoke]').forEach((b) => {
    b.onclick = async () => {
      try { await api(`/api/admin/tokens/${b.dataset.revoke}`, { method: 'DELETE' }); notify(t('saved')); again(); } catch (err) { fail(err); }
    };
  });
}

/** The audit filter's action groups: a prefix of the action codes, or one action. */
const AUDIT_GROUPS = ['parcel.', 'import.', 'enterprise.', 'indicators.', 'evaluation.', 'low-efficiency.', 'standard-land.', 'cluster.', 'plan.', 'assessment.', 'export.', 'user.', 'session.', 'token.', 'access.denied'];
const groupKey = (g) => g.replace(/\.$/, '').replace('.', '-');

/** The text of a dictionary key, or the fallback when the dictionary has none (an action added later shows its code). */
function words(key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
}

/**
 * What an audit entry acted on, in words: "user:li" is 用户 li, "import:20" 导入 #20, a request's path /api/parcels/123
 * 宗地 #123 (the raw target, a request's path, is in the CSV export for whoever needs it).
 */
function auditTarget(target) {
  const m = /^([a-z-]+):(.+)$/.exec(target || '');
  if (m) return `${words(`auditRes.${m[1]}`, m[1])} ${/^\d+$/.test(m[2]) ? '#' : ''}${m[2]}`;
  if (!(target || '').startsWith('/')) return target || '';
  const segs = target.split('/').filter((x) => x && x !== 'api' && x !== 'admin');
  if (!segs.length) return target;
  const id = segs.find((x) => /^\d+$/.test(x));
  return words(`auditRes.${segs[0].replace(/\.(csv|xlsx|json|mvt)$/, '')}`, target) + (id ? ` #${id}` : '');
}

async function audit(body, fail) {
  body.innerHTML = `<form id="audit-form" class="row">
      <label>${esc(t('actor'))}<input name="actor"></label>
      <label>${esc(t('action'))}<select name="action"><option value="">${esc(t('auditAnyAction'))}</option>${AUDIT_GROUPS.map((g) =>
        `<option value="${esc(g)}">${esc(t(`auditGroup.${groupKey(g)}`))}</option>`).join('')}</select></label>
      <label>${esc(t('outcome'))}<select name="outcome"><option value=""></option>${['ok', 'denied', 'failed'].map((o) =>
        `<option value="${o}">${esc(t(`auditOutcome.${o}`))}</option>`).join('')}</select></label>
      <label>${esc(t('from'))}<input type="date" name="from"></label>
      <label>${esc(t('to'))}<input type="date" name="to"></label>
      <button type="submit">${esc(t('filter'))}</button>
      <a id="audit-csv" href="#">${esc(t('exportCsv'))}</a>
    </form>
    <table class="grid" id="audit-table"><thead><tr><th>${esc(t('at'))}</th><th>${esc(t('actor'))}</th><th>${esc(t('action'))}</th>
      <th>${esc(t('target'))}</th><th>${esc(t('outcome'))}</th><th>IP</th></tr></thead><tbody></tbody></table>
    <button type="button" id="audit-more" hidden>${esc(t('more'))}</button>`;
  const form = body.querySelector('#audit-form');
  const tbody = body.querySelector('#audit-table tbody');
  const params = () => {
    const p = new URLSearchParams();
    for (const k of ['actor', 'action', 'outcome', 'from', 'to']) if (form[k].value.trim()) p.set(k, form[k].value.trim());
    return p;
  };
  let next = null;
  const load = async (append) => {
    const p = params();
    if (append && next) p.set('before', next);
    try {
      const { data } = await api(`/api/admin/audit?${p}`);
      const rows = data.entries.map((e) => `<tr><td>${when(e.at)}</td><td>${esc(e.actor)}</td><td>${esc(words(`auditAct.${e.action}`, e.action))}</td>
        <td>${esc(auditTarget(e.target))}</td>
        <td class="${e.outcome === 'ok' ? 'ok' : 'warn'}">${esc(words(`auditOutcome.${e.outcome}`, e.outcome))} ${e.status == null ? '' : Number(e.status)}</td><td>${esc(e.remoteAddr)}</td></tr>`).join('');
      tbody.innerHTML = append ? tbody.innerHTML + rows : rows;
      next = data.next;
      body.querySelector('#audit-more').hidden = !next;
      body.querySelector('#audit-csv').href = `/api/admin/audit.csv?${params()}`;
    } catch (err) { fail(err); }
  };
  form.onsubmit = (e) => { e.preventDefault(); load(false); };
  body.querySelector('#audit-more').onclick = () => load(true);
  await load(false);
}
