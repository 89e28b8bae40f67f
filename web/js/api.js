// The JSON API client: same-origin fetch, the session's CSRF token on writes, errors as ApiError with the server's code.
import { t, lang } from './i18n.js';

let csrfToken = null;

export function setCsrf(token) {
  csrfToken = token;
}

/** The session's CSRF token, for requests made without api() (file uploads). */
export function csrf() {
  return csrfToken;
}

/** Field labels in both languages, from a feature's description (e.g. GET /api/parcels/schema), for error texts. */
const fieldLabels = {};

/** Registers the labels of a JSON Schema's properties (title: Chinese, x-title-en: English). */
export function describeFields(schema) {
  for (const [name, s] of Object.entries((schema && schema.properties) || {})) fieldLabels[name] = { zh: s.title, en: s['x-title-en'] };
}

/** A field's problem in the interface's language: its label and the rule it breaks (the server's sentence otherwise). */
function problemText(d) {
  const l = fieldLabels[d.field];
  const label = (l && (lang() === 'en' ? l.en : l.zh)) || d.field;
  const key = `rules.${d.rule}`;
  const text = d.rule ? t(key, d.params || {}) : key;
  return `${label} ${text === key ? d.message : text}`;
}

/**
 * An error answered by the server: HTTP status, code and details (see contracts.md). Its message is already in the
 * interface's language when the code is known (so every `e.message` a view shows is); the server's own sentence is
 * kept as serverMessage.
 */
export class ApiError extends Error {
  constructor(status, body) {
    super('');
    this.status = status;
    this.code = body && body.code ? body.code : `HTTP_${status}`;
    this.details = (body && body.details) || [];
    this.serverMessage = body && body.message ? body.message : `HTTP ${status}`;
    this.message = this.localized();
  }

  /** A sentence in the interface language when the code is known, else the server's message. */
  localized() {
    const key = `errors.${this.code}`;
    const text = t(key, this.details[0] || {});
    if (text === key) return this.serverMessage;
    if (this.code === 'VALIDATION_FAILED') return `${text}: ${this.details.map(problemText).join('; ')}`;
    return text;
  }
}

/** The error of a response read without api() (file uploads): an ApiError, its message in the interface's language. */
export async function responseError(res) {
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  return new ApiError(res.status, body);
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
