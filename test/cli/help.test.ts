// Every command's --help ends with examples, and they name the command they document.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { runCli } from '../support/cli.js';

const commands = buildProgram({ stdout: () => {}, stderr: () => {} }).commands.map((c) => c.name());

describe('--help', () => {
  it('knows the commands this issue adds', () => {
    expect(commands).toEqual(expect.arrayContaining(['render', 'validate', 'schema', 'values', 'completion']));
  });

  for (const name of commands) {
    it(`${name} --help has examples of ${name}`, async () => {
      const r = await runCli([name, '--help']);
      expect(r.code).toBe(0);
      const examples = r.stdout.split('\nExamples:\n')[1];
      expect(examples, 'an "Examples:" section').toBeDefined();
      expect(examples).toContain(`$ ai-gateway-core ${name}`);
    });
  }
});
