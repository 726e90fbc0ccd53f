// A TypeScript rendering of k8s.io/apimachinery/pkg/util/validation/field.Error, so that
// messages read exactly like the API server's (`Required value`, `Unsupported value: ...`).

import { goQuote } from '../go/quote.js';

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueNotSupported'
  | 'FieldValueInvalid'
  | 'FieldValueTypeInvalid'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden';

/** Sentinel for "print no value", like field.OmitValueType. */
export const OMIT_VALUE: unique symbol = Symbol('omit-value');

export interface FieldError {
  type: FieldErrorType;
  /** Already rendered path (`spec.x[0].y`); '' means the object root (`<nil>` in k8s output). */
  path: string;
  badValue: unknown;
  detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueInvalid: 'Invalid value',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
};

export function required(path: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', path, badValue: OMIT_VALUE, detail };
}

export function invalid(path: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', path, badValue: value, detail };
}

export function typeInvalid(path: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueTypeInvalid', path, badValue: value, detail };
}

export function forbidden(path: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', path, badValue: OMIT_VALUE, detail };
}

export function duplicate(path: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', path, badValue: value, detail: '' };
}

export function notSupported(path: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', path, badValue: value, detail };
}

export function tooLong(path: string, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', path, badValue: OMIT_VALUE, detail: `may not be more than ${maxLength} bytes` };
}

export function tooMany(path: string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', path, badValue: actual, detail: `must have at most ${max} items` };
}

/** field.Error.ErrorBody(): the message without the path. */
export function errorBody(err: FieldError): string {
  let s = TYPE_TEXT[err.type];
  const bodyOmitsValue =
    err.type === 'FieldValueRequired' ||
    err.type === 'FieldValueForbidden' ||
    err.type === 'FieldValueTooLong' ||
    err.badValue === OMIT_VALUE;
  if (!bodyOmitsValue) s += `: ${goValue(err.badValue)}`;
  if (err.detail !== '') s += `: ${err.detail}`;
  return s;
}

/** Blocking errors make the API server skip CEL rules (apiextensions strategy `hasBlockingErr`). */
export function isBlocking(err: FieldError): boolean {
  return (
    err.type === 'FieldValueNotSupported' ||
    err.type === 'FieldValueRequired' ||
    err.type === 'FieldValueTooLong' ||
    err.type === 'FieldValueTooMany' ||
    err.type === 'FieldValueTypeInvalid'
  );
}

export { goQuote };

/** Go formatting of a bad value: %q for strings, %v for scalars, %#v for maps/slices. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '"null"';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return goSyntax(v);
}

/** Go's %v for a float64 (shortest repr; exponent form below 1e-4 and from 1e+06). */
export function goFloat(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
  if (x === 0) return '0';
  const [mant = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return String(x);
}

function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}` : goFloat(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]interface {}{${entries.map(([k, x]) => `${goQuote(k)}:${goSyntax(x)}`).join(', ')}}`;
}
