// `ai-gateway-core render --each <dir|glob> --output-dir OUT`: one folder per environment, each
// exactly what `helm template … -f <shared -f files> -f <env file> --output-dir OUT/<env>` writes.
import { AiGatewayCoreError, UsageError } from '../../errors.js';
import { findEnvironments, type FleetEnvironment } from '../../output/fleet-input.js';
import { readTextFile } from '../../output/read-input.js';
import { writeEnvironment } from '../../output/write-environment.js';
import { planOutputDir } from '../../output/write-output-dir.js';
import { FleetFailedError, renderFleet } from '../../render/fleet.js';
import type { RenderOptions } from '../../render/render.js';
import type { Io } from '../shared.js';

export interface RenderEachFlags {
  each: string;
  outputDir?: string;
  showOnly?: string[];
  output?: string;
  crds?: string[];
  values?: string[];
  debug?: boolean;
}

/** How many environments may be writing their files while the next ones render. */
const WRITES_IN_FLIGHT = 8;

/** `sharedOptions` reads the shared -f files; it is called once the flags are known to fit. */
export async function renderEach(io: Io, opts: RenderEachFlags, sharedOptions: () => RenderOptions): Promise<void> {
  if (opts.outputDir === undefined) throw new UsageError('--each writes one folder per environment: add --output-dir DIR');
  if (opts.showOnly?.length) throw new UsageError('--each writes every template of every environment: drop --show-only');
  if (opts.output === 'json') throw new UsageError('--each writes YAML files under --output-dir: drop -o json');
  if (opts.crds?.length) throw new UsageError('--each does not check against --crds yet: run validate --crds per environment');
  if (opts.values?.includes('-')) throw new UsageError('--each cannot read shared values from standard input (-f -): give a file');
  const envs = findEnvironments(opts.each);
  const shared = sharedOptions();
  const failed: FleetEnvironment[] = [];
  let exitCode = 1;
  const report = (env: FleetEnvironment, err: unknown): void => {
    failed.push(env);
    const where = `environment ${env.name} (${env.file})`;
    if (err instanceof AiGatewayCoreError) {
      io.stderr(`Error: ${where}: ${err.message}\n`);
      exitCode = Math.max(exitCode, err.exitCode);
    } else {
      io.stderr(`Error: ${where}: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`);
      if (opts.debug) io.stderr(`${(err as Error)?.stack ?? ''}\n`);
    }
  };
  // Each environment's messages and log, printed in environment order whatever order writes end in.
  const results: Promise<() => void>[] = [];
  let flushed = 0;
  const flush = async (upTo: number): Promise<void> => {
    for (; flushed < upTo; flushed++) (await results[flushed]!)();
  };
  const readValues = (env: FleetEnvironment) => ({ name: env.file, text: readTextFile(env.file) });
  for (const outcome of renderFleet(envs, shared, readValues)) {
    if (!outcome.ok) {
      results.push(Promise.resolve(() => report(outcome.env, outcome.error)));
    } else {
      const { env, result } = outcome;
      const dir = `${opts.outputDir}/${env.name}`;
      const plan = planOutputDir(dir, result.manifests);
      const warn = () => {
        for (const w of result.warnings) io.stderr(`warning: ${env.file}: ${w}\n`);
      };
      results.push(
        writeEnvironment(plan, dir).then(
          () => () => (warn(), io.stdout(plan.log)),
          (err: unknown) => () => (warn(), report(env, err)),
        ),
      );
    }
    if (results.length - flushed > WRITES_IN_FLIGHT) await flush(results.length - WRITES_IN_FLIGHT);
  }
  await flush(results.length);
  if (failed.length > 0) throw new FleetFailedError(failed, envs.length, exitCode);
}
