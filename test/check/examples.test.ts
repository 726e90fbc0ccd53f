// The pairs in examples/ that the README shows with `check`: each passes, with and without the
// CRDs of the cluster (../shared/crds and ../shared/crds-models), with nothing to report.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/helm.js';

const CRDS = ['--crds', join(ROOT, '..', 'shared', 'crds'), '--crds', join(ROOT, '..', 'shared', 'crds-models'), '--no-cache'];
const PAIRS = [
  { name: 'the clean pair', core: 'examples/system/core.yaml', models: 'examples/system/models.yaml' },
  { name: 'the production pair', core: 'examples/production.yaml', models: 'examples/system/production-models.yaml' },
];

describe('check: the example pairs', () => {
  for (const p of PAIRS) {
    const args = ['check', '--core', join(ROOT, p.core), '--models', join(ROOT, p.models), '-n', 'ai-gateway', '--strict'];
    it(`${p.name} passes --strict with nothing to report`, async () => {
      const r = await runCli(args);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('the core and models releases are valid\n');
      expect(r.code).toBe(0);
    });
    it(`${p.name} passes with --crds: every document of both releases accepted`, async () => {
      const r = await runCli([...args, ...CRDS, '-o', 'json']);
      const report = JSON.parse(r.stdout) as { valid: boolean; findings: unknown[]; crds: { documents: number } };
      expect(report.findings).toEqual([]);
      expect(report.valid).toBe(true);
      expect(report.crds.documents).toBeGreaterThanOrEqual(10);
      expect(r.code).toBe(0);
    });
  }
});
