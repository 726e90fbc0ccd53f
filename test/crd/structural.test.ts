// OpenAPI schema validation, pruning, defaulting and list types on isolated synthetic schemas,
// with kube-apiserver's messages.
import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../src/crd/validate.js';
import { goFloat } from '../../src/crd/field-error.js';
import { errorsOf, warningsOf } from './helpers.js';
import { testCrds, widget } from './fixtures.js';

const errors = (spec: Record<string, unknown>, value: unknown) => errorsOf(validateDocuments(testCrds(spec), [widget(value)]));
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });

describe('types', () => {
  const spec = obj({ s: { type: 'string' }, i: { type: 'integer' }, n: { type: 'number' }, b: { type: 'boolean' }, o: obj({}), a: { type: 'array', items: { type: 'string' } } });
  it('accepts matching types (integers are numbers too)', () => {
    expect(errors(spec, { s: 'x', i: 3, n: 3, b: false, o: {}, a: ['x'] })).toEqual([]);
  });
  it('reports mismatches as kube-openapi does', () => {
    expect(errors(spec, { s: 1, i: 1.5, n: 'x', b: 'true', o: [], a: {} })).toEqual([
      'spec.a: Invalid value: "object": spec.a in body must be of type array: "object"',
      'spec.b: Invalid value: "string": spec.b in body must be of type boolean: "string"',
      'spec.i: Invalid value: "number": spec.i in body must be of type integer: "number"',
      'spec.n: Invalid value: "string": spec.n in body must be of type number: "string"',
      'spec.o: Invalid value: "array": spec.o in body must be of type object: "array"',
      'spec.s: Invalid value: "integer": spec.s in body must be of type string: "integer"',
    ]);
  });
  it('null in a list item is a type error (only object fields are pruned)', () => {
    expect(errors(spec, { a: ['x', null] })).toEqual(['spec.a[1]: Invalid value: "null": spec.a[1] in body must be of type string: "null"']);
  });
  it('x-kubernetes-int-or-string accepts integers and strings only', () => {
    const ios = obj({ v: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } });
    expect(errors(ios, { v: 5 })).toEqual([]);
    expect(errors(ios, { v: '5%' })).toEqual([]);
    expect(errors(ios, { v: true })).toEqual([
      '<nil>: Invalid value: "": "spec.v" must validate at least one schema (anyOf)',
      'spec.v: Invalid value: "boolean": spec.v in body must be of type integer,string: "boolean"',
      'spec.v: Invalid value: "boolean": spec.v in body must be of type integer: "boolean"',
    ]);
  });
});

describe('nullable and null pruning', () => {
  const spec = obj({ keep: { type: 'string', nullable: true }, drop: { type: 'string' }, dflt: { type: 'string', default: 'd' } }, { required: ['drop'] });
  it('drops null for non-nullable fields without default (then required fails), defaults null fields with a default', () => {
    const report = validateDocuments(testCrds(spec), [widget({ keep: null, drop: null, dflt: null })]);
    expect(errorsOf(report)).toEqual(['spec.drop: Required value']);
  });
});

describe('string checks', () => {
  const spec = obj({
    e: { type: 'string', enum: ['Local', 'Cluster'] },
    p: { type: 'string', pattern: '^([0-9]{1,5}(h|m|s|ms)){1,4}$' },
    len: { type: 'string', minLength: 2, maxLength: 3 },
    ip: { type: 'string', format: 'ipv4' },
    ts: { type: 'string', format: 'date-time' },
    other: { type: 'string', format: 'some-unknown-format' },
  });
  it('accepts valid strings; lengths count code points, not UTF-16 units', () => {
    expect(errors(spec, { e: 'Local', p: '1m30s', len: '😀😀😀', ip: '10.0.0.1', ts: '2024-05-01T10:00:00Z', other: 'anything' })).toEqual([]);
  });
  it('reports enum, pattern, length and format violations', () => {
    expect(errors(spec, { e: 'local', p: '90', len: 'abcd', ip: '10.0.0.01', ts: 'yesterday' })).toEqual([
      'spec.e: Unsupported value: "local": supported values: "Local", "Cluster"',
      'spec.ip: Invalid value: "10.0.0.01": spec.ip in body must be of type ipv4: "10.0.0.01"',
      'spec.len: Too long: may not be more than 3 bytes',
      `spec.p: Invalid value: "90": spec.p in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'`,
      'spec.ts: Invalid value: "yesterday": spec.ts in body must be of type date-time: "yesterday"',
    ]);
    expect(errors(spec, { len: 'a' })).toEqual(['spec.len: Invalid value: "a": spec.len in body should be at least 2 chars long']);
  });
  it('uses RE2 semantics for pattern (no lookahead)', () => {
    expect(errors(obj({ p: { type: 'string', pattern: '^(?=a)a$' } }), { p: 'a' })).toEqual([
      expect.stringContaining("spec.p: Invalid value: \"\": spec.p in body should match '^(?=a)a$, but pattern is invalid:") as unknown as string,
    ]);
  });
});

describe('numbers', () => {
  const spec = obj({
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    big: { type: 'integer', maximum: 2147483647 },
    ex: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 100, exclusiveMaximum: true },
    m: { type: 'integer', multipleOf: 5 },
  });
  it('accepts values in range', () => {
    expect(errors(spec, { port: 65535, big: 2147483647, ex: 99.5, m: 10 })).toEqual([]);
  });
  it('reports bounds with Go float formatting of the limit', () => {
    expect(errors(spec, { port: 0, big: 2147483648, ex: 100, m: 7 })).toEqual([
      'spec.big: Invalid value: 2147483648: spec.big in body should be less than or equal to 2.147483647e+09',
      'spec.ex: Invalid value: 100: spec.ex in body should be less than 100',
      'spec.m: Invalid value: 7: spec.m in body should be a multiple of 5',
      'spec.port: Invalid value: 0: spec.port in body should be greater than or equal to 1',
    ]);
    expect(errors(spec, { ex: 0 })).toEqual(['spec.ex: Invalid value: 0: spec.ex in body should be greater than 0']);
  });
  it('formats floats like Go %v', () => {
    expect([goFloat(65535), goFloat(1e6), goFloat(0.5), goFloat(0.00001), goFloat(123456)]).toEqual(['65535', '1e+06', '0.5', '1e-05', '123456']);
  });
});

describe('arrays, maps and objects', () => {
  const spec = obj(
    {
      list: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } },
      labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 3 }, maxProperties: 2 },
      some: { type: 'object', minProperties: 1, properties: { a: { type: 'string' } } },
      raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      nested: obj({ x: { type: 'string' } }, { required: ['x'] }),
    },
    { required: ['list'] },
  );
  it('accepts a valid object and keeps unknown fields under preserve-unknown-fields', () => {
    const report = validateDocuments(testCrds(spec), [widget({ list: ['a'], labels: { a: 'b' }, some: { a: 'x' }, raw: { any: { thing: 1 } } })]);
    expect(errorsOf(report)).toEqual([]);
  });
  it('reports item counts, property counts, additionalProperties and nested required', () => {
    expect(errors(spec, { list: ['a', 'b', 'c'], labels: { a: 'long!', b: 'x', c: 'y' }, some: {}, nested: {} })).toEqual([
      'spec.labels.a: Too long: may not be more than 3 bytes',
      'spec.labels: Too many: 3: must have at most 2 items',
      'spec.list: Too many: 3: must have at most 2 items',
      'spec.nested.x: Required value',
      'spec.some: Invalid value: 0: spec.some in body should have at least 1 properties',
    ]);
    expect(errors(spec, { list: [] })).toEqual(['spec.list: Invalid value: 0: spec.list in body should have at least 1 items']);
    expect(errors(spec, {})).toEqual(['spec.list: Required value']);
  });
  it('reports unknown fields (strict), as warnings (Warn), or not at all (Ignore)', () => {
    const crds = testCrds(spec);
    const doc = widget({ list: ['a'], some: { a: 'x', b: 1 }, extra: true });
    expect(errorsOf(validateDocuments(crds, [doc]))).toEqual(['spec.extra: unknown field "spec.extra"', 'spec.some.b: unknown field "spec.some.b"']);
    const warn = validateDocuments(crds, [doc], { fieldValidation: 'Warn' });
    expect(errorsOf(warn)).toEqual([]);
    expect(warningsOf(warn)).toEqual(['spec.extra: unknown field "spec.extra"', 'spec.some.b: unknown field "spec.some.b"']);
    const ignore = validateDocuments(crds, [doc], { fieldValidation: 'Ignore' });
    expect(ignore.issues).toEqual([]);
  });
  it('reports unknown fields in list items and top level', () => {
    const crds = testCrds(obj({ items: { type: 'array', items: obj({ name: { type: 'string' } }) } }));
    expect(errorsOf(validateDocuments(crds, [widget({ items: [{ name: 'a', nmae: 'b' }] }, { extra: 1 })]))).toEqual([
      'extra: unknown field "extra"',
      'spec.items[0].nmae: unknown field "spec.items[0].nmae"',
    ]);
  });
});

describe('composition keywords', () => {
  it('allOf reports the failing branch and the composite error', () => {
    const spec = obj({
      limit: {
        'x-kubernetes-int-or-string': true,
        anyOf: [{ type: 'integer' }, { type: 'string' }],
        allOf: [{ pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$' }, { pattern: '^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$' }],
      },
    });
    expect(errors(spec, { limit: '50Mi' })).toEqual([]);
    expect(errors(spec, { limit: 52428800 })).toEqual([]);
    expect(errors(spec, { limit: '15m' })).toEqual([
      '<nil>: Invalid value: "": "spec.limit" must validate all the schemas (allOf)',
      `spec.limit: Invalid value: "15m": spec.limit in body should match '^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$'`,
    ]);
  });
  it('oneOf and not', () => {
    const spec = obj({
      addr: {
        type: 'object',
        properties: { type: { type: 'string' }, value: { type: 'string' } },
        oneOf: [{ properties: { type: { enum: ['IPAddress'] }, value: { anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] } } }, { properties: { type: { not: { enum: ['IPAddress'] } } } }],
      },
    });
    expect(errors(spec, { addr: { type: 'IPAddress', value: '10.0.0.1' } })).toEqual([]);
    expect(errors(spec, { addr: { type: 'Hostname', value: 'example.com' } })).toEqual([]);
    expect(errors(spec, { addr: { type: 'IPAddress', value: 'example.com' } })).toEqual([
      '<nil>: Invalid value: "": "spec.addr" must validate one and only one schema (oneOf). Found none valid',
      '<nil>: Invalid value: "": "spec.addr.type" must not validate the schema (not)',
    ]);
  });
});

describe('list types', () => {
  const spec = obj({
    set: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
    map: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name', 'port'], items: obj({ name: { type: 'string' }, port: { type: 'integer', default: 80 } }, { required: ['name'] }) },
  });
  it('accepts unique items', () => {
    expect(errors(spec, { set: ['a', 'b'], map: [{ name: 'a' }, { name: 'a', port: 81 }] })).toEqual([]);
  });
  it('reports duplicates, using defaulted key values', () => {
    expect(errors(spec, { set: ['a', 'a'], map: [{ name: 'a' }, { name: 'a', port: 80 }] })).toEqual([
      'spec.map[1]: Duplicate value: map[string]interface {}{"name":"a", "port":80}',
      'spec.set[1]: Duplicate value: "a"',
    ]);
  });
});

describe('defaults', () => {
  it('applies defaults before validation and CEL, including nested defaults of defaulted objects', () => {
    const spec = obj(
      {
        svc: obj({ type: { type: 'string', default: 'LoadBalancer', enum: ['ClusterIP', 'LoadBalancer'] }, ip: { type: 'string' } }, {
          'x-kubernetes-validations': [{ rule: "!has(self.ip) || self.type == 'LoadBalancer'", message: 'ip only for LoadBalancer' }],
        }),
        logging: obj({ level: { type: 'string', default: 'warn', enum: ['warn', 'info'] } }, { default: {} }),
      },
      { 'x-kubernetes-validations': [{ rule: "self.logging.level == 'warn'", message: 'default applied' }] },
    );
    expect(errors(spec, { svc: { ip: '10.0.0.1' } })).toEqual([]);
    expect(errors(spec, { svc: { type: 'ClusterIP', ip: '10.0.0.1' } })).toEqual(['spec.svc: Invalid value: "object": ip only for LoadBalancer']);
  });
});

describe('status', () => {
  it('is reset on create when the status subresource is enabled, unless asked to validate it', () => {
    const crds = testCrds(obj({}));
    const doc = widget({}, { status: { ready: 'yes' } });
    expect(errorsOf(validateDocuments(crds, [doc]))).toEqual([]);
    expect(errorsOf(validateDocuments(crds, [doc], { validateStatus: true }))).toEqual([
      'status.ready: Invalid value: "string": status.ready in body must be of type boolean: "string"',
    ]);
  });
});
