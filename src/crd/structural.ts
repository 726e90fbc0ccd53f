// OpenAPI v3 value validation of a pruned, defaulted custom resource, with kube-openapi's checks
// and messages (k8s.io/kube-openapi/pkg/validation/validate, mapped to field errors the way
// apiextensions-apiserver's kubeOpenAPIResultToFieldErrors does).
import * as fe from './field-error.js';
import { goFloat, type FieldError } from './field-error.js';
import { checkFormat } from './formats.js';
import { child, index, key, toOpenApiString, type FieldPath } from './path.js';
import { re2Test, RegexSyntaxError } from './regex.js';
import { isPlainObject, jsonTypeOf, matchesType, type Schema } from './schema.js';

/** Validates `value` against `schema`; `path` locates value in the document. */
export function validateStructural(value: unknown, schema: Schema, path: FieldPath = []): FieldError[] {
  const out: FieldError[] = [];
  validateNode(value, schema, path, out);
  return out;
}

function typeName(s: Schema): string {
  return s.intOrString ? 'integer,string' : (s.type ?? '');
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function validateNode(v: unknown, s: Schema, path: FieldPath, out: FieldError[]): void {
  const p = toOpenApiString(path);
  if (v === null || v === undefined) {
    if (!s.nullable && (s.type !== undefined || s.intOrString)) {
      out.push(fe.typeInvalid(p, 'null', `${p} in body must be of type ${typeName(s)}: "null"`));
    }
    return;
  }
  if (!matchesType(s, v)) {
    const actual = jsonTypeOf(v);
    out.push(fe.typeInvalid(p, actual, `${p} in body must be of type ${typeName(s)}: "${actual}"`));
  }
  if (s.enum && !s.enum.some((e) => jsonEqual(e, v))) {
    out.push(fe.notSupported(p, v, s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  }
  validateComposites(v, s, path, out);
  if (typeof v === 'string') validateString(v, s, p, out);
  else if (typeof v === 'number') validateNumber(v, s, p, out);
  else if (Array.isArray(v)) validateArray(v, s, path, out);
  else if (isPlainObject(v)) validateObject(v, s, path, out);
}

function validateString(v: string, s: Schema, p: string, out: FieldError[]): void {
  // Lengths count Unicode code points (utf8.RuneCountInString), though the message says bytes.
  const len = s.maxLength !== undefined || s.minLength !== undefined ? [...v].length : 0;
  if (s.maxLength !== undefined && len > s.maxLength) out.push(fe.tooLong(p, s.maxLength));
  if (s.minLength !== undefined && len < s.minLength) out.push(fe.invalid(p, v, `${p} in body should be at least ${s.minLength} chars long`));
  if (s.pattern !== undefined) {
    try {
      if (!re2Test(s.pattern, v)) out.push(fe.invalid(p, v, `${p} in body should match '${s.pattern}'`));
    } catch (err) {
      const why = err instanceof RegexSyntaxError ? err.message : String(err);
      out.push(fe.invalid(p, '', `${p} in body should match '${s.pattern}, but pattern is invalid: ${why}'`));
    }
  }
  if (s.format !== undefined && !checkFormat(s.format, v)) out.push(fe.invalid(p, v, `${p} in body must be of type ${s.format}: ${JSON.stringify(v)}`));
}

function validateNumber(v: number, s: Schema, p: string, out: FieldError[]): void {
  const bad = v;
  if (s.multipleOf !== undefined && s.multipleOf !== 0) {
    const q = v / s.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) out.push(fe.invalid(p, bad, `${p} in body should be a multiple of ${goFloat(s.multipleOf)}`));
  }
  if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
    out.push(fe.invalid(p, bad, `${p} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${goFloat(s.maximum)}`));
  }
  if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
    out.push(fe.invalid(p, bad, `${p} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${goFloat(s.minimum)}`));
  }
}

function validateArray(v: unknown[], s: Schema, path: FieldPath, out: FieldError[]): void {
  const p = toOpenApiString(path);
  if (s.minItems !== undefined && v.length < s.minItems) out.push(fe.invalid(p, v.length, `${p} in body should have at least ${s.minItems} items`));
  if (s.maxItems !== undefined && v.length > s.maxItems) out.push(fe.tooMany(p, v.length, s.maxItems));
  if (s.items) v.forEach((x, i) => validateNode(x, s.items!, index(path, i), out));
}

function validateObject(v: Record<string, unknown>, s: Schema, path: FieldPath, out: FieldError[]): void {
  const p = toOpenApiString(path);
  const n = Object.keys(v).length;
  if (s.maxProperties !== undefined && n > s.maxProperties) out.push(fe.tooMany(p, n, s.maxProperties));
  if (s.minProperties !== undefined && n < s.minProperties) out.push(fe.invalid(p, n, `${p} in body should have at least ${s.minProperties} properties`));
  for (const r of s.required ?? []) {
    if (!Object.hasOwn(v, r) || v[r] === undefined) out.push(fe.required(toOpenApiString(child(path, r))));
  }
  for (const [k, x] of Object.entries(v)) {
    if (s.properties && Object.hasOwn(s.properties, k)) validateNode(x, s.properties[k]!, child(path, k), out);
    else if (s.additionalProperties !== undefined && s.additionalProperties !== true) validateNode(x, s.additionalProperties, key(path, k), out);
  }
}

/** allOf/anyOf/oneOf/not: kube-openapi reports these at the root path with an empty value. */
function validateComposites(v: unknown, s: Schema, path: FieldPath, out: FieldError[]): void {
  if (!s.allOf && !s.anyOf && !s.oneOf && !s.not) return;
  const name = JSON.stringify(toOpenApiString(path));
  const sub = (x: Schema) => {
    const errs: FieldError[] = [];
    validateNode(v, x, path, errs);
    return errs;
  };
  if (s.allOf) {
    const results = s.allOf.map(sub);
    const valid = results.filter((r) => r.length === 0).length;
    for (const r of results) out.push(...r);
    if (valid !== results.length) out.push(fe.invalid('', '', `${name} must validate all the schemas (allOf)${valid === 0 ? '. None validated' : ''}`));
  }
  if (s.anyOf) {
    const results = s.anyOf.map(sub);
    if (!results.some((r) => r.length === 0)) {
      out.push(fe.invalid('', '', `${name} must validate at least one schema (anyOf)`));
      out.push(...fewest(results));
    }
  }
  if (s.oneOf) {
    const results = s.oneOf.map(sub);
    const valid = results.filter((r) => r.length === 0).length;
    if (valid === 0) {
      out.push(fe.invalid('', '', `${name} must validate one and only one schema (oneOf). Found none valid`));
      out.push(...fewest(results));
    } else if (valid > 1) {
      out.push(fe.invalid('', '', `${name} must validate one and only one schema (oneOf). Found ${valid} valid alternatives`));
    }
  }
  if (s.not && sub(s.not).length === 0) out.push(fe.invalid('', '', `${name} must not validate the schema (not)`));
}

/** The failing alternative closest to passing: the one kube-openapi reports details for. */
function fewest(results: FieldError[][]): FieldError[] {
  return results.reduce((best, r) => (r.length < best.length ? r : best));
}
