// `--chart models` on every command that takes values, and on `values`, `schema` and completion:
// each does for the models chart what it does for the core chart, and `--chart` defaults to core.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { runHelm, ROOT } from '../../support/helm.js';
import { MODELS_CHART_DIR, MODELS_VALUES_DIR, modelsExpected } from '../../support/models-golden-cases.js';

const SPEC = join(MODELS_VALUES_DIR, 'spec-example.yaml');
const dir = mkdtempSync(join(tmpdir(), 'agc-chart-flag-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(p.slice(root.length + 1), readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out;
}

describe('--chart models', () => {
  it('render is the models chart; without --chart it is the core chart', async () => {
    const models = await runCli(['render', '--chart', 'models', '-f', SPEC]);
    expect(models.stdout).toBe(modelsExpected('spec-example'));
    const core = await runCli(['render']);
    expect(core.stdout).toContain('# Source: ai-gateway-core/templates/gateway.yaml');
    expect(core.stdout).not.toContain('ai-gateway-models');
  });

  it('an unknown chart is a usage error naming the charts there are', async () => {
    const r = await runCli(['render', '--chart', 'model']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'model' is invalid\. Allowed choices are core, models/);
  });

  it('render --output-dir and --each write what helm template --output-dir writes', async () => {
    const out = join(dir, 'ours');
    const helmOut = join(dir, 'helm');
    expect((await runCli(['render', '--chart', 'models', '-f', SPEC, '--output-dir', out])).code).toBe(0);
    expect((await runHelm('v4', ['template', MODELS_CHART_DIR, '-f', SPEC, '--output-dir', helmOut])).code).toBe(0);
    expect(files(out)).toEqual(files(helmOut));

    const envs = join(dir, 'envs');
    mkdirSync(envs);
    writeFileSync(join(envs, 'prod.yaml'), readFileSync(SPEC, 'utf8'));
    const fleet = join(dir, 'fleet');
    expect((await runCli(['render', '--chart', 'models', '--each', envs, '--output-dir', fleet])).code).toBe(0);
    expect(files(join(fleet, 'prod'))).toEqual(files(helmOut));
  });

  it('render -o json and --show-only work on the models chart', async () => {
    const json = JSON.parse((await runCli(['render', '--chart', 'models', '-f', SPEC, '-o', 'json'])).stdout);
    expect(json.kind).toBe('List');
    expect(new Set(json.items.map((i: { kind: string }) => i.kind))).toEqual(new Set(['AIGatewayRoute', 'BackendTrafficPolicy', 'Backend', 'AIServiceBackend', 'BackendSecurityPolicy', 'BackendTLSPolicy']));
    const only = await runCli(['render', '--chart', 'models', '-f', SPEC, '-s', 'templates/backend.yaml']);
    expect(only.stdout).toBe((await runHelm('v4', ['template', MODELS_CHART_DIR, '-f', SPEC, '-s', 'templates/backend.yaml'])).stdout);
  });

  it('validate checks the models values, and with --crds the rendered objects', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'models:\n  gpt-4-1:\n    backends:\n      openai-01: {}\n');
    const r = await runCli(['validate', '--chart', 'models', '-f', bad, '-o', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toContain('semantic/model-backend-missing');
    const crds = await runCli(['validate', '--chart', 'models', '-f', SPEC, '--crds', join(ROOT, '..', 'shared', 'crds-models'), '--no-cache']);
    expect(crds.code).toBe(0);
    expect(crds.stdout).toMatch(/^values are valid; 10 documents accepted by the CRDs/);
    expect(crds.stdout).toMatch(/AIGatewayRoute +\d+\/16/);
  });

  it('values and schema print the models chart\'s files', async () => {
    expect((await runCli(['values', '--chart', 'models'])).stdout).toBe(`${readFileSync(join(MODELS_CHART_DIR, 'values.yaml'), 'utf8')}\n`);
    expect((await runCli(['schema', '--chart', 'models'])).stdout).toBe(readFileSync(join(MODELS_CHART_DIR, 'values.schema.json'), 'utf8'));
  });

  it('completion offers the charts after --chart', async () => {
    const bash = (await runCli(['completion', 'bash'])).stdout;
    expect(bash).toMatch(/--chart\)[^;]*core models/);
  });
});
