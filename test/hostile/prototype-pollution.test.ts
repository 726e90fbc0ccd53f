// Prototype pollution: `__proto__`, `constructor` and `prototype` arrive as keys in values files,
// --set paths, --set-json, --set-file and YAML merge keys. They must stay plain keys of
// null-prototype maps (never reaching Object.prototype, even when rendered) and the schema must
// refuse them at any depth, as helm does with the same schema.
import { afterEach, describe, expect, it } from 'vitest';
import { mergeValues, render, renderValues } from '../../src/render/render.js';
import { isMap, newMap, type ValueMap } from '../../src/values/types.js';
import { runCli } from '../support/cli.js';
import { CHART_DIR } from '../support/golden-cases.js';
import { HELM_MAJORS, runHelm } from '../support/helm.js';
import { STACK } from './support/messages.js';
import { scratch } from './support/scratch.js';

const { file } = scratch('proto');

// What the built-in prototypes hold before any hostile input is read.
const BUILTINS = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const before = BUILTINS.map((p) => Object.getOwnPropertyNames(p).sort().join(','));

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.create(null)['polluted']).toBeUndefined();
  BUILTINS.forEach((p, i) => expect(Object.getOwnPropertyNames(p).sort().join(',')).toBe(before[i]));
  expect(typeof Object.prototype.toString).toBe('function');
  expect(Object.prototype.constructor).toBe(Object);
}
afterEach(expectNoPollution);

const payload = file('payload.txt', 'polluted');

/** [name, args, the reported path]: each smuggles a reserved key in another way. */
const CASES: [string, string[], string][] = [
  ['a values file, at the root', ['-f', file('root.yaml', '__proto__:\n  polluted: 1\n')], '__proto__'],
  ['a values file, nested in a free-form map', ['-f', file('nested.yaml', 'gatewayConfig:\n  spec:\n    __proto__:\n      polluted: 1\n')], 'gatewayConfig.spec.__proto__'],
  ['a values file, constructor.prototype', ['-f', file('ctor.yaml', 'gatewayConfig:\n  spec:\n    constructor:\n      prototype:\n        polluted: 1\n')], 'gatewayConfig.spec.constructor'],
  ['a values file, JSON style', ['-f', file('json.yaml', '{"gatewayConfig": {"spec": {"__proto__": {"polluted": 1}}}}\n')], 'gatewayConfig.spec.__proto__'],
  ['a values file, in a list item', ['-f', file('list.yaml', 'envoyProxy:\n  telemetry:\n    accessLog:\n      settings:\n        - prototype:\n            polluted: 1\n')], 'envoyProxy.telemetry.accessLog.settings[0].prototype'],
  ['a values file, through a merge key', ['-f', file('merge.yaml', 'base: &b\n  __proto__:\n    polluted: 1\ngatewayConfig:\n  spec:\n    <<: *b\n')], 'gatewayConfig.spec.__proto__'],
  ['a values file, as an annotation key', ['-f', file('annotation.yaml', 'gateway:\n  annotations:\n    __proto__: polluted\n')], 'gateway.annotations.__proto__'],
  ['--set at the root', ['--set', '__proto__.polluted=1'], '__proto__'],
  ['--set, nested', ['--set', 'gatewayConfig.spec.__proto__.polluted=1'], 'gatewayConfig.spec.__proto__'],
  ['--set, constructor.prototype', ['--set', 'gatewayConfig.spec.constructor.prototype.polluted=1'], 'gatewayConfig.spec.constructor'],
  ['--set, in a list item', ['--set', 'gatewayConfig.spec.a[0].__proto__.polluted=1'], 'gatewayConfig.spec.a[0].__proto__'],
  ['--set-string', ['--set-string', 'gatewayConfig.spec.prototype=polluted'], 'gatewayConfig.spec.prototype'],
  ['--set-literal', ['--set-literal', 'gatewayConfig.spec.__proto__.polluted=1'], 'gatewayConfig.spec.__proto__'],
  ['--set-file', ['--set-file', `gatewayConfig.spec.__proto__=${payload}`], 'gatewayConfig.spec.__proto__'],
  ['--set-json, a whole object', ['--set-json', '{"__proto__":{"polluted":1}}'], '__proto__'],
  ['--set-json, nested', ['--set-json', 'gatewayConfig.spec={"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'], 'gatewayConfig.spec.__proto__'],
];

describe.each(['render', 'validate'])('%s refuses reserved keys (schema), and pollutes nothing', (command) => {
  it.each(CASES)('%s', async (_name, args, path) => {
    const r = await runCli([command, ...args]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toContain(path);
    // The schema's answer (an annotation key also breaks the annotation key rules, which may be the one reported).
    if (path.includes('annotations')) expect(r.stderr).toMatch(/is reserved: __proto__|is not a valid label or annotation key/);
    else expect(r.stderr).toContain(`key "${path.split('.').pop()!.replace(/^.*\]\./, '')}" is reserved: __proto__, constructor and prototype are never keys of values`);
  });
});

describe('the values stay plain data', () => {
  it('reserved keys are own keys of null-prototype maps, whatever brought them', () => {
    const merged = mergeValues({
      valuesFiles: [{ name: 'f.yaml', text: 'gatewayConfig:\n  spec:\n    __proto__:\n      fromFile: 1\n' }],
      set: ['gatewayConfig.spec.constructor.prototype.fromSet=1'],
      setJson: ['gatewayConfig.spec.prototype={"__proto__":{"fromJson":1}}'],
    });
    const spec = (merged.values['gatewayConfig'] as ValueMap)['spec'] as ValueMap;
    expect(Object.keys(spec).sort()).toEqual(['__proto__', 'constructor', 'prototype']);
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isMap(v)) {
        expect(Object.getPrototypeOf(v)).toBeNull();
        Object.values(v).forEach(walk);
      }
    };
    walk(merged.values);
    expect(((spec['__proto__'] as ValueMap)['fromFile'])).toBe(1);
  });

  it('rendering such values (bypassing the schema) prints them as keys and pollutes nothing', () => {
    const { values } = mergeValues({ setJson: ['gatewayConfig.spec={"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}'] });
    const { text } = renderValues(values);
    expect(text).toContain('spec:\n  __proto__:\n    polluted: 1\n  constructor:\n    prototype:\n      polluted: 2\n');
  });

  it('the library refuses them like the CLI', () => {
    expect(() => render({ set: ['gatewayConfig.spec.__proto__.polluted=1'] })).toThrow(/gatewayConfig\.spec\.__proto__: key "__proto__" is reserved/);
  });

  it('a map made by the pipeline has no prototype to pollute', () => {
    const m = newMap();
    m['__proto__'] = { polluted: 1 } as never;
    expect(Object.getPrototypeOf(m)).toBeNull();
    expect(Object.keys(m)).toEqual(['__proto__']);
  });
});

describe('helm refuses them with the same schema', () => {
  it.each(HELM_MAJORS)('helm %s', async (major) => {
    for (const [, args] of [CASES[1]!, CASES[9]!, CASES[15]!]) {
      const r = await runHelm(major, ['template', CHART_DIR, ...args]);
      expect(r.code, `${major} ${args.join(' ')}`).toBe(1);
      expect(r.stderr).toMatch(/__proto__|constructor/);
    }
  });
});
