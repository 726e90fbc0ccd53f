/**
 * The `ai-gateway-core` command: a thin layer over the library. Each command lives in
 * commands/<name>.ts; this file assembles them and turns every expected failure into one clear
 * message and an exit code (1 invalid input, 2 usage or I/O), never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { AiGatewayCoreError, QuietExit } from '../errors.js';
import { PACKAGE_VERSION } from '../generated/charts.js';
import { registerRender } from './commands/render.js';
import { registerValidate } from './commands/validate.js';
import { registerCheck } from './commands/check.js';
import { registerSchema } from './commands/schema.js';
import { registerValues } from './commands/values.js';
import { registerCompletion } from './commands/completion.js';
import { registerDiff } from './commands/diff.js';
import type { Io } from './shared.js';
import { OutputWriteError, stderrWasLost, writeStderr, writeStdout } from '../output/standard-streams.js';
import { SecretLedger, withSecretLedger } from '../values/secrets.js';

export type { Io } from './shared.js';

const COMMANDS: Record<string, (program: Command, io: Io) => void> = {
  render: registerRender,
  validate: registerValidate,
  check: registerCheck,
  diff: registerDiff,
  schema: registerSchema,
  values: registerValues,
  completion: registerCompletion,
};

/**
 * The program. Given the arguments, it sets up only the command they run: commander's objects for
 * every option of every command are about a millisecond of a cold start. Anything else (help,
 * --version, a misspelt command, `completion`, which lists them all) gets every command.
 */
export function buildProgram(io: Io, argv?: readonly string[]): Command {
  const program = new Command('ai-gateway-core')
    .description('Render and check the ai-gateway-core chart without helm, byte for byte as `helm template` does.')
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(run with --help for usage)');
  const first = argv?.[0];
  const only = first !== undefined && first !== 'completion' && Object.hasOwn(COMMANDS, first) ? first : undefined;
  for (const [name, register] of Object.entries(COMMANDS)) if (only === undefined || name === only) register(program, io);
  return program;
}

/** Runs the CLI and returns its exit code; never throws for expected errors. */
export async function run(argv: string[], io: Io): Promise<number> {
  // Whatever a failure prints names secrets by their path only: the values read by this run
  // teach the ledger what to hide (secrets.ts).
  const ledger = new SecretLedger();
  const quiet: Io = { ...io, stderr: (s) => io.stderr(ledger.redact(s)) };
  return withSecretLedger(ledger, () => runQuietly(argv, quiet));
}

async function runQuietly(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io, argv);
  for (const cmd of [program, ...program.commands]) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage mistakes exit 2 (commander already printed the message).
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof QuietExit) return err.exitCode;
    if (err instanceof AiGatewayCoreError) {
      io.stderr(`Error: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr(`Error: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`);
    if (argv.includes('--debug')) io.stderr(`${(err as Error)?.stack ?? ''}\n`);
    else io.stderr('This is a bug in ai-gateway-core; run again with --debug and report the output.\n');
    return 1;
  }
}

export async function main(): Promise<void> {
  const out: string[] = [];
  let code = await run(process.argv.slice(2), {
    stdout: (s) => out.push(s),
    stderr: writeStderr,
  });
  // stdout is written once, at the end: a command that fails has printed nothing before it threw,
  // so a pipe never receives half a manifest.
  if (out.length > 0) {
    try {
      writeStdout(out);
    } catch (err) {
      if (!(err instanceof OutputWriteError)) throw err;
      writeStderr(`Error: ${err.message}\n`);
      code = Math.max(code, err.exitCode);
    }
  }
  // Output that was not delivered is a failure, even when the only loss is a warning on stderr.
  if (code === 0 && stderrWasLost()) code = 2;
  process.exitCode = code;
}
