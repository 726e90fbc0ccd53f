// The program sets up only the command it is asked to run; nothing the user sees may differ.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { runCli } from '../support/cli.js';

const io = { stdout: () => {}, stderr: () => {} };
const ALL = ['render', 'validate', 'check', 'diff', 'schema', 'values', 'completion'];
const names = (argv?: string[]) => buildProgram(io, argv).commands.map((c) => c.name());

describe('buildProgram', () => {
  it('sets up only the command being run', () => {
    expect(names(['render', '-f', 'x.yaml'])).toEqual(['render']);
    expect(names(['validate'])).toEqual(['validate']);
  });

  it.each([[undefined], [[]], [['--help']], [['-V']], [['help', 'render']], [['rendr']], [['completion', 'bash']], [['__proto__']]])('sets up every command for %j', (argv) => {
    expect(names(argv)).toEqual(ALL);
  });

  it.each(ALL.filter((c) => c !== 'completion'))('%s --help reads the same alone as among all commands', (name) => {
    const alone = buildProgram(io, [name]).commands[0]!.helpInformation();
    const among = buildProgram(io).commands.find((c) => c.name() === name)!.helpInformation();
    expect(alone).toBe(among);
  });

  it('a misspelt command is still answered with the right one', async () => {
    const r = await runCli(['rendr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(Did you mean render?)');
  });
});
