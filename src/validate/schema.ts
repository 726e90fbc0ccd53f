/**
 * Validates merged values against the chart's JSON Schema (draft-07, the dialect both helm 3 and
 * helm 4 read the same way), before anything renders, as helm does.
 *
 * ajv's raw errors are turned into one violation per problem: an `anyOf` (an optional duration,
 * a size that may be a number or a string) becomes one statement about what was expected instead
 * of one line per branch, and each violation carries what the suggestions need (the allowed keys,
 * the enum, the named definition the value had to match).
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { AiGatewayCoreError } from '../errors.js';
import type { Value, ValueMap } from '../values/types.js';
import { appendPath } from '../values/source.js';
import { schemaPath } from '../paths.js';
import type { ChartDefinition } from '../charts/chart.js';
import { hasReservedKeys } from './reserved-keys.js';

export interface SchemaProblem {
  /** values path such as `gateway.listeners[0].port` */
  path: string;
  message: string;
}

export type ViolationKind =
  | 'unknown-key'
  | 'required'
  | 'type'
  | 'enum'
  | 'pattern'
  | 'range'
  | 'length'
  | 'items'
  | 'not-empty'
  | 'key-format'
  | 'other';

export type JsonSchema = Record<string, unknown>;

export interface SchemaViolation extends SchemaProblem {
  kind: ViolationKind;
  /** what the schema expected here, in words */
  expected?: string;
  /** the value found (absent for a missing key) */
  value?: Value;
  /** unknown-key / required / key-format: the key in question */
  key?: string;
  /** unknown-key: the keys allowed at this level */
  allowedKeys?: string[];
  /** enum: the allowed values */
  allowed?: unknown[];
  /** the named definition (`duration`, `quantity`, `dnsName`…) the value had to match */
  definition?: string;
  /** type: the JSON types allowed */
  types?: string[];
}

export class SchemaValidationError extends AiGatewayCoreError {
  readonly problems: SchemaProblem[];
  constructor(problems: SchemaProblem[], describe: (p: SchemaProblem) => string) {
    super(`values don't meet the chart's schema:\n${problems.map((p) => `- ${describe(p)}`).join('\n')}`);
    this.problems = problems;
  }
}

const schemas = new Map<string, JsonSchema>();

/** The chart's values.schema.json, read once per process (for the words of the messages). */
export function loadSchema(chart: ChartDefinition): JsonSchema {
  let schema = schemas.get(chart.id);
  if (!schema) {
    schema = JSON.parse(readFileSync(schemaPath(chart), 'utf8')) as JsonSchema;
    schemas.set(chart.id, schema);
  }
  return schema;
}

/** `/gateway/listeners/0/port` → `gateway.listeners[0].port` */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    out = appendPath(out, /^\d+$/.test(seg) ? Number(seg) : seg);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Describing what a schema node expects.

/** Words for the named definitions; the schema's own `description`s are documentation and may change. */
const DEFINITION_TEXT: Record<string, string> = {
  dnsName: 'a DNS-1123 name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters',
  duration: 'a duration such as 30s, 1m30s or 500ms (whole numbers with h, m, s or ms)',
  optionalDuration: 'a duration such as 30s, 1m30s or 500ms, or "" to leave it unset',
  quantity: 'a size: a whole number of bytes or a quantity such as 50Mi, 512Ki or 1G',
  tlsVersion: 'a TLS version, as a string: "Auto", "1.0", "1.1", "1.2" or "1.3"',
  qualifiedName: 'a key such as app.kubernetes.io/name: an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" and "."',
  labelMap: 'a map of label values: strings of at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  stringMap: 'a map of strings',
  envVar: 'an env var: {name, value} or {name, valueFrom}',
  envList: 'a list of env vars ({name, value} or {name, valueFrom})',
  volumeMount: 'a volume mount: {name, mountPath, …}',
  listener: 'a Gateway listener: {name, protocol, port, …}',
  targetRef: 'a policy target: {group: gateway.networking.k8s.io, kind: Gateway, name, sectionName?}',
};

/** The same definitions, as the entries of a list. */
const LIST_TEXT: Record<string, string> = {
  listener: 'Gateway listeners ({name, protocol, port, …})',
  envVar: 'env vars ({name, value} or {name, valueFrom})',
  volumeMount: 'volume mounts ({name, mountPath, …})',
  targetRef: 'policy targets ({group, kind, name, sectionName?})',
};

/** Patterns of properties that are not a named definition, explained by their values path. */
const PATH_TEXT: [RegExp, string][] = [
  [/\.loadBalancerIP$/, 'an IPv4 address such as 203.0.113.10, or "" to leave it unset'],
  [/\.controllerName$/, 'a controller name: a DNS domain, "/" and a path, e.g. gateway.envoyproxy.io/gatewayclass-controller'],
  [/\.hostname$/, 'a DNS hostname, optionally starting with "*.", in lower case'],
  [/\.(dnsNames|hostnames)\[\d+\]$/, 'a DNS hostname, optionally starting with "*.", in lower case'],
  [/^certManager\.issuer\.server$/, 'an ACME directory URL starting with https://'],
  [/^certManager\.issuer\.email$/, 'an email address such as platform@example.com, or "" for none'],
  [/\.protocol$/, 'a protocol name such as HTTP, HTTPS, TLS, TCP or UDP, or a domain-prefixed name (example.com/proto)'],
  [/(^|\.)labels(\.|\[)/, 'a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit'],
  [/(^|\.)nodeSelector(\.|\[)/, 'a label value: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit'],
];

function refName(node: JsonSchema): string | undefined {
  const ref = node['$ref'];
  return typeof ref === 'string' && ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
}

// The schema whose $refs the describing functions below resolve: set for the length of one
// schemaViolations, allowedKeysAt or schemaKeyPaths call (they are synchronous).
let current: JsonSchema = {};

function withSchema<T>(schema: JsonSchema, fn: () => T): T {
  const outer = current;
  current = schema;
  try {
    return fn();
  } finally {
    current = outer;
  }
}

function resolve(node: JsonSchema): JsonSchema {
  const name = refName(node);
  if (!name) return node;
  const defs = (current['definitions'] ?? {}) as Record<string, JsonSchema>;
  return resolve(defs[name] ?? {});
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
  null: 'null',
};

/** What a schema node accepts, in words. */
export function describeSchema(node: JsonSchema, path = ''): string {
  const name = refName(node);
  if (name && DEFINITION_TEXT[name]) return DEFINITION_TEXT[name]!;
  const n = resolve(node);
  const anyOf = n['anyOf'] as JsonSchema[] | undefined;
  if (anyOf) {
    const parts = anyOf.map((b) => (isEmptyString(b) ? '' : describeSchema(b, path))).filter((p) => p !== '');
    const empty = anyOf.some(isEmptyString);
    return `${parts.join(' or ')}${empty ? ', or "" to leave it unset' : ''}`;
  }
  const en = n['enum'] as unknown[] | undefined;
  if (en) return `one of ${en.map((v) => JSON.stringify(v)).join(', ')}`;
  for (const [re, text] of PATH_TEXT) if (re.test(path)) return text;
  const type = n['type'] as string | undefined;
  if (type === 'integer' || type === 'number') {
    const min = n['minimum'] as number | undefined;
    const max = n['maximum'] as number | undefined;
    if (min !== undefined && max !== undefined) return `${TYPE_WORDS[type]} from ${min} to ${max}`;
    if (min !== undefined) return `${TYPE_WORDS[type]}, ${min} or more`;
    return TYPE_WORDS[type]!;
  }
  if (type === 'array') {
    const items = n['items'] as JsonSchema | undefined;
    const min = n['minItems'] as number | undefined;
    const max = n['maxItems'] as number | undefined;
    const itemDef = items ? refName(items) : undefined;
    const what = itemDef && LIST_TEXT[itemDef] ? LIST_TEXT[itemDef]! : items ? describeSchema(items) : 'items';
    const count = min !== undefined && max !== undefined ? ` (${min} to ${max} entries)` : max !== undefined ? ` (at most ${max} entries)` : '';
    return `a list of ${what.replace(/^an? /, '')}${count}`;
  }
  if (type === 'string') {
    const min = n['minLength'] as number | undefined;
    const max = n['maxLength'] as number | undefined;
    if (min && max) return `a string of ${min} to ${max} characters`;
    if (min) return 'a non-empty string';
    return 'a string';
  }
  return TYPE_WORDS[type ?? ''] ?? 'a value';
}

function isEmptyString(b: JsonSchema): boolean {
  return b['type'] === 'string' && b['maxLength'] === 0;
}

/** The definition a (possibly anyOf-wrapped) node stands for, for the suggestions. */
function definitionOf(node: JsonSchema): string | undefined {
  const name = refName(node);
  if (name) return name;
  const anyOf = node['anyOf'] as JsonSchema[] | undefined;
  if (anyOf) for (const b of anyOf) if (!isEmptyString(b)) return definitionOf(b);
  return undefined;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'bigint') return 'integer';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  return `the number ${String(v)}`;
}

/** All the types a node accepts (through anyOf and $ref). */
function typesOf(node: JsonSchema): string[] {
  const n = resolve(node);
  const anyOf = n['anyOf'] as JsonSchema[] | undefined;
  if (anyOf) return [...new Set(anyOf.flatMap(typesOf))];
  const t = n['type'];
  return typeof t === 'string' ? [t] : Array.isArray(t) ? (t as string[]) : [];
}

function typeMatches(types: string[], v: unknown): boolean {
  const t = jsonType(v);
  return types.length === 0 || types.includes(t) || (t === 'integer' && types.includes('number'));
}

// ---------------------------------------------------------------------------------------------
// Turning ajv's errors into violations.

function dataAt(values: ValueMap, pointer: string): Value | undefined {
  let v: unknown = values;
  if (pointer === '') return values;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (v && typeof v === 'object') v = (v as Record<string, unknown>)[seg];
    else return undefined;
  }
  return v as Value | undefined;
}

function childPointer(pointer: string, key: string): string {
  return `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** The schema node (ajv's parentSchema) for a value that failed inside an anyOf: one violation. */
function explainAnyOf(node: JsonSchema, value: Value | undefined, path: string): SchemaViolation {
  const expected = describeSchema(node, path);
  const definition = definitionOf(node);
  const types = typesOf(node);
  if (!typeMatches(types, value)) {
    return { path, kind: 'type', message: `must be ${expected}, not ${describeValue(value)}`, expected, value, definition, types };
  }
  return { path, kind: 'pattern', message: `${describeValue(value)} is not ${expected}`, expected, value, definition, types };
}

function fromError(e: ErrorObject, values: ValueMap): SchemaViolation | undefined {
  const path = pointerToPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as JsonSchema;
  const value = dataAt(values, e.instancePath);
  const definition = definitionFromSchemaPath(e.schemaPath);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const allowedKeys = Object.keys((parent['properties'] as object | undefined) ?? {});
      return {
        path: pointerToPath(childPointer(e.instancePath, key)),
        kind: 'unknown-key',
        key,
        allowedKeys,
        value: dataAt(values, childPointer(e.instancePath, key)),
        message: `unknown key ${JSON.stringify(key)}`,
        expected: allowedKeys.length ? `one of ${allowedKeys.join(', ')}` : 'no keys',
      };
    }
    case 'required': {
      const key = String(params['missingProperty']);
      const props = (parent['properties'] as Record<string, JsonSchema> | undefined) ?? {};
      const childPath = pointerToPath(childPointer(e.instancePath, key));
      const sub = props[key];
      return { path: childPath, kind: 'required', key, message: `required key ${JSON.stringify(key)} is missing`, expected: sub ? describeSchema(sub, childPath) : undefined };
    }
    case 'type': {
      const types = String(params['type']).split(',');
      const expected = definition && DEFINITION_TEXT[definition] ? DEFINITION_TEXT[definition]! : describeSchema(parent, path);
      return { path, kind: 'type', value, types, definition, message: `must be ${expected}, not ${describeValue(value)}`, expected };
    }
    case 'enum': {
      const allowed = params['allowedValues'] as unknown[];
      const expected = `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
      return { path, kind: 'enum', value, allowed, definition, message: `${describeValue(value)} is not allowed`, expected };
    }
    case 'pattern': {
      const expected = definition && DEFINITION_TEXT[definition] ? DEFINITION_TEXT[definition]! : describeSchema(parent, path);
      return { path, kind: 'pattern', value, definition, message: `${describeValue(value)} is not ${expected}`, expected };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const expected = describeSchema(parent, path);
      return { path, kind: 'range', value, message: `${String(value)} is out of range: must be ${expected}`, expected };
    }
    case 'minLength':
    case 'maxLength': {
      const expected = definition && DEFINITION_TEXT[definition] ? DEFINITION_TEXT[definition]! : describeSchema(parent, path);
      const len = typeof value === 'string' ? [...value].length : 0;
      return { path, kind: 'length', value, definition, message: `${describeValue(value)} (${len} characters) is not ${expected}`, expected };
    }
    case 'minItems':
    case 'maxItems': {
      const expected = describeSchema(parent, path);
      const n = Array.isArray(value) ? value.length : 0;
      return { path, kind: 'items', value, message: `has ${n} ${n === 1 ? 'entry' : 'entries'}; must be ${expected}`, expected };
    }
    case 'maxProperties':
      return { path, kind: 'not-empty', value, message: 'must be empty', expected: 'an empty map' };
    default:
      return { path, kind: 'other', value, message: e.message ?? e.keyword };
  }
}

function definitionFromSchemaPath(schemaPath: string): string | undefined {
  // only a keyword directly on the definition: `#/definitions/listener/properties/port/type` is the port's
  const m = /^#\/definitions\/([^/]+)\/[^/]+$/.exec(schemaPath);
  return m ? m[1] : undefined;
}

export const RESERVED_KEYS_TEXT = 'any key but __proto__, constructor and prototype';

/** Every problem, one per path and kind, in a stable order (schema order from ajv). */
export function schemaViolations(values: ValueMap, chart: ChartDefinition): SchemaViolation[] {
  // Valid values pass both halves of the schema; anything else is explained by the whole of it.
  if (!hasReservedKeys(values) && chart.validateFast(values)) return [];
  const validate = chart.validate();
  if (validate(values)) return [];
  return withSchema(loadSchema(chart), () => explainErrors(validate.errors ?? [], values));
}

function explainErrors(all: ErrorObject[], values: ValueMap): SchemaViolation[] {
  // An if/then says only that its `then` failed; the errors inside the `then` say what failed.
  const errors = all.filter((e) => e.keyword !== 'if');
  // Values that failed an anyOf are explained once, by the outermost anyOf at that path.
  const anyOfAt = new Map<string, ErrorObject>();
  for (const e of errors) if (e.keyword === 'anyOf') anyOfAt.set(e.instancePath, e);
  // Key-name failures (propertyNames) are reported per key.
  const badKeys = new Map<string, ErrorObject>();
  for (const e of errors) {
    const name = (e.params as Record<string, unknown>)['propertyName'];
    if (typeof name === 'string') badKeys.set(childPointer(e.instancePath, name), e);
  }
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  const push = (v: SchemaViolation) => {
    const key = `${v.path}\0${v.kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(v);
  };
  for (const [pointer, e] of badKeys) {
    const key = String((e.params as Record<string, unknown>)['propertyName']);
    // #/definitions/plainKeys ({not: {enum: [__proto__, constructor, prototype]}}), at every depth.
    const reserved = ((e.schema as { not?: { enum?: unknown[] } } | undefined)?.not?.enum ?? []).includes(key);
    push({
      path: pointerToPath(pointer),
      kind: 'key-format',
      key,
      value: dataAt(values, pointer),
      message: reserved ? `key ${JSON.stringify(key)} is reserved: __proto__, constructor and prototype are never keys of values` : `key ${JSON.stringify(key)} is not a valid label or annotation key`,
      expected: reserved ? RESERVED_KEYS_TEXT : DEFINITION_TEXT['qualifiedName'],
    });
  }
  for (const e of errors) {
    if (e.keyword === 'propertyNames' || typeof (e.params as Record<string, unknown>)['propertyName'] === 'string') continue;
    if ((e as { propertyName?: string }).propertyName !== undefined) continue;
    const outer = anyOfAt.get(e.instancePath);
    if (outer) {
      if (e !== outer) continue;
      push(explainAnyOf((e.parentSchema ?? {}) as JsonSchema, dataAt(values, e.instancePath), pointerToPath(e.instancePath)));
      continue;
    }
    // A value inside an anyOf branch at a deeper path (never in this schema) would be noise.
    if (e.schemaPath.includes('/anyOf/') && !e.schemaPath.startsWith('#/definitions/')) continue;
    const v = fromError(e, values);
    if (!v) continue;
    // With a wrong type, the enum / pattern / length of the same value add nothing.
    if (v.kind !== 'type' && seen.has(`${v.path}\0type`)) continue;
    push(v);
  }
  // a type error found after an enum/pattern error of the same value replaces it
  return out.filter((v) => v.kind === 'type' || v.kind === 'unknown-key' || v.kind === 'required' || !seen.has(`${v.path}\0type`));
}

/** Problems in schema order; an empty list means the values are valid. */
export function checkValues(values: ValueMap, chart: ChartDefinition): SchemaProblem[] {
  return schemaViolations(values, chart).map(({ path, message, expected }) => ({
    path,
    message: expected && !message.includes(expected) ? `${message} (expected ${expected})` : message,
  }));
}

/** The property names the schema allows at a values path (for did-you-mean on nested typos). */
export function allowedKeysAt(path: (string | number)[], chart: ChartDefinition): string[] | undefined {
  return withSchema(loadSchema(chart), () => {
    let node: JsonSchema | undefined = current;
    for (const seg of path) {
      if (!node) return undefined;
      node = resolve(node);
      node = typeof seg === 'number' ? (node['items'] as JsonSchema | undefined) : propertySchema(node, seg);
    }
    if (!node) return undefined;
    node = resolve(node);
    const props = node['properties'] as Record<string, JsonSchema> | undefined;
    return props ? Object.keys(props) : undefined;
  });
}

/** The schema of one key of a map: a named property, else the schema every other key gets (a map of models keyed by name). */
function propertySchema(node: JsonSchema, key: string): JsonSchema | undefined {
  const props = (node['properties'] as Record<string, JsonSchema> | undefined) ?? {};
  if (Object.hasOwn(props, key)) return props[key];
  const patterns = (node['patternProperties'] as Record<string, JsonSchema> | undefined) ?? {};
  for (const [pattern, sub] of Object.entries(patterns)) if (new RegExp(pattern, 'u').test(key)) return sub;
  const rest = node['additionalProperties'];
  return rest !== null && typeof rest === 'object' ? (rest as JsonSchema) : undefined;
}

/** Every property path of the schema (list items as `[*]`), for "this key belongs elsewhere". */
export function schemaKeyPaths(chart: ChartDefinition): string[] {
  const out: string[] = [];
  const walk = (node: JsonSchema, path: string, depth: number) => {
    if (depth > 12) return;
    const n = resolve(node);
    const props = n['properties'] as Record<string, JsonSchema> | undefined;
    if (props) {
      for (const [k, sub] of Object.entries(props)) {
        const p = path === '' ? k : `${path}.${k}`;
        out.push(p);
        walk(sub, p, depth + 1);
      }
    }
    const items = n['items'] as JsonSchema | undefined;
    if (items) walk(items, `${path}[*]`, depth + 1);
  };
  withSchema(loadSchema(chart), () => walk(current, '', 0));
  return out;
}
