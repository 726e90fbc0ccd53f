// The chart itself, checked with the real helm binaries: lint is clean, the schema copy cannot
// drift, and helm rejects what the schema rejects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runHelm, HELM_MAJORS, ROOT } from '../support/helm.js';
import { CHART_DIR } from '../support/golden-cases.js';

describe('chart', () => {
  it('ships the one schema: chart/values.schema.json equals schema/values.schema.json', () => {
    expect(readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'schema', 'values.schema.json'), 'utf8'));
  });

  it('uses draft-07, the dialect helm 3 and helm 4 both read alike', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'values.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('has a truthful kubeVersion that both helms accept by default', () => {
    const chart = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8'));
    expect(chart.apiVersion).toBe('v2');
    expect(chart.name).toBe('ai-gateway-core');
    expect(chart.kubeVersion).toBe('>=1.32.0-0');
  });

  for (const major of HELM_MAJORS) {
    it(`helm ${major} lint --strict is clean`, async () => {
      const r = await runHelm(major, ['lint', '--strict', CHART_DIR]);
      expect(r.stdout + r.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(r.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
      expect(r.code).toBe(0);
    });

    it(`helm ${major} rejects an unknown key through the schema`, async () => {
      const r = await runHelm(major, ['template', CHART_DIR, '--set', 'envoyDeploymnet.replicas=2']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain("values don't meet the specifications of the schema");
    });

    it(`helm ${major} refuses kubeVersion below 1.32`, async () => {
      const r = await runHelm(major, ['template', CHART_DIR, '--kube-version', '1.31.0']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('>=1.32.0-0');
    });

    it(`helm ${major} fails on the seed's http value, pointing to http1/http2/http3`, async () => {
      const r = await runHelm(major, ['template', CHART_DIR, '--set', 'clientTrafficPolicy.http.maxHeaders=10']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('clientTrafficPolicy.http1, clientTrafficPolicy.http2 or clientTrafficPolicy.http3');
    });

    it(`helm ${major} fails when connectionTimeout and timeout.http.idleTimeout are both set`, async () => {
      const r = await runHelm(major, ['template', CHART_DIR, '--set', 'clientTrafficPolicy.connection.connectionTimeout=60s,clientTrafficPolicy.timeout.http.idleTimeout=30s']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('keep only one');
    });
  }
});
