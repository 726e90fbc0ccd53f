/**
 * Where a value came from, so later stages (schema validation, template errors) can point the user
 * at the exact line of a values file or the exact `--set*` flag that produced a value.
 */
import { isMap, type Value, type ValueMap } from './types.js';

export type SetFlag = '--set' | '--set-string' | '--set-json' | '--set-file' | '--set-literal';

export type Source =
  | { kind: 'file'; file: string; line: number; col: number } // 1-based
  | { kind: 'flag'; flag: SetFlag; arg: string }
  | { kind: 'default'; file: string; line: number; col: number };

/** values path like `gateway.listeners[0].port` (keys containing `.`/`[` are written `["a.b"]`) */
export type SourceMap = Map<string, Source>;

// A key needs the bracketed, JSON-quoted form when the plain form would be ambiguous to read back.
const NEEDS_QUOTING = /[.[\]"\\]|^$/;

/** Appends one segment to an already formatted path. */
export function appendPath(path: string, segment: string | number): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  if (NEEDS_QUOTING.test(segment)) return `${path}[${JSON.stringify(segment)}]`;
  return path === '' ? segment : `${path}.${segment}`;
}

export function formatPath(segments: (string | number)[]): string {
  let path = '';
  for (const segment of segments) path = appendPath(path, segment);
  return path;
}

/** Every path (containers and leaves, the root as `''`) that exists in `values`. */
export function collectPaths(values: ValueMap): Set<string> {
  const paths = new Set<string>(['']);
  const walk = (value: Value, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const child = appendPath(path, i);
        paths.add(child);
        walk(item, child);
      });
    } else if (isMap(value)) {
      for (const key of Object.keys(value)) {
        const child = appendPath(path, key);
        paths.add(child);
        walk(value[key]!, child);
      }
    }
  };
  walk(values, '');
  return paths;
}

/**
 * Drops the entries whose path no longer exists in `values`.
 *
 * Sources are recorded by overwriting, in the same order the values were written, so an entry that
 * survives for an existing path always belongs to the writer of its current value; only entries
 * for paths that a later writer removed or replaced with a smaller value can be stale.
 */
export function pruneSources(sources: SourceMap, values: ValueMap): SourceMap {
  const live = collectPaths(values);
  for (const path of [...sources.keys()]) {
    if (!live.has(path)) sources.delete(path);
  }
  return sources;
}

/** Layers several source maps (later wins) and keeps only the paths present in `values`. */
export function layerSources(layers: SourceMap[], values: ValueMap): SourceMap {
  const out: SourceMap = new Map();
  for (const layer of layers) for (const [path, source] of layer) out.set(path, source);
  return pruneSources(out, values);
}

export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'file':
    case 'default':
      return `${source.file}:${source.line}:${source.col}`;
    case 'flag':
      return `${source.flag} ${source.arg}`;
  }
}
