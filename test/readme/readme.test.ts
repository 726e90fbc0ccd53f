// What the README promises about exit codes and editors, checked against the CLI and the files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/helm.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The rows of the table under `## Exit codes`: code → the example commands in its row. */
function exitCodeTable(): Map<number, string[][]> {
  const section = readme.split('\n## Exit codes\n')[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<number, string[][]>();
  for (const line of section.split('\n')) {
    const m = /^\| `(\d)` \|/.exec(line);
    if (!m) continue;
    const examples = [...line.matchAll(/`ai-gateway-core ([^`]+)`/g)].map((e) => e[1].split(' '));
    rows.set(Number(m[1]), examples);
  }
  return rows;
}

describe('README', () => {
  it('has a table of the exit codes 0, 1, 2 and 3', () => {
    expect([...exitCodeTable().keys()]).toEqual([0, 1, 2, 3]);
  });

  for (const [code, examples] of exitCodeTable()) {
    it(`exit code ${code}: every example in its row exits ${code}`, async () => {
      expect(examples.length).toBeGreaterThan(0);
      for (const args of examples) {
        // The examples name files relative to the repository.
        const r = await runCli(args.map((a, i) => (args[i - 1] === '-f' || args[i - 1] === '--from' ? join(ROOT, a) : a)));
        expect(r.code, `ai-gateway-core ${args.join(' ')}: ${r.stderr}`).toBe(code);
        // A failure prints nothing on stdout; 3 (diff's "there are changes") prints the diff.
        if (code === 1 || code === 2) expect(r.stdout).toBe('');
      }
    });
  }

  it('shows the yaml-language-server modeline, pointing at the schema the package ships', () => {
    const m = /^# yaml-language-server: \$schema=\.\/node_modules\/ai-gateway-core\/(\S+)$/m.exec(readme);
    expect(m).not.toBeNull();
    expect(m![1]).toBe('schema/values.schema.json');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).files).toContain('schema/');
  });

  it('explains why --include-crds adds nothing', () => {
    expect(readme).toMatch(/`--include-crds` \| accepted; adds nothing, because the chart has no `crds\/`/);
  });
});
