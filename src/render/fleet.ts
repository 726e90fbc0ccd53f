/**
 * Many environments in one process: each environment is the shared options plus its own values
 * file, applied last (as `helm template … -f common.yaml -f envs/prod.yaml` would). An environment
 * that fails is reported and skipped; the others render as if it were not there. One process does
 * what otherwise takes a shell loop of helm calls, so the start-up is paid once.
 */
import { AiGatewayCoreError } from '../errors.js';
import type { FleetEnvironment } from '../output/fleet-input.js';
import { render, type RenderOptions, type RenderResult, type ValuesFile } from './render.js';

export type FleetOutcome =
  | { env: FleetEnvironment; ok: true; result: RenderResult }
  | { env: FleetEnvironment; ok: false; error: unknown };

/**
 * Renders the environments one by one, yielding each outcome as soon as it is known, so a caller
 * can write it out before the next one renders. Never throws for one environment's failure.
 */
export function* renderFleet(envs: FleetEnvironment[], shared: RenderOptions, readValues: (env: FleetEnvironment) => ValuesFile): Generator<FleetOutcome> {
  for (const env of envs) {
    try {
      const own = readValues(env);
      const result = render({ ...shared, valuesFiles: [...(shared.valuesFiles ?? []), own] });
      yield { env, ok: true, result };
    } catch (error) {
      yield { env, ok: false, error };
    }
  }
}

/** Some environments failed; each was reported with its file as it happened. */
export class FleetFailedError extends AiGatewayCoreError {
  constructor(failed: FleetEnvironment[], total: number, exitCode: number) {
    super(`${failed.length} of ${total} environments failed: ${failed.map((e) => e.file).join(', ')}`, exitCode);
  }
}
