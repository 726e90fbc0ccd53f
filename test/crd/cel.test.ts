// CEL evaluation: rule features (message, messageExpression, reason, fieldPath), k8s semantics
// (has(), escaping, int-or-string, transition rules), failure reporting, and the k8s libraries.
import { describe, expect, it } from 'vitest';
import { isCelError } from '@bufbuild/cel';
import { compileExpression } from '../../src/crd/cel-compile.js';
import { CelCompileError } from '../../src/crd/errors.js';
import { validateDocuments } from '../../src/crd/validate.js';
import { errorsOf } from './helpers.js';
import { testCrds, widget } from './fixtures.js';

const withRules = (rules: Record<string, unknown>[], properties: Record<string, unknown> = { a: { type: 'string' }, n: { type: 'integer' } }) =>
  testCrds({ type: 'object', properties, 'x-kubernetes-validations': rules });

const run = (rules: Record<string, unknown>[], spec: unknown, properties?: Record<string, unknown>, options = {}) => {
  const report = validateDocuments(withRules(rules, properties), [widget(spec)], options);
  return { errors: errorsOf(report), rules: report.rules };
};

describe('rule outcomes', () => {
  it('uses message, or "failed rule: <rule>" without one', () => {
    expect(run([{ rule: "self.a == 'x'", message: 'a must be x' }, { rule: 'self.n > 1' }], { a: 'y', n: 1 }).errors).toEqual([
      'spec: Invalid value: "object": a must be x',
      'spec: Invalid value: "object": failed rule: self.n > 1',
    ]);
  });
  it('evaluates messageExpression, falling back to message when it is empty', () => {
    expect(run([{ rule: 'self.n > 1', messageExpression: "'n is ' + string(self.n)" }], { n: 1 }).errors).toEqual(['spec: Invalid value: "object": n is 1']);
    expect(run([{ rule: 'self.n > 1', message: 'static', messageExpression: "''" }], { n: 1 }).errors).toEqual(['spec: Invalid value: "object": static']);
  });
  it('honours reason and fieldPath', () => {
    expect(run([{ rule: 'has(self.a)', reason: 'FieldValueRequired', fieldPath: '.a', message: 'a is required' }], { n: 1 }).errors).toEqual([
      'spec.a: Required value: a is required',
    ]);
    expect(run([{ rule: 'self.n < 5', reason: 'FieldValueForbidden', fieldPath: '.n', message: 'too big' }], { n: 9 }).errors).toEqual(['spec.n: Forbidden: too big']);
  });
  it('reports runtime errors like the API server (no such key)', () => {
    expect(run([{ rule: "self.a == 'x'", message: 'a must be x' }], { n: 1 }).errors).toEqual([
      'spec: Invalid value: "object": no such key: a evaluating rule: a must be x',
    ]);
  });
  it('prints the value instead of the type in Kubernetes >= 1.35 style', () => {
    const props = { a: { type: 'string', 'x-kubernetes-validations': [{ rule: "self != 'bad'", message: 'not bad' }] } };
    const report = validateDocuments(testCrds({ type: 'object', properties: props, 'x-kubernetes-validations': [{ rule: 'false', message: 'never' }] }), [widget({ a: 'bad' })], {
      celValueStyle: 'value',
    });
    expect(errorsOf(report)).toEqual(['spec.a: Invalid value: "bad": not bad', 'spec: Invalid value: never']);
  });
  it('has() is presence; missing vs empty', () => {
    expect(run([{ rule: 'has(self.a)', message: 'need a' }], { a: '' }).errors).toEqual([]);
    expect(run([{ rule: 'has(self.a)', message: 'need a' }], {}).errors).toEqual(['spec: Invalid value: "object": need a']);
  });
  it('escapes property names the way Kubernetes does', () => {
    const props = { 'x-y': { type: 'string' }, namespace: { type: 'string' }, 'a.b': { type: 'string' } };
    expect(run([{ rule: "self.x__dash__y == 'v' && self.__namespace__ == 'ns' && self.a__dot__b == 'd'" }], { 'x-y': 'v', namespace: 'ns', 'a.b': 'd' }, props).errors).toEqual([]);
  });
  it('types int-or-string values as int or string, integer as int, number as double', () => {
    const props = { ios: { 'x-kubernetes-int-or-string': true }, i: { type: 'integer' }, d: { type: 'number' } };
    const rules = [{ rule: "type(self.ios) == (has(self.i) ? int : string) && type(self.d) == double && self.i + 1 == 4" }];
    expect(run(rules, { ios: 5, i: 3, d: 2 }, props).errors).toEqual([]);
    expect(run(rules, { ios: '5', i: 3, d: 2 }, props).errors).toEqual(['spec: Invalid value: "object": failed rule: type(self.ios) == (has(self.i) ? int : string) && type(self.d) == double && self.i + 1 == 4']);
  });
  it('counts transition rules as skipped on create', () => {
    const r = run([{ rule: 'self == oldSelf', message: 'immutable' }, { rule: 'true' }], { n: 1 });
    expect(r.errors).toEqual([]);
    expect(r.rules).toEqual({ evaluated: 1, transitionSkipped: 1, unevaluable: 0 });
  });
  it('never passes a rule it cannot compile or evaluate', () => {
    const r = run([{ rule: 'self.a.fooBar()' }, { rule: 'self.a ==' }, { rule: 'self.?a.orValue("")' }], { a: 'x' });
    expect(r.rules.unevaluable).toBe(3);
    expect(r.errors).toEqual([
      "spec: rule could not be evaluated: compilation failed: syntax error: <input>:1:5: found . but expecting end of input",
      "spec: rule could not be evaluated: compilation failed: syntax error: <input>:1:8: found = but expecting end of input",
      "spec: rule could not be evaluated: compilation failed: undeclared reference to 'fooBar'",
    ].sort());
  });
  it('skips rules under nodes with type errors (their schema error is reported instead)', () => {
    const props = { a: { type: 'string', 'x-kubernetes-validations': [{ rule: "self != ''" }] } };
    expect(run([], { a: 3 }, props).errors).toEqual(['spec.a: Invalid value: "integer": spec.a in body must be of type string: "integer"']);
  });
  it('evaluates rules on list items and map values with k8s paths', () => {
    const props = {
      list: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: "self != 'x'", message: 'no x' }] } },
      map: { type: 'object', additionalProperties: { type: 'string', 'x-kubernetes-validations': [{ rule: "self != 'x'", message: 'no x' }] } },
    };
    expect(run([], { list: ['a', 'x'], map: { k: 'x' } }, props).errors).toEqual([
      'spec.list[1]: Invalid value: "string": no x',
      'spec.map[k]: Invalid value: "string": no x',
    ]);
  });
});

describe('compileExpression', () => {
  it('rejects unknown functions, wrong arities and undeclared variables', () => {
    expect(() => compileExpression('nope(self)')).toThrow(CelCompileError);
    expect(() => compileExpression('self.size(1)')).toThrow(/no matching overload for 'size'/);
    expect(() => compileExpression('other > 1')).toThrow(/undeclared reference to 'other'/);
  });
  it('detects oldSelf use from the AST', () => {
    expect(compileExpression('self == oldSelf').usesOldSelf).toBe(true);
    expect(compileExpression("self.oldSelf == 'x'").usesOldSelf).toBe(false);
  });
});

describe('Kubernetes CEL libraries', () => {
  const cases: [string, unknown][] = [
    // strings (cel-go ext, as used by the CRDs: trim, upperAscii, split)
    ["'  a '.trim() == 'a'", true],
    ["'post'.upperAscii() == 'POST'", true],
    ["'a/b/c'.split('/')[1] == 'b'", true],
    ["'AbC'.lowerAscii() == 'abc' && 'abc'.indexOf('c') == 2 && 'a-b'.replace('-', '_') == 'a_b' && ['a','b'].join(',') == 'a,b'", true],
    // lists
    ['[1, 2, 3].isSorted() && ![3, 1].isSorted()', true],
    ['[1, 2, 3].sum() == 6 && [1, 5, 2].max() == 5 && [4, 2].min() == 2', true],
    ["['a', 'b', 'a'].indexOf('a') == 0 && ['a', 'b', 'a'].lastIndexOf('a') == 2", true],
    // regex
    ["'abc 123'.find('[0-9]+') == '123' && 'a1b2'.findAll('[0-9]') == ['1', '2']", true],
    // sets
    ['sets.contains([1, 2, 3], [2]) && sets.equivalent([1, 2], [2, 1]) && sets.intersects([1], [1, 5])', true],
    // quantity
    ["quantity('1Gi').isGreaterThan(quantity('1G')) && quantity('500m').asApproximateFloat() == 0.5", true],
    ["quantity('1k') == quantity('1000') && quantity('2').add(3).asInteger() == 5 && isQuantity('50Mi') && !isQuantity('50MB')", true],
    ["quantity('1.5').isInteger()", false],
    // ip / cidr
    ["isIP('10.0.0.1') && !isIP('10.0.0.01') && ip('::1').isLoopback() && ip('fe80::1').isLinkLocalUnicast() && ip('10.0.0.1').family() == 4", true],
    ["string(ip('2001:db8:0:0:0:0:2:1')) == '2001:db8::2:1' && !isIP('::ffff:1.2.3.4')", true],
    ["cidr('10.0.0.0/8').containsIP('10.1.2.3') && cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && cidr('192.168.1.5/24').masked() == cidr('192.168.1.0/24')", true],
    ["cidr('192.168.1.5/24').prefixLength() == 24 && cidr('192.168.1.5/24').ip() == ip('192.168.1.5') && isCIDR('10.0.0.0/33') == false", true],
    // url
    ["url('https://user@example.com:8443/a%20b?x=1&x=2').getHost() == 'example.com:8443' && url('https://example.com:8443/').getPort() == '8443'", true],
    ["url('https://[::1]:80/p').getHostname() == '::1' && url('/just/a/path').getEscapedPath() == '/just/a/path' && url('http://h/?x=1&x=2').getQuery()['x'] == ['1', '2']", true],
    ["isURL('https://example.com') && !isURL('example.com')", true],
    // macros
    ['cel.bind(x, 20, x * x) == 400', true],
    ["duration('1m') > duration('59s')", true],
  ];
  for (const [expr, want] of cases) {
    it(expr, () => {
      const result = compileExpression(expr).run({});
      expect(isCelError(result) ? result.message : result).toBe(want);
    });
  }
});
