// validate --crds with the HTTPS objects: the cert-manager CRDs and the HTTPRoute CRD accept what
// the chart renders, and a rejection is traced back to the value that produced the field.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCrds, readCrdSource } from '../../src/crd/index.js';
import { validate } from '../../src/validate/validate.js';
import { ROOT } from '../support/helm.js';

const crdSet = loadCrds(['crds', 'crds-cert-manager', 'crds-models'].flatMap((dir) => readCrdSource(join(ROOT, '..', 'shared', dir))));
const check = (text: string) => validate({ valuesFiles: [{ name: 'values.yaml', text }], crdSet });

describe('validate --crds with certificates, an issuer and the redirect', () => {
  it('accepts examples/https.yaml: every document checked, no finding', () => {
    const r = check(readFileSync(join(ROOT, 'examples', 'https.yaml'), 'utf8'));
    expect(r.findings).toEqual([]);
    expect(r.crds?.unevaluable).toBe(0);
    expect(r.crds?.coverage.map((c) => c.kind)).toEqual(expect.arrayContaining(['Certificate', 'ClusterIssuer', 'HTTPRoute']));
  });

  it('traces an HTTPRoute the CRD rejects (17 hostnames, from the certificate names) to certManager.dnsNames', () => {
    const names = Array.from({ length: 17 }, (_, i) => `      - n${i}.example.com`).join('\n');
    const text = `gateway:
  listeners:
    - name: http
      protocol: HTTP
      port: 80
    - name: https
      protocol: HTTPS
      port: 443
      tls:
        certificateRefs:
          - name: ai-gateway-tls
certManager:
  enabled: true
  dnsNames:
${names.replaceAll('      - ', '    - ')}
httpsRedirect:
  enabled: true
`;
    const crd = check(text).findings.filter((f) => f.origin === 'crd');
    expect(crd.map((f) => [f.path, f.location?.kind === 'file' ? `${f.location.line}:${f.location.col}` : f.location?.kind, f.rendered?.kind, f.rendered?.field])).toEqual([
      ['certManager.dnsNames', '15:5', 'HTTPRoute', 'spec.hostnames'],
    ]);
    expect(crd[0]!.message).toMatch(/must have at most 16 items/);
  });
});
