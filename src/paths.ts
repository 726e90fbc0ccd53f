/**
 * Where the package's own files are. Both src/ (tests) and dist/ (the built package) sit one level
 * below the package root, so the same relative paths work for both.
 */
import { fileURLToPath } from 'node:url';

export function packageFile(...parts: string[]): string {
  return fileURLToPath(new URL(`../${parts.join('/')}`, import.meta.url));
}

export const chartValuesPath = (): string => packageFile('chart', 'values.yaml');
export const schemaPath = (): string => packageFile('schema', 'values.schema.json');
