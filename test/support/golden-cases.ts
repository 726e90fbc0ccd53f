// The golden cases (test/golden/cases.json) and how to turn their arguments into CLI or helm calls.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helm.js';

export interface GoldenCase {
  name: string;
  /** `[RELEASE_NAME] flags…`, with file arguments relative to test/golden/values */
  args: string[];
}

export const GOLDEN_DIR = join(ROOT, 'test', 'golden');
export const VALUES_DIR = join(GOLDEN_DIR, 'values');
export const CHART_DIR = join(ROOT, 'chart');

export const goldenCases: GoldenCase[] = JSON.parse(readFileSync(join(GOLDEN_DIR, 'cases.json'), 'utf8'));

export function expectedOutput(name: string): string {
  return readFileSync(join(GOLDEN_DIR, 'expected', `${name}.yaml`), 'utf8');
}

const FILE_FLAGS = new Set(['-f', '--values']);

/** Makes `-f x.yaml` absolute, so the case runs from any working directory. */
export function absoluteArgs(args: string[]): string[] {
  return args.map((arg, i) => (i > 0 && FILE_FLAGS.has(args[i - 1]) && arg !== '-' ? join(VALUES_DIR, arg) : arg));
}

/** The same case as a `helm template` argument list. */
export function helmTemplateArgs(args: string[]): string[] {
  const abs = absoluteArgs(args);
  const [first, ...rest] = abs;
  if (first !== undefined && !first.startsWith('-')) return ['template', first, CHART_DIR, ...rest];
  return ['template', CHART_DIR, ...abs];
}
