// (a) Every CEL rule in the five CRDs compiles, and every non-transition rule is evaluated on at
// least one test document: the synthesized maximal documents, plus the test vectors' documents.
import { describe, expect, it } from 'vitest';
import { compileCrds } from '../../src/crd/compile.js';
import { mergeCoverage, validateDocuments } from '../../src/crd/validate.js';
import type { CrdReport } from '../../src/crd/types.js';
import { sharedCrds } from './helpers.js';
import { synthesizeResource } from './synth.js';
import { loadCrds, readCrdSource } from '../../src/crd/index.js';

const EXPECTED = {
  'envoyproxies.gateway.envoyproxy.io': { total: 201, transition: 0 },
  'clienttrafficpolicies.gateway.envoyproxy.io': { total: 16, transition: 0 },
  'gateways.gateway.networking.k8s.io': { total: 32, transition: 0 },
  'gatewayclasses.gateway.networking.k8s.io': { total: 2, transition: 2 },
  'gatewayconfigs.aigateway.envoyproxy.io': { total: 6, transition: 0 },
};

const HTTPS_EXPECTED = {
  'certificates.cert-manager.io': { total: 0, transition: 0 },
  'clusterissuers.cert-manager.io': { total: 1, transition: 0 },
  'issuers.cert-manager.io': { total: 1, transition: 0 },
  'httproutes.gateway.networking.k8s.io': { total: 178, transition: 0 },
};

describe('CEL rule coverage of the shared CRDs', () => {
  it('compiles every rule (transition rules included)', () => {
    const summaries = compileCrds(sharedCrds());
    const got = Object.fromEntries(summaries.map((s) => [s.crd, { total: s.total, transition: s.transition }]));
    expect(got).toEqual(EXPECTED);
    for (const s of summaries) {
      expect(s.failures, s.crd).toEqual([]);
      expect(s.compiled).toBe(s.total);
    }
  });

  it('evaluates 100% of the non-transition rules', () => {
    const crds = sharedCrds();
    const reports: CrdReport[] = [];
    for (const def of crds.crds) {
      for (const v of def.versions) {
        const doc = synthesizeResource(def.group, v.name, def.kind, v.schema);
        reports.push(validateDocuments(crds, [doc], { validateStatus: true }));
      }
    }
    const coverage = mergeCoverage(reports);
    const lines: string[] = [];
    for (const [name, c] of coverage) {
      lines.push(`${name}: evaluated ${c.evaluated.size}/${c.nonTransition} non-transition rules (${c.total - c.nonTransition} transition)`);
      expect(c.evaluated.size, name).toBe(c.nonTransition);
    }
    console.log(lines.join('\n'));
    const total = reports.reduce((n, r) => n + r.rules.unevaluable, 0);
    expect(total).toBe(0);
    const skipped = reports.reduce((n, r) => n + r.rules.transitionSkipped, 0);
    expect(skipped).toBe(2); // GatewayClass v1 and v1beta1 `self == oldSelf`
  });
});

// The CRDs of the HTTPS objects: cert-manager's (one Venafi rule in Issuer and ClusterIssuer) and
// Gateway API's HTTPRoute.
describe('CEL rule coverage of the HTTPS CRDs', () => {
  const httpsCrds = () =>
    loadCrds([
      ...readCrdSource('/work/shared/crds-cert-manager'),
      ...readCrdSource('/work/shared/crds-models/gateway.networking.k8s.io_httproutes.yaml'),
    ]);

  it('compiles every rule', () => {
    const summaries = compileCrds(httpsCrds());
    const got = Object.fromEntries(summaries.map((s) => [s.crd, { total: s.total, transition: s.transition }]));
    expect(got).toEqual(HTTPS_EXPECTED);
    for (const s of summaries) {
      expect(s.failures, s.crd).toEqual([]);
      expect(s.compiled).toBe(s.total);
    }
  });

  it('evaluates 100% of the rules on one maximal document per CRD version', () => {
    const crds = httpsCrds();
    const reports: CrdReport[] = [];
    for (const def of crds.crds) {
      for (const v of def.versions) reports.push(validateDocuments(crds, [synthesizeResource(def.group, v.name, def.kind, v.schema)], { validateStatus: true }));
    }
    for (const [name, c] of mergeCoverage(reports)) expect(c.evaluated.size, name).toBe(c.nonTransition);
    expect(reports.reduce((n, r) => n + r.rules.unevaluable, 0)).toBe(0);
  });
});
