/**
 * A chart's values.yaml as scripts/build-defaults.mjs read it at build time. Used only when the
 * file read now has exactly the text the build read, so an edited values.yaml is simply parsed again.
 */
import type { PrebuiltDefaults } from '../charts/chart.js';
import type { ParsedValues } from './parse-yaml.js';
import type { SourceMap } from './source.js';

export function prebuiltDefaults(prebuilt: PrebuiltDefaults, text: string, file: string): ParsedValues | undefined {
  if (text !== prebuilt.text) return undefined;
  const sources: SourceMap = new Map();
  for (const [path, line, col] of prebuilt.sources) sources.set(path, { kind: 'default', file, line, col });
  return { values: prebuilt.values(), sources, duplicates: structuredClone(prebuilt.duplicates) as ParsedValues['duplicates'] };
}
