// `ai-gateway-core check` end to end, one case per finding of issue 11: a broken pair of values
// files (test/check/cases/<n>-<name>/core.yaml + models.yaml) reports the finding, with the file
// and line of the setting behind it; its fixed twin (core.fixed.yaml / models.fixed.yaml, the
// broken file where there is none) passes with --strict and reports nothing at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/helm.js';

const CASES = join(ROOT, 'test', 'check', 'cases');

interface Case {
  why: string;
  args: string[];
  expect: { code: string; severity: string; file?: string; line?: number }[];
}

interface JsonFinding {
  code: string;
  severity: string;
  path: string;
  message: string;
  suggestion?: string;
  location?: { kind: string; file?: string; line?: number };
}

async function check(dir: string, core: string, models: string, args: string[]): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const r = await runCli(['check', '--core', join(dir, core), '--models', join(dir, models), '-o', 'json', '--strict', ...args]);
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings, stderr: r.stderr };
}

describe('check: a broken pair and its fixed twin per finding', () => {
  for (const name of readdirSync(CASES).sort()) {
    const dir = join(CASES, name);
    const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    const twin = (f: string) => (existsSync(join(dir, f.replace('.yaml', '.fixed.yaml'))) ? f.replace('.yaml', '.fixed.yaml') : f);

    it(`${name}: ${c.why}`, async () => {
      const broken = await check(dir, 'core.yaml', 'models.yaml', c.args);
      expect(broken.code).toBe(1);
      const got = broken.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        ...(f.location?.kind === 'file' || f.location?.kind === 'default' ? { file: relative(f.location.file!.startsWith(dir) ? dir : ROOT, f.location.file!), line: f.location.line } : {}),
      }));
      for (const e of c.expect) expect(got).toContainEqual(e);
      // every finding says how to fix it
      for (const f of broken.findings) expect(f.suggestion, f.code).toBeTruthy();
    });

    it(`${name}: the fixed twin passes --strict with nothing to report`, async () => {
      const fixed = await check(dir, twin('core.yaml'), twin('models.yaml'), c.args);
      expect(fixed.findings).toEqual([]);
      expect(fixed.code).toBe(0);
    });
  }
});
