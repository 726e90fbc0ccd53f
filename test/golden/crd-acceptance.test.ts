// Every document of every golden case is accepted by the real CRDs (../shared/crds, and for the
// HTTPS objects ../shared/crds-cert-manager and the HTTPRoute of ../shared/crds-models) as a
// kube-apiserver with strict field validation would: unknown fields are errors, and every CEL
// rule is evaluated (transition rules are skipped on create, as the API server skips them).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCrds, readCrdSource, validateYaml, formatIssue } from '../../src/crd/index.js';
import { goldenCases, expectedOutput } from '../support/golden-cases.js';
import { ROOT } from '../support/helm.js';

const crds = loadCrds(['crds', 'crds-cert-manager', 'crds-models'].flatMap((dir) => readCrdSource(join(ROOT, '..', 'shared', dir))));

// Cases whose documents carry user input the CRDs are meant to reject are listed with the reason.
const EXPECTED_REJECTIONS: Record<string, string> = {
  // 53-character names are fine; nothing rejected. (Kept empty on purpose: every case must pass.)
};

describe('golden output is accepted by the CRDs', () => {
  for (const c of goldenCases) {
    it(`${c.name}: 0 errors, 0 unevaluated rules`, () => {
      const report = validateYaml(crds, expectedOutput(c.name), { fieldValidation: 'Strict' });
      const errors = report.issues.filter((i) => i.severity === 'error').map((i) => `${i.kind}/${i.name} ${formatIssue(i)}`);
      expect(EXPECTED_REJECTIONS[c.name]).toBeUndefined();
      expect(errors).toEqual([]);
      expect(report.rules.unevaluable).toBe(0);
    });
  }

  it('the HTTPS objects are checked against their CRDs, not skipped', () => {
    const report = validateYaml(crds, expectedOutput('https-production'), { fieldValidation: 'Strict' });
    expect([...report.coverage.keys()].sort()).toEqual(
      expect.arrayContaining(['certificates.cert-manager.io', 'clusterissuers.cert-manager.io', 'httproutes.gateway.networking.k8s.io']),
    );
    const namespaced = validateYaml(crds, expectedOutput('https-namespaced-issuer'), { fieldValidation: 'Strict' });
    expect([...namespaced.coverage.keys()]).toContain('issuers.cert-manager.io');
  });

  it('a redirect the HTTPRoute CRD rejects is caught: a RequestRedirect next to backendRefs', () => {
    const bad = expectedOutput('https-redirect-only').replace('            statusCode: 302', '            statusCode: 302\n      backendRefs:\n        - name: app\n          port: 80');
    const messages = validateYaml(crds, bad, { fieldValidation: 'Strict' }).issues.filter((i) => i.severity === 'error').map(formatIssue);
    expect(messages.join('\n')).toMatch(/RequestRedirect filter must not be used together with backendRefs/);
  });

  it('a document the CRDs reject is caught (the check can fail)', () => {
    const bad = expectedOutput('defaults').replace('bufferLimit: 50Mi', 'bufferLimit: 50MB\n    connectionTimeout: 60s');
    const report = validateYaml(crds, bad, { fieldValidation: 'Strict' });
    const messages = report.issues.filter((i) => i.severity === 'error').map(formatIssue);
    expect(messages.some((m) => m.includes('spec.connection.connectionTimeout'))).toBe(true);
    expect(messages.some((m) => m.includes('spec.connection.bufferLimit'))).toBe(true);
  });
});
