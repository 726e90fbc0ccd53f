/**
 * The `ai-gateway-core` command: a thin layer over the library. It parses flags, reads files,
 * calls the library, and turns every expected failure into one clear message and an exit code.
 */
import { Command, CommanderError, Option } from 'commander';
import { AiGatewayCoreError } from '../errors.js';
import { render, mergeValues, validateMerged } from '../render/render.js';
import { readValuesFiles } from '../output/read-input.js';
import { planOutputDir, writeOutputDir } from '../output/write-output-dir.js';
import { TemplateNotFoundError } from '../errors.js';
import { chartMeta } from '../generated/assets.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface ValueFlagOptions {
  values?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setFile?: string[];
  setLiteral?: string[];
  debug?: boolean;
}

function addValueFlags(cmd: Command): Command {
  return cmd
    .option('-f, --values <file>', 'values file (repeatable; later files win; - reads standard input)', collect)
    .option('--set <key=value>', 'set values (repeatable; key.sub=v,list[0]=v; types inferred as helm does)', collect)
    .option('--set-string <key=value>', 'set values, always as strings (repeatable)', collect)
    .option('--set-json <key=json>', 'set values from JSON (repeatable)', collect)
    .option('--set-file <key=path>', "set a value to a file's contents (repeatable)", collect)
    .option('--set-literal <key=value>', 'set one value verbatim, commas and all (repeatable)', collect)
    .option('--debug', 'print stack traces of unexpected errors');
}

function valueInputs(opts: ValueFlagOptions) {
  return {
    valuesFiles: readValuesFiles(opts.values ?? []),
    set: opts.set,
    setString: opts.setString,
    setJson: opts.setJson,
    setFile: opts.setFile,
    setLiteral: opts.setLiteral,
  };
}

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

function printWarnings(io: Io, warnings: string[]): void {
  for (const w of warnings) io.stderr(`warning: ${w}\n`);
}

export function buildProgram(io: Io): Command {
  const program = new Command('ai-gateway-core')
    .description('Render and check the ai-gateway-core chart without helm, byte for byte as `helm template` does.')
    .version(chartMeta.version)
    .showHelpAfterError('(run with --help for usage)');

  addValueFlags(
    program
      .command('render')
      .description('Print the chart\'s manifests, exactly as `helm template RELEASE_NAME chart/` would.')
      .argument('[RELEASE_NAME]', 'release name (helm\'s default: release-name)')
      .option('-n, --namespace <namespace>', 'namespace of the namespaced objects', 'default')
      .option('-s, --show-only <template>', 'only print the documents of this template, e.g. templates/gateway.yaml (repeatable; globs)', collect)
      .option('--output-dir <dir>', 'write each template to <dir>/ai-gateway-core/templates/ instead of stdout'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core render | kubectl apply -f -
  $ ai-gateway-core render prod -n ai-gateway -f values.yaml -f values-prod.yaml
  $ ai-gateway-core render --set envoyProxy.enabled=false --set-string clientTrafficPolicy.tls.minVersion=1.2
  $ ai-gateway-core render -s templates/gateway.yaml
  $ ai-gateway-core render -f values.yaml --output-dir out/`,
    )
    .action((releaseName: string | undefined, opts: ValueFlagOptions & { namespace: string; showOnly?: string[]; outputDir?: string }) => {
      const result = render({ ...valueInputs(opts), releaseName, namespace: opts.namespace, showOnly: opts.outputDir ? undefined : opts.showOnly });
      printWarnings(io, result.warnings);
      if (opts.outputDir !== undefined) {
        // helm writes the files, then finds nothing left to show for --show-only.
        if (opts.showOnly?.length) throw new TemplateNotFoundError(opts.showOnly[0]);
        const plan = planOutputDir(opts.outputDir, result.manifests);
        writeOutputDir(plan, opts.outputDir);
        io.stdout(plan.log);
        return;
      }
      io.stdout(result.text);
    });

  addValueFlags(
    program
      .command('validate')
      .description('Check values against the chart\'s schema without rendering anything to stdout.'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ ai-gateway-core validate -f values.yaml
  $ ai-gateway-core validate -f values.yaml --set gateway.listeners[0].port=8080`,
    )
    .action((opts: ValueFlagOptions) => {
      const merged = mergeValues(valueInputs(opts));
      printWarnings(io, merged.warnings);
      validateMerged(merged);
      io.stdout('values are valid\n');
    });
  return program;
}

/** Runs the CLI and returns its exit code; never throws for expected errors. */
export async function run(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  program.exitOverride();
  program.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const cmd of program.commands) {
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
    if (err instanceof AiGatewayCoreError) {
      io.stderr(`Error: ${err.message}\n`);
      return err.exitCode;
    }
    const debug = argv.includes('--debug');
    io.stderr(`Error: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`);
    if (debug) io.stderr(`${(err as Error)?.stack ?? ''}\n`);
    else io.stderr('This is a bug in ai-gateway-core; run again with --debug and report the output.\n');
    return 1;
  }
}

export async function main(): Promise<void> {
  const out: string[] = [];
  const code = await run(process.argv.slice(2), {
    stdout: (s) => out.push(s),
    stderr: (s) => process.stderr.write(s),
  });
  // stdout is written once, at the end, so a failure never leaves half a manifest in a pipe.
  if (code === 0 && out.length > 0) process.stdout.write(out.join(''));
  process.exitCode = code;
}
