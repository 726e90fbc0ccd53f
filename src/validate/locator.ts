/**
 * From a values path to the place that set it: the line and column in a values file (the key's
 * own line for a key that should not be there), the `--set` flag, or the chart's default.
 */
import type { SourceMap } from '../values/source.js';
import type { Value, ValueMap } from '../values/types.js';
import type { FindingLocation } from './findings.js';
import { keyPosition, parseValuesPath, rawScalar } from './locate.js';
import { appendPath } from '../values/source.js';

export interface UserFile {
  name: string;
  text: string;
}

export class Locator {
  constructor(
    readonly sources: SourceMap,
    /** the `-f` files in command-line order */
    readonly files: readonly UserFile[],
    /** the merged values, for checks that look at a neighbour */
    readonly values?: ValueMap,
  ) {}

  valueAt(path: (string | number)[]): Value | undefined {
    let v: Value | undefined = this.values;
    for (const s of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = Array.isArray(v) ? v[s as number] : (v as ValueMap)[s as string];
    }
    return v;
  }

  private textOf(name: string): string | undefined {
    for (let i = this.files.length - 1; i >= 0; i -= 1) if (this.files[i]!.name === name) return this.files[i]!.text;
    return undefined;
  }

  /**
   * Where `path` was set. `key: true` points at the key rather than the value (unknown keys,
   * duplicate keys). A path with no source of its own (a missing key, a key deleted with null)
   * is looked up in the files as written, then falls back to its nearest ancestor.
   */
  locate(path: string, options: { key?: boolean } = {}): FindingLocation | undefined {
    const src = this.sources.get(path);
    if (src) {
      if (src.kind === 'flag') return { kind: 'flag', flag: src.flag, arg: src.arg };
      if (options.key && src.kind === 'file') {
        const text = this.textOf(src.file);
        const pos = text !== undefined ? keyPosition(text, path) : undefined;
        if (pos) return { kind: 'file', file: src.file, ...pos };
      }
      return { kind: src.kind, file: src.file, line: src.line, col: src.col };
    }
    // Written in a file but not in the merged values (set to null, or replaced by a later layer).
    for (let i = this.files.length - 1; i >= 0; i -= 1) {
      const f = this.files[i]!;
      const pos = path === '' ? undefined : keyPosition(f.text, path);
      if (pos) return { kind: 'file', file: f.name, ...pos };
    }
    const segs = parseValuesPath(path);
    if (segs.length === 0) return undefined;
    let parent = '';
    for (const s of segs.slice(0, -1)) parent = appendPath(parent, s);
    return this.locate(parent, { key: true });
  }

  /** The scalar exactly as the user typed it (`1.0`, `0777`), when it came from a file. */
  raw(path: string): string | undefined {
    const src = this.sources.get(path);
    if (!src || src.kind !== 'file') return undefined;
    const text = this.textOf(src.file);
    return text === undefined ? undefined : rawScalar(text, src);
  }

  /** True when a user (a file or a flag), not the chart's defaults, set this path. */
  userSet(path: string): boolean {
    const src = this.sources.get(path);
    return src !== undefined && src.kind !== 'default';
  }
}
