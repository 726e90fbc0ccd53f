// The models chart without helm: `render --chart models` prints exactly the bytes the real helm 3
// and helm 4 printed for every golden case (test/golden/models/expected), and fails every failing
// case, printing nothing, with the message helm's `fail` gave.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { failingCases, modelsAbsoluteArgs, modelsCases, modelsExpected } from '../support/models-golden-cases.js';

describe('render --chart models', () => {
  for (const c of modelsCases) {
    it(`matches helm byte for byte: ${c.name}`, async () => {
      const result = await runCli(['render', '--chart', 'models', ...modelsAbsoluteArgs(c.args)]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(modelsExpected(c.name));
    });
  }

  for (const c of failingCases) {
    it(`fails as helm does, printing nothing: ${c.name}`, async () => {
      const result = await runCli(['render', '--chart', 'models', ...modelsAbsoluteArgs(c.args)]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const helm = /^Error: (?:execution error at \((.+?):\d+:\d+\): )?(.*)$/m.exec(c.stderr.v4)!;
      const [, template, message] = helm;
      if (template) {
        // A template's `fail`: the same template and the same words.
        expect(result.stderr).toBe(`Error: ${template}: ${message}\n`);
      } else {
        // The schema: helm and we both refuse the values before rendering.
        expect(result.stderr).toMatch(/^Error: values don't meet the chart's schema:\n- /);
      }
    });
  }
});
