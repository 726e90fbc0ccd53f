/**
 * What every upgrade check sees: the old and new objects (normalized), which of them were added,
 * removed or changed, and a way to point a finding at the values line (or manifest line) behind a
 * field.
 */
import type { Finding, FindingLocation } from '../../validate/findings.js';
import type { Locator } from '../../validate/locator.js';
import { renderedToValues } from '../../validate/manifest-map.js';
import { fieldPosition } from '../../validate/locate.js';
import type { ValueMap } from '../../values/types.js';
import { isPlainObject } from '../../crd/schema.js';
import type { KubeObject, Obj } from '../objects.js';

export interface SideTrace {
  values: ValueMap;
  locator: Locator;
}

export interface DiffSide {
  objects: Map<string, KubeObject>;
  /** set when the side was rendered from values */
  trace?: SideTrace;
}

export interface CheckContext {
  old: DiffSide;
  new: DiffSide;
  /** old and new state of objects in both sides, by key */
  pairs: [KubeObject, KubeObject][];
  added: KubeObject[];
  removed: KubeObject[];
}

export type Check = (ctx: CheckContext) => Finding[];

export type Segs = (string | number)[];

/**
 * The values path and location behind a field of an object on one side. `hints` are values paths
 * to use when the rendered field has no mapping (the models chart's `models.<name>`): the first
 * the values hold is taken.
 */
export function pointAt(side: DiffSide, o: KubeObject, segs: Segs, hints: readonly string[] = []): { path: string; location: FindingLocation } {
  if (o.origin.kind === 'file') {
    const hit = fieldPosition(o.origin.text, o.origin.docIndex, [...o.origin.prefix, ...segs]);
    return { path: '', location: { kind: 'file', file: o.origin.file, line: hit?.pos.line ?? 1, col: hit?.pos.col ?? 1 } };
  }
  if (side.trace) {
    const mapped = renderedToValues(o.kind, segs, side.trace.values);
    const trace = side.trace;
    const path = mapped ?? hints.find((h) => trace.locator.sources.get(h) !== undefined);
    if (path !== undefined) {
      // A hinted path names a whole entry (a model): point at its key.
      const location = side.trace.locator.locate(path, { key: mapped === undefined });
      if (location) return { path, location };
      return { path, location: { kind: 'rendered', template: o.origin.template } };
    }
  }
  return { path: '', location: { kind: 'rendered', template: o.origin.template } };
}

/** A warning about an object, pointing at the field of the side that causes it (the new one, unless it is gone). */
export function upgradeWarning(ctx: CheckContext, o: { old?: KubeObject; new?: KubeObject }, segs: Segs, code: string, message: string, suggestion: string, hints: readonly string[] = []): Finding {
  const [side, obj] = o.new ? [ctx.new, o.new] : [ctx.old, o.old!];
  const at = pointAt(side, obj, segs, hints);
  return {
    severity: 'warning',
    origin: 'upgrade',
    code: `upgrade/${code}`,
    path: at.path,
    message,
    suggestion,
    location: at.location,
    rendered: { apiVersion: String(obj.object['apiVersion'] ?? ''), kind: obj.kind, name: obj.name, field: fieldString(segs) },
  };
}

export function fieldString(segs: Segs): string {
  let out = '';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

export function get(o: unknown, segs: Segs): unknown {
  let v = o;
  for (const s of segs) {
    if (typeof s === 'number') v = Array.isArray(v) ? v[s] : undefined;
    else v = isPlainObject(v) ? v[s] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

export function list(o: unknown, segs: Segs): Obj[] {
  const v = get(o, segs);
  return Array.isArray(v) ? v.filter(isPlainObject) : [];
}

export const ns = (o: KubeObject) => (o.namespace ? `${o.namespace}/${o.name}` : o.name);

/** Objects of one kind on a side. */
export function ofKind(side: DiffSide, kind: string): KubeObject[] {
  return [...side.objects.values()].filter((o) => o.kind === kind);
}

/** Gateway and renamed-Gateway pairs: same object in both sides, or a removed and an added one of the kind. */
export function pairsOfKind(ctx: CheckContext, kind: string): [KubeObject, KubeObject][] {
  const same = ctx.pairs.filter(([a]) => a.kind === kind);
  const removed = ctx.removed.filter((o) => o.kind === kind);
  const added = ctx.added.filter((o) => o.kind === kind);
  const renamed = removed.slice(0, added.length).map((o, i) => [o, added[i]!] as [KubeObject, KubeObject]);
  return [...same, ...renamed];
}

export function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** The path of the first field where two values differ (for pointing at what changed). */
export function firstDifference(a: unknown, b: unknown, segs: Segs = []): Segs {
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k in b ? firstDifference(a[k], b[k], [...segs, k]) : segs;
    }
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return firstDifference(a[i], b[i], [...segs, i]);
  }
  return segs;
}
