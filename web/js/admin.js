// Administration: users with roles and scopes (create, change, lock state), everyone's tokens, and the audit log.
import { api, ApiError } from './api.js';
import { t } from './i18n.js';
import { esc } from './format.js';

function when(iso) {
  return iso ? esc(new Date(iso).toLocaleString()) : '—';
}

function grantText(g) {
  return g.scopeKind === 'province' ? g.role : `${g.role}:${g.scopeKind}:${g.scopeCode}`;
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
  const { data } = await api('/api/admin/users');
  body.innerHTML = `<h3>${esc(t('newUser'))}</h3>
    <form id="user-form" class="row">
      <label>${esc(t('username'))}<input name="username" pattern="[a-z0-9_.-]{3,40}" required></label>
      <label>${esc(t('displayName'))}<input name="displayName" required></label>
      <label>${esc(t('password'))}<input name="password" type="password" minlength="10" autocomplete="new-password" required></label>
      <label>${esc(t('grants'))}<textarea name="grants" rows="2" cols="28">viewer</textarea></label>
      <button type="submit">${esc(t('save'))}</button>
    </form>
    <table class="grid" id="user-table"><thead><tr><th>${esc(t('username'))}</th><th>${esc(t('displayName'))}</th><th>${esc(t('roles'))}</th>
      <th>${esc(t('active'))}</th><th>${esc(t('lastSignIn'))}</th><th></th></tr></thead><tbody>
    ${data.users.map((u) => `<tr data-user="${Number(u.id)}"><td>${esc(u.username)}</td><td>${esc(u.displayName)}</td>
      <td><textarea rows="${Math.max(1, u.grants.length)}" cols="28" data-grants>${esc(u.grants.map(grantText).join('\n'))}</textarea></td>
      <td>${u.active ? '✓' : '✗'} ${u.locked ? `<span class="warn">${esc(t('locked'))}</span>` : ''}</td><td>${when(u.lastSignIn)}</td>
      <td>${u.username === me.username ? '' : `<button type="button" data-act="roles">${esc(t('saveRoles'))}</button>
        ${u.locked ? `<button type="button" data-act="unlock">${esc(t('unlock'))}</button>` : ''}
        <button type="button" data-act="active">${esc(u.active ? t('deactivate') : t('activate'))}</button>
        <button type="button" data-act="password">${esc(t('resetPassword'))}</button>`}</td></tr>`).join('')}
    </tbody></table>`;
  const lines = (s) => s.split(/\n+/).map((x) => x.trim()).filter(Boolean);
  body.querySelector('#user-form').onsubmit = async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      await api('/api/admin/users', { method: 'POST', body: { username: f.username.value.trim(), displayName: f.displayName.value.trim(), password: f.password.value, grants: lines(f.grants.value) } });
      notify(t('userCreated'));
      await users(body, me, notify, fail);
    } catch (err) { fail(err); }
  };
  body.querySelectorAll('tr[data-user]').forEach((tr) => {
    const id = tr.dataset.user;
    const u = data.users.find((x) => String(x.id) === id);
    tr.querySelectorAll('[data-act]').forEach((b) => {
      b.onclick = async () => {
        try {
          if (b.dataset.act === 'roles') await api(`/api/admin/users/${id}`, { method: 'PATCH', body: { grants: lines(tr.querySelector('[data-grants]').value) } });
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
    ${data.tokens.map((k) => `<tr><td>${esc(k.username)}</td><td>${esc(k.name)}</td><td><code>${esc(k.prefix)}…</code></td>
      <td>${when(k.createdAt)}</td><td>${when(k.expiresAt)}</td><td>${when(k.lastUsedAt)}</td>
      <td>${k.revokedAt ? esc(t('revoked')) : `<button type="button" data-revoke="${Number(k.id)}">${esc(t('revoke'))}</button>`}</td></tr>`).join('')}
    </tbody></table>`;
  body.querySelectorAll('[data-revoke]').forEach((b) => {
    b.onclick = async () => {
      try { await api(`/api/admin/tokens/${b.dataset.revoke}`, { method: 'DELETE' }); notify(t('saved')); again(); } catch (err) { fail(err); }
    };
  });
}

async function audit(body, fail) {
  body.innerHTML = `<form id="audit-form" class="row">
      <label>${esc(t('actor'))}<input name="actor"></label>
      <label>${esc(t('action'))}<input name="action" placeholder="parcel."></label>
      <label>${esc(t('outcome'))}<select name="outcome"><option value=""></option><option>ok</option><option>denied</option><option>failed</option></select></label>
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
      const rows = data.entries.map((e) => `<tr><td>${when(e.at)}</td><td>${esc(e.actor)}</td><td>${esc(e.action)}</td><td>${esc(e.target)}</td>
        <td class="${e.outcome === 'ok' ? 'ok' : 'warn'}">${esc(e.outcome)} ${e.status == null ? '' : Number(e.status)}</td><td>${esc(e.remoteAddr)}</td></tr>`).join('');
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
