// The render flags for kubectl and helm users: -o json, --api-versions, --include-crds.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { expectedOutput, CHART_DIR } from '../../support/golden-cases.js';
import { runHelm, HELM_MAJORS } from '../../support/helm.js';
import { toKubectlList } from '../../../src/output/kubectl-json.js';

describe('render -o', () => {
  it('-o yaml is the default: helm template output', async () => {
    const r = await runCli(['render', '-o', 'yaml']);
    expect(r.stdout).toBe(expectedOutput('defaults'));
  });

  it('-o json prints one kubectl List of the same documents', async () => {
    const r = await runCli(['render', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(toKubectlList(expectedOutput('defaults')));
    expect(JSON.parse(r.stdout).items).toHaveLength(5);
  });

  it('-o json honours --show-only', async () => {
    const r = await runCli(['render', '-o', 'json', '-s', 'templates/gateway*.yaml']);
    expect(JSON.parse(r.stdout).items.map((i: { kind: string }) => i.kind)).toEqual(['Gateway', 'GatewayClass', 'GatewayConfig']);
  });

  it('refuses -o json with --output-dir (exit 2) and an unknown format', async () => {
    const both = await runCli(['render', '-o', 'json', '--output-dir', '/tmp/never-written']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('-o json');
    const unknown = await runCli(['render', '-o', 'xml']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Allowed choices are yaml, json');
  });
});

describe('render --api-versions and --include-crds, as in helm', () => {
  for (const major of HELM_MAJORS) {
    it(`--include-crds prints what helm ${major} prints, and says on stderr why nothing was added`, async () => {
      const [ours, helm] = await Promise.all([
        runCli(['render', '--include-crds']),
        runHelm(major, ['template', CHART_DIR, '--include-crds']),
      ]);
      expect(ours.code).toBe(0);
      expect(ours.stdout).toBe(helm.stdout);
      expect(ours.stderr).toMatch(/--include-crds changes nothing: this chart has no crds\/ folder/);
    });
  }

  it('--help explains --include-crds', async () => {
    const r = await runCli(['render', '--help']);
    expect(r.stdout).toContain('--include-crds: the chart renders no CRDs');
  });

  it('-a / --api-versions are repeatable and comma-separated, and change nothing in this chart', async () => {
    const r = await runCli(['render', '-a', 'x/v1', '--api-versions', 'apps/v1,gateway.networking.k8s.io/v1/Gateway']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expectedOutput('defaults'));
  });
});
