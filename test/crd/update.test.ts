// validateUpdate: kube-apiserver's UPDATE path. Every transition rule (oldSelf) of the shared CRDs
// has a pair of objects it accepts and a pair it refuses, with the API server's wording; plus
// optionalOldSelf and ratcheting on synthetic CRDs that isolate them.
import { describe, expect, it } from 'vitest';
import { readCrdSource } from '../../src/crd/sources.js';
import { loadCrds } from '../../src/crd/load.js';
import { formatIssue, validateDocuments, validateUpdate } from '../../src/crd/validate.js';
import type { CrdSet } from '../../src/crd/types.js';
import { testCrds, widget } from './fixtures.js';

const DIRS = ['/work/shared/crds', '/work/shared/crds-models', '/work/shared/crds-cert-manager'];
const all: CrdSet = loadCrds(DIRS.flatMap((d) => readCrdSource(d)));
const errors = (r: ReturnType<typeof validateUpdate>) => r.issues.filter((i) => i.severity === 'error').map(formatIssue);

interface Vector {
  accept: [unknown, unknown];
  refuse: [unknown, unknown];
  /** the API server's line for the refusal */
  message: string;
}

const gatewayClass = (version: string, controllerName: string, description?: string) => ({
  apiVersion: `gateway.networking.k8s.io/${version}`,
  kind: 'GatewayClass',
  metadata: { name: 'ai-gateway' },
  spec: { controllerName, ...(description ? { description } : {}) },
});
const EG = 'gateway.envoyproxy.io/gatewayclass-controller';

/** One entry per transition rule, keyed by `<crd>/<rule id>`: a new rule upstream fails the inventory test below until it has its pair. */
const VECTORS: Record<string, Vector> = {
  'gatewayclasses.gateway.networking.k8s.io/v1:.spec.controllerName#0': {
    accept: [gatewayClass('v1', EG), gatewayClass('v1', EG, 'now with a description')],
    refuse: [gatewayClass('v1', EG), gatewayClass('v1', 'example.com/other-controller')],
    message: 'spec.controllerName: Invalid value: "string": Value is immutable',
  },
  'gatewayclasses.gateway.networking.k8s.io/v1beta1:.spec.controllerName#0': {
    accept: [gatewayClass('v1beta1', EG), gatewayClass('v1beta1', EG, 'now with a description')],
    refuse: [gatewayClass('v1beta1', EG), gatewayClass('v1beta1', 'example.com/other-controller')],
    message: 'spec.controllerName: Invalid value: "string": Value is immutable',
  },
};

describe('transition rules of the shared CRDs', () => {
  const inventory = all.crds.flatMap((def) => def.versions.flatMap((v) => v.rules.filter((r) => r.transition).map((r) => `${def.name}/${r.id}`)));

  it('has a vector pair for every oldSelf rule, and no vector for a rule that is gone', () => {
    expect(inventory.length).toBeGreaterThan(0);
    expect(Object.keys(VECTORS).sort()).toEqual([...inventory].sort());
  });

  for (const [id, v] of Object.entries(VECTORS)) {
    it(`${id}: accepts an allowed change`, () => {
      const r = validateUpdate(all, v.accept[0], v.accept[1]);
      expect(errors(r)).toEqual([]);
      expect(r.rules.transitionEvaluated).toBeGreaterThan(0);
    });
    it(`${id}: refuses a forbidden change in kube-apiserver's words`, () => {
      const r = validateUpdate(all, v.refuse[0], v.refuse[1]);
      expect(errors(r)).toEqual([v.message]);
    });
    it(`${id}: is skipped on create, as the API server skips it`, () => {
      const r = validateDocuments(all, [v.refuse[1]]);
      expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(r.rules.transitionSkipped).toBeGreaterThan(0);
    });
  }
});

describe('optionalOldSelf', () => {
  const crds = testCrds({
    type: 'object',
    properties: { size: { type: 'integer' } },
    'x-kubernetes-validations': [
      { rule: '!oldSelf.hasValue() || self.size >= oldSelf.value().size', message: 'size may only grow', optionalOldSelf: true },
      { rule: 'oldSelf.hasValue() || self.size < 100', message: 'start below 100', optionalOldSelf: true },
      { rule: 'self.size >= oldSelf.orValue(self).size', message: 'orValue works', optionalOldSelf: true },
    ],
  });

  it('runs on create with oldSelf = none', () => {
    const r = validateDocuments(crds, [widget({ size: 200 })]);
    expect(r.issues.map(formatIssue)).toEqual(['spec: Invalid value: "object": start below 100']);
  });
  it('runs on update with oldSelf = the old value', () => {
    expect(errors(validateUpdate(crds, widget({ size: 5 }), widget({ size: 500 })))).toEqual([]);
    expect(errors(validateUpdate(crds, widget({ size: 5 }), widget({ size: 4 })))).toEqual(['spec: Invalid value: "object": size may only grow', 'spec: Invalid value: "object": orValue works']);
  });
  it('sees none where the old object lacks the field', () => {
    const r = validateUpdate(crds, widget(undefined), widget({ size: 200 }));
    expect(errors(r)).toEqual(['spec: Invalid value: "object": start below 100']);
  });
});

describe('transition rules pair values by correlation', () => {
  const crds = testCrds({
    type: 'object',
    properties: {
      items: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'port is immutable' }] } } },
      },
      atomic: { type: 'array', items: { type: 'object', properties: { v: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'never seen' }] } } } },
    },
  });
  it('pairs map-list items by key, not position', () => {
    const old = widget({ items: [{ name: 'a', port: 1 }, { name: 'b', port: 2 }] });
    expect(errors(validateUpdate(crds, old, widget({ items: [{ name: 'b', port: 2 }, { name: 'a', port: 1 }] })))).toEqual([]);
    expect(errors(validateUpdate(crds, old, widget({ items: [{ name: 'b', port: 3 }, { name: 'c', port: 9 }] })))).toEqual(['spec.items[0].port: Invalid value: "integer": port is immutable']);
  });
  it('gives items of atomic lists no old value', () => {
    const r = validateUpdate(crds, widget({ atomic: [{ v: 1 }] }), widget({ atomic: [{ v: 2 }] }));
    expect(errors(r)).toEqual([]);
    expect(r.rules.transitionSkipped).toBe(1);
  });
});

describe('ratcheting', () => {
  const crds = testCrds({
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 3 },
      other: { type: 'string' },
      n: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self < 10', message: 'n below 10' }] },
      tags: { type: 'array', items: { type: 'string', maxLength: 2 } },
    },
  });
  const bad = { name: 'toolong', n: 50, tags: ['abc'] };

  it('lets through errors on values the update leaves unchanged', () => {
    const r = validateUpdate(crds, widget(bad), widget({ ...bad, other: 'changed' }));
    expect(errors(r)).toEqual([]);
    expect(r.rules.ratcheted).toBe(3);
  });
  it('refuses the same errors on changed values', () => {
    const r = validateUpdate(crds, widget(bad), widget({ name: 'toolong2', n: 51, tags: ['abc', 'x'] }));
    expect(errors(r)).toEqual([
      "spec.name: Too long: may not be more than 3 bytes",
      'spec.tags[0]: Too long: may not be more than 2 bytes',
      'spec.n: Invalid value: "integer": n below 10',
    ]);
  });
  it('does not ratchet a new object', () => {
    expect(errors(validateUpdate(crds, widget({}), widget({ n: 50 })))).toEqual(['spec.n: Invalid value: "integer": n below 10']);
  });
});
