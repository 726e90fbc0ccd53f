// The models chart's golden cases (test/golden/models/cases.json), its failing cases
// (failing.json, with both helms' stderr as `npm run goldens -- --chart models` recorded it), and
// how to run them with helm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type HelmMajor } from './helm.js';

export interface ModelsCase {
  name: string;
  /** `[RELEASE_NAME] flags…`, with file arguments relative to test/golden/models/values */
  args: string[];
}

export interface FailingCase extends ModelsCase {
  stderr: Record<HelmMajor, string>;
}

export const MODELS_CHART_DIR = join(ROOT, 'charts', 'models');
export const MODELS_GOLDEN_DIR = join(ROOT, 'test', 'golden', 'models');
export const MODELS_VALUES_DIR = join(MODELS_GOLDEN_DIR, 'values');

export const modelsCases: ModelsCase[] = JSON.parse(readFileSync(join(MODELS_GOLDEN_DIR, 'cases.json'), 'utf8'));
export const failingCases: FailingCase[] = JSON.parse(readFileSync(join(MODELS_GOLDEN_DIR, 'failing.json'), 'utf8'));

export function modelsExpected(name: string): string {
  return readFileSync(join(MODELS_GOLDEN_DIR, 'expected', `${name}.yaml`), 'utf8');
}

const FILE_FLAGS = new Set(['-f', '--values']);

/** The case's arguments with absolute values files, so it runs from any working directory. */
export function modelsAbsoluteArgs(args: string[]): string[] {
  return args.map((arg, i) => (i > 0 && FILE_FLAGS.has(args[i - 1]) && arg !== '-' ? join(MODELS_VALUES_DIR, arg) : arg));
}

/** The case as a `helm template` argument list, with absolute values files. */
export function modelsHelmArgs(args: string[], chartDir = MODELS_CHART_DIR): string[] {
  const abs = modelsAbsoluteArgs(args);
  const [first, ...rest] = abs;
  if (first !== undefined && !first.startsWith('-')) return ['template', first, chartDir, ...rest];
  return ['template', chartDir, ...abs];
}
