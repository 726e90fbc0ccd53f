// Where certificate.yaml, issuer.yaml or httproute.yaml refuse to render, helm 3, helm 4 and our
// CLI fail with the same message, and `validate` finds the same problem at its line without
// rendering.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { HELM_MAJORS, ROOT, runHelm } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';

const CASES = join(ROOT, 'test', 'validate', 'cases');

const FAILURES: [file: string, template: string, code: string][] = [
  ['semantic-https-no-tls-listener.yaml', 'certificate.yaml', 'semantic/certificate-no-listener'],
  ['semantic-https-no-names.yaml', 'certificate.yaml', 'semantic/certificate-no-names'],
  ['semantic-https-acme-no-http.yaml', 'issuer.yaml', 'semantic/acme-no-http-listener'],
  ['semantic-https-acme-http-port.yaml', 'issuer.yaml', 'semantic/acme-no-http-listener'],
  ['semantic-https-redirect-no-http.yaml', 'httproute.yaml', 'semantic/redirect-no-http-listener'],
];

describe('HTTPS templates that refuse to render', () => {
  for (const [file, template, code] of FAILURES) {
    it(`${file}: helm and the CLI fail in templates/${template} with one message; validate reports ${code}`, async () => {
      const values = join(CASES, file);
      const [ours, ...helms] = await Promise.all([runCli(['render', '-f', values]), ...HELM_MAJORS.map((m) => runHelm(m, ['template', CHART_DIR, '-f', values]))]);
      expect(ours.code).toBe(1);
      expect(ours.stdout).toBe('');
      for (const h of helms) {
        expect(h.code).toBe(1);
        const m = new RegExp(`^Error: execution error at \\(ai-gateway-core/templates/${template.replace('.', '\\.')}:\\d+:\\d+\\): (.*)$`, 'm').exec(h.stderr);
        expect(m, h.stderr).not.toBeNull();
        expect(ours.stderr).toBe(`Error: ai-gateway-core/templates/${template}: ${m![1]}\n`);
      }
      const v = await runCli(['validate', '-f', values, '-o', 'json']);
      expect(v.code).toBe(1);
      expect(JSON.parse(v.stdout).findings.map((f: { code: string }) => f.code)).toContain(code);
    });
  }
});

describe('a Secret name certificate.yaml cannot print', () => {
  // Found by the differential test: the name is printed inline as metadata.name and secretName, so
  // a name with a line break made helm's output unparsable (helm failed, we printed it).
  it('fails in helm and in the CLI with the same message, before any text is printed', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const values = join(mkdtempSync(join(tmpdir(), 'agc-secret-name-')), 'v.json');
    writeFileSync(values, JSON.stringify({ gateway: { listeners: [{ name: 'a', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: '\na' }] } }] }, certManager: { enabled: true, dnsNames: ['a.example.com'] } }));
    const [ours, ...helms] = await Promise.all([runCli(['render', '-f', values]), ...HELM_MAJORS.map((m) => runHelm(m, ['template', CHART_DIR, '-f', values]))]);
    expect(ours.code).toBe(1);
    expect(ours.stdout).toBe('');
    for (const h of helms) {
      const m = /^Error: execution error at \(ai-gateway-core\/templates\/certificate\.yaml:\d+:\d+\): (.*)$/m.exec(h.stderr);
      expect(m, h.stderr).not.toBeNull();
      expect(ours.stderr).toBe(`Error: ai-gateway-core/templates/certificate.yaml: ${m![1]}\n`);
    }
    expect(ours.stderr).toContain('Secret "\\na" in a listener\'s tls.certificateRefs is not a valid Secret name');
  });
});
