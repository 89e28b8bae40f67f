// The JSON API client: same-origin fetch, the session's CSRF token on writes, errors as ApiError with the server's code.
import { t } from './i18n.js';

let csrfToken = null;

export function setCsrf(token) {
  csrfToken = token;
}

/** The session's CSRF token, for requests made without api() (file uploads). */
export function csrf() {
  return csrfToken;
}

/** An error answered by the server: HTTP status, code, message and details (see contracts.md). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code ? body.code : `HTTP_${status}`;
    this.details = (body && body.details) || [];
  }

  /** A sentence in the interface language when the code is known, else the server's message. */
  localized() {
    const key = `errors.${this.code}`;
    const text = t(key, this.details[0] || {});
    if (text === key) return this.message;
    if (this.code === 'VALIDATION_FAILED') return `${text}: ${this.details.map((d) => `${d.field} ${d.message}`).join('; ')}`;
    return text;
  }
}

/** Calls the API; options: method, body (JSON-encoded), headers. Resolves to {data, headers}. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = { message: text }; }
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return { data, headers: res.headers };
}
