// `ai-gateway-core render --each <dir|glob> --output-dir OUT`: one folder per environment, each
// exactly what `helm template … -f <shared -f files> -f <env file> --output-dir OUT/<env>` writes.
import { dirname } from 'node:path';
import { AiGatewayCoreError, UsageError } from '../../errors.js';
import { findEnvironments, type FleetEnvironment } from '../../output/fleet-input.js';
import { readTextFile } from '../../output/read-input.js';
import { writeEnvironment } from '../../output/write-environment.js';
import { sweepLeftovers } from '../../output/staging.js';
import { InterruptedError, watchInterrupts } from '../interrupts.js';
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
  const readValues = (env: FleetEnvironment) => ({ name: env.file, text: readTextFile(env.file) });
  // What killed runs left beside the environment folders (staging.ts), once per parent folder.
  for (const parent of new Set(envs.map((env) => dirname(`${opts.outputDir}/${env.name}`)))) sweepLeftovers(parent);
  const interrupts = watchInterrupts();
  let written = 0;
  try {
    // One environment at a time, rendered completely before its files are written: memory holds
    // one environment's output, and a failure is known before anything of it is on disk.
    for (const outcome of renderFleet(envs, shared, readValues)) {
      // A signal is handled here, between two environments, never in the middle of one.
      const signal = await interrupts.checkpoint();
      if (signal) {
        throw new InterruptedError(signal, `${written} of ${envs.length} environments were written, each complete; the others were not touched. Run again to write them all`);
      }
      if (!outcome.ok) {
        report(outcome.env, outcome.error);
        continue;
      }
      const { env, result } = outcome;
      for (const w of result.warnings) io.stderr(`warning: ${env.file}: ${w}\n`);
      const dir = `${opts.outputDir}/${env.name}`;
      const plan = planOutputDir(dir, result.manifests);
      try {
        writeEnvironment(plan, dir);
      } catch (err) {
        report(env, err);
        continue;
      }
      written++;
      // helm's `wrote <path>` lines; the CLI gathers standard output and writes it once, at the end.
      io.stdout(plan.log);
    }
  } finally {
    interrupts.stop();
  }
  if (failed.length > 0) throw new FleetFailedError(failed, envs.length, exitCode);
}
