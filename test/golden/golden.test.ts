// Every golden case: the CLI prints exactly the bytes that helm 3.17.3 and helm 4.1.4 printed
// (test/golden/expected, regenerated with `npm run goldens`), and the files are still current.
import { describe, expect, it } from 'vitest';
import { goldenCases, expectedOutput, absoluteArgs, helmTemplateArgs } from '../support/golden-cases.js';
import { runCli } from '../support/cli.js';
import { runHelm, HELM_MAJORS } from '../support/helm.js';

describe('golden cases', () => {
  it('has at least 20 cases', () => {
    expect(goldenCases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of goldenCases) {
    it(`render matches helm byte for byte: ${c.name}`, async () => {
      const result = await runCli(['render', ...absoluteArgs(c.args)]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(expectedOutput(c.name));
    });
  }
});

describe('golden files are what the real helms print today', () => {
  for (const major of HELM_MAJORS) {
    it(`helm ${major} reproduces every expected file`, async () => {
      const results = await Promise.all(goldenCases.map((c) => runHelm(major, helmTemplateArgs(c.args))));
      results.forEach((r, i) => {
        expect(r.code, `${goldenCases[i].name}: ${r.stderr}`).toBe(0);
        expect(r.stdout, goldenCases[i].name).toBe(expectedOutput(goldenCases[i].name));
      });
    });
  }
});
