// check never crashes: every values file the goldens of both charts use (the failing models files
// included), paired across the charts, ends in exit 0 or 1 with a JSON report in which every
// finding across the releases says where and how to fix it; never an unexpected failure.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/helm.js';

const CORE_DIR = join(ROOT, 'test', 'golden', 'values');
const MODELS_DIR = join(ROOT, 'test', 'golden', 'models', 'values');
const yamls = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
const cores = yamls(CORE_DIR);
const models = [...yamls(MODELS_DIR), ...yamls(join(MODELS_DIR, 'failing'))];

describe('check: every core golden with every models golden', () => {
  it(`${cores.length} × ${models.length} pairs: exit 0 or 1, a report, a fix for each finding`, async () => {
    for (const core of cores) {
      for (const m of models) {
        const r = await runCli(['check', '--core', core, '--models', m, '-n', 'ai-gateway', '-o', 'json']);
        const pair = `${core} + ${m}`;
        expect([0, 1], `${pair}: ${r.stderr}`).toContain(r.code);
        expect(r.stderr, pair).not.toContain('unexpected failure');
        const report = JSON.parse(r.stdout) as { findings: { suggestion?: string; code: string; location?: unknown; severity: string }[] };
        // (the findings of each chart alone are validate's, tested with validate)
        for (const f of report.findings.filter((x) => x.code.startsWith('check/'))) {
          expect(f.suggestion, `${pair}: ${f.code}`).toBeTruthy();
          if (f.code !== 'check/not-checked') expect(f.location, `${pair}: ${f.code}`).toBeDefined();
        }
      }
    }
  }, 120_000);
});
