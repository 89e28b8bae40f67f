// "My account": change the password, make and revoke API tokens (the secret is shown once).
import { api, ApiError } from './api.js';
import { t } from './i18n.js';
import { esc } from './format.js';

function when(iso) {
  return iso ? esc(new Date(iso).toLocaleString()) : '—';
}

/** Renders the account page into `el`; `notify(text, bad)` shows a message. */
export async function renderAccount(el, me, notify) {
  const { data } = await api('/api/tokens');
  el.innerHTML = `<h2>${esc(me.displayName)} <small>(${esc(me.username)})</small></h2>
    <h3>${esc(t('changePassword'))}</h3>
    <form id="pw-form" class="row">
      <label>${esc(t('currentPassword'))}<input type="password" name="current" autocomplete="current-password" required></label>
      <label>${esc(t('newPassword'))}<input type="password" name="next" autocomplete="new-password" minlength="10" required></label>
      <button type="submit">${esc(t('save'))}</button>
    </form>
    <h3>${esc(t('tokens'))}</h3>
    <form id="token-form" class="row">
      <label>${esc(t('tokenName'))}<input name="name" maxlength="80" required></label>
      <label>${esc(t('tokenDays'))}<input name="days" inputmode="numeric" size="6"></label>
      <button type="submit">${esc(t('createToken'))}</button>
    </form>
    <div id="new-token"></div>
    <table class="grid" id="token-table"><thead><tr><th>${esc(t('tokenName'))}</th><th>${esc(t('prefix'))}</th>
      <th>${esc(t('createdAt'))}</th><th>${esc(t('expiresAt'))}</th><th>${esc(t('lastUsed'))}</th><th></th></tr></thead><tbody>
      ${data.tokens.map((k) => `<tr><td>${esc(k.name)}</td><td><code data-literal>${esc(k.prefix)}…</code></td><td>${when(k.createdAt)}</td>
        <td>${when(k.expiresAt)}</td><td>${when(k.lastUsedAt)}</td>
        <td>${k.revokedAt ? esc(t('revoked')) : `<button type="button" data-revoke="${Number(k.id)}">${esc(t('revoke'))}</button>`}</td></tr>`).join('')}
    </tbody></table>`;
  const fail = (e) => notify(e instanceof ApiError ? e.localized() : String(e.message || e), true);
  el.querySelector('#pw-form').onsubmit = async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      await api('/api/session/password', { method: 'POST', body: { currentPassword: f.current.value, newPassword: f.next.value } });
      f.reset();
      notify(t('passwordChanged'));
    } catch (err) { fail(err); }
  };
  el.querySelector('#token-form').onsubmit = async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = { name: f.name.value.trim() };
    if (f.days.value.trim()) body.days = Number(f.days.value.trim());
    try {
      const { data: tok } = await api('/api/tokens', { method: 'POST', body });
      await renderAccount(el, me, notify);
      el.querySelector('#new-token').innerHTML = `<p>${esc(t('tokenShownOnce'))}</p><p class="secret" id="token-secret">${esc(tok.token)}</p>`;
    } catch (err) { fail(err); }
  };
  el.querySelectorAll('[data-revoke]').forEach((b) => {
    b.onclick = async () => {
      try {
        await api(`/api/tokens/${b.dataset.revoke}`, { method: 'DELETE' });
        await renderAccount(el, me, notify);
      } catch (err) { fail(err); }
    };
  });
}
