/**
 * Where the package's own files are. Both src/ (tests) and dist/ (the built package) sit one level
 * below the package root, so the same relative paths work for both.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// import.meta.dirname needs no URL to be made (a cold start's ~0.5 ms): Node gives it from 20.11,
// and the CommonJS bundle reads __dirname for it (dist/, passed by bin/). Older Node 20s use the URL.
const moduleDir = (): string => import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));

export function packageFile(...parts: string[]): string {
  return join(moduleDir(), '..', ...parts);
}

/** A chart's values.yaml and values.schema.json, from the folders its definition names. */
export const chartValuesPath = (chart: { dir: string }): string => packageFile(chart.dir, 'values.yaml');
export const schemaPath = (chart: { schemaFile: string }): string => packageFile(chart.schemaFile);
