// Field rules of the parcel form: the code rules (ParcelCode, CreditCode) and the bounds the server's schema states.

/** Returns an i18n key for what is wrong with a 宗地代码, or null when it is valid. */
export function parcelCodeProblem(code) {
  const c = (code || '').trim().toUpperCase();
  if (!c) return 'v.required';
  if (c.length !== 19) return 'v.codeLength';
  if (!/^[0-9]{12}/.test(c)) return 'v.codeDigits';
  if (!'GJZ'.includes(c[12])) return 'v.codeOwner';
  if (!/[A-Z]/.test(c[13])) return 'v.codeRight';
  if (!/^[0-9]{5}$/.test(c.slice(14)) || c.slice(14) === '00000') return 'v.codeSeq';
  return null;
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** True when an 18-character 统一社会信用代码 has the right check character (GB 32100). */
export function creditCodeValid(code) {
  if (!code || code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(code[i]);
    if (v < 0) return false;
    sum += v * CREDIT_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return code[17] === CREDIT_CHARS[c === 31 ? 0 : c];
}

/**
 * Checks a number field against its JSON Schema's bounds (minimum, exclusiveMinimum, maximum: the database's CHECK
 * constraints, as the server describes them). Returns an i18n key or null.
 */
export function numberProblem(value, schema) {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  if (!Number.isFinite(n)) return 'v.number';
  if (schema.exclusiveMinimum === 0 && n <= 0) return 'v.positive';
  if (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) return 'v.range';
  if (schema.minimum !== undefined && n < schema.minimum) return 'v.range';
  if (schema.maximum !== undefined && n > schema.maximum) return 'v.range';
  return null;
}

/** Returns 'v.dateOrder' when an end date is before its start date, else null. */
export function dateOrderProblem(start, end) {
  return start && end && end < start ? 'v.dateOrder' : null;
}
