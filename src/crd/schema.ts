// The structural-schema subset of openAPIV3Schema that validation needs, normalized once at load
// time (descriptions dropped, vendor extensions renamed). Kept JSON-serializable so it can be cached
// on disk.

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface ValidationRule {
  /** Stable id: `<version>:<schema path>#<index>`, unique within one CRD. */
  id: string;
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
  /** The rule references `oldSelf`: a transition rule, which only runs on update. */
  transition: boolean;
}

export interface Schema {
  type?: SchemaType;
  nullable?: boolean;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  required?: string[];
  properties?: Record<string, Schema>;
  /** `true` = any value (treated like preserve-unknown-fields for that map's values). */
  additionalProperties?: Schema | true;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  /** Present only when the schema declares `default:` (the default may be null). */
  default?: { value: unknown };
  preserveUnknownFields?: boolean;
  intOrString?: boolean;
  embeddedResource?: boolean;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  rules?: ValidationRule[];
}

type Raw = Record<string, unknown>;

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strip string literals, then look for `oldSelf` used as an identifier (not `x.oldSelf`). */
export function referencesOldSelf(rule: string): boolean {
  const code = rule.replace(/[rRbB]{0,2}("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/g, '""');
  return /(^|[^\w.])oldSelf\b/.test(code);
}

export interface NormalizeContext {
  version: string;
  /** Rules found while normalizing, in document order. */
  rules: ValidationRule[];
}

/** Converts a raw openAPIV3Schema node; `path` is the schema path used in rule ids. */
export function normalizeSchema(raw: unknown, path: string, ctx: NormalizeContext): Schema {
  if (!isObj(raw)) return {};
  const s: Schema = {};
  const t = raw['type'];
  if (typeof t === 'string' && t !== '') s.type = t as SchemaType;
  if (raw['nullable'] === true) s.nullable = true;
  if (typeof raw['format'] === 'string' && raw['format'] !== '') s.format = raw['format'];
  if (Array.isArray(raw['enum'])) s.enum = raw['enum'];
  if (typeof raw['pattern'] === 'string') s.pattern = raw['pattern'];
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minimum', 'maximum', 'multipleOf'] as const) {
    if (typeof raw[k] === 'number') s[k] = raw[k];
  }
  if (raw['exclusiveMinimum'] === true) s.exclusiveMinimum = true;
  if (raw['exclusiveMaximum'] === true) s.exclusiveMaximum = true;
  if (Array.isArray(raw['required']) && raw['required'].length > 0) s.required = raw['required'].filter((x): x is string => typeof x === 'string');
  if ('default' in raw) s.default = { value: raw['default'] };
  if (raw['x-kubernetes-preserve-unknown-fields'] === true) s.preserveUnknownFields = true;
  if (raw['x-kubernetes-int-or-string'] === true) s.intOrString = true;
  if (raw['x-kubernetes-embedded-resource'] === true) s.embeddedResource = true;
  const lt = raw['x-kubernetes-list-type'];
  if (lt === 'atomic' || lt === 'set' || lt === 'map') s.listType = lt;
  if (Array.isArray(raw['x-kubernetes-list-map-keys'])) s.listMapKeys = raw['x-kubernetes-list-map-keys'].filter((x): x is string => typeof x === 'string');

  if (isObj(raw['properties'])) {
    const props: Record<string, Schema> = {};
    for (const [name, child] of Object.entries(raw['properties'])) props[name] = normalizeSchema(child, `${path}.${name}`, ctx);
    s.properties = props;
  }
  if (isObj(raw['additionalProperties'])) s.additionalProperties = normalizeSchema(raw['additionalProperties'], `${path}{}`, ctx);
  else if (raw['additionalProperties'] === true) s.additionalProperties = true;
  if (isObj(raw['items'])) s.items = normalizeSchema(raw['items'], `${path}[]`, ctx);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = raw[k];
    if (Array.isArray(list) && list.length > 0) s[k] = list.map((x, i) => normalizeSchema(x, `${path}/${k}${i}`, ctx));
  }
  if (isObj(raw['not'])) s.not = normalizeSchema(raw['not'], `${path}/not`, ctx);

  const xv = raw['x-kubernetes-validations'];
  if (Array.isArray(xv) && xv.length > 0) {
    s.rules = xv.filter(isObj).map((r, i) => {
      const rule: ValidationRule = { id: `${ctx.version}:${path || '.'}#${i}`, rule: String(r['rule'] ?? ''), transition: false };
      if (typeof r['message'] === 'string') rule.message = r['message'];
      if (typeof r['messageExpression'] === 'string') rule.messageExpression = r['messageExpression'];
      if (typeof r['reason'] === 'string') rule.reason = r['reason'];
      if (typeof r['fieldPath'] === 'string') rule.fieldPath = r['fieldPath'];
      if (r['optionalOldSelf'] === true) rule.optionalOldSelf = true;
      rule.transition = referencesOldSelf(rule.rule);
      ctx.rules.push(rule);
      return rule;
    });
  }
  return s;
}

/** The JSON type name kube-openapi reports for a value (`must be of type X: "<this>"`). */
export function jsonTypeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'bigint':
      return 'integer';
    case 'object':
      return 'object';
    default:
      return typeof v;
  }
}

/** Whether a value matches the schema's `type` (or int-or-string / untyped). */
export function matchesType(s: Schema, v: unknown): boolean {
  if (v === null || v === undefined) return s.nullable === true || (s.type === undefined && !s.intOrString);
  if (s.intOrString) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
  switch (s.type) {
    case undefined:
      return true;
    case 'object':
      return typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
    case 'number':
      return typeof v === 'number' || typeof v === 'bigint';
  }
}

export const isPlainObject = isObj;
