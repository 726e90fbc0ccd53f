/**
 * The deployment as `check` sees it: two releases (the core chart and the models chart), each with
 * its merged values, where each value came from, and the objects it renders. Rules read objects,
 * not values, so they judge what the cluster will receive; they go back to the values only to say
 * which line to change.
 */
import type { Value, ValueMap } from '../values/types.js';
import { isMap } from '../values/types.js';
import type { Finding, FindingLocation, FindingSeverity } from '../validate/findings.js';
import type { Locator } from '../validate/locator.js';
import { keyPosition, parseValuesPath } from '../validate/locate.js';
import { formatPath } from '../values/source.js';

export type SideId = 'core' | 'models';

/** One rendered document, parsed. */
export interface RenderedObject {
  object: ValueMap;
  /** `<chart>/templates/<file>`, as helm prints it after `# Source:` */
  template: string;
}

export interface SystemSide {
  id: SideId;
  release: string;
  namespace: string;
  values: ValueMap;
  locator: Locator;
  objects: readonly RenderedObject[];
}

export interface System {
  core: SystemSide;
  models: SystemSide;
}

/** One check across the two releases. */
export type SystemRule = (system: System) => Finding[];

// --- reading objects ---------------------------------------------------------------------------

export function get(o: Value | undefined, ...path: (string | number)[]): Value | undefined {
  let v = o;
  for (const s of path) {
    if (typeof s === 'number') v = Array.isArray(v) ? v[s] : undefined;
    else v = isMap(v) ? v[s] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

export const str = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const list = (v: Value | undefined): Value[] => (Array.isArray(v) ? v : []);
export const num = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);

export const kindOf = (o: ValueMap): string => str(o['kind']) ?? '';
export const nameOf = (o: ValueMap): string => str(get(o, 'metadata', 'name')) ?? '';

/** Kinds the two charts render that have no namespace. */
const CLUSTER_SCOPED = new Set(['GatewayClass', 'ClusterIssuer']);

/** The namespace an object lands in: its own, or the release's (helm's `-n`); '' when cluster-scoped. */
export function namespaceOf(o: ValueMap, side: SystemSide): string {
  if (CLUSTER_SCOPED.has(kindOf(o))) return '';
  return str(get(o, 'metadata', 'namespace')) || side.namespace;
}

export function objectsOf(side: SystemSide, kind: string): ValueMap[] {
  return side.objects.filter((r) => kindOf(r.object) === kind).map((r) => r.object);
}

/** `Kind/namespace/name`, the way people look objects up with kubectl. */
export function describeObject(o: ValueMap, side: SystemSide): string {
  const ns = namespaceOf(o, side);
  return `${kindOf(o)} ${ns ? `${ns}/` : ''}${nameOf(o)}`;
}

// --- durations and sizes -----------------------------------------------------------------------

const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** Milliseconds of a Go or Gateway API duration (`1m30s`, `600s`); undefined when it is not one. */
export function durationMs(v: Value | undefined): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  if (v === '0') return 0;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let at = 0;
  for (let m = DURATION_PART.exec(v); m; m = DURATION_PART.exec(v)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    at = DURATION_PART.lastIndex;
  }
  return at === v.length ? total : undefined;
}

/** A duration people read at a glance: `90s`, `5m`, `1h`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${Math.ceil(ms)}ms`;
}

// --- findings ----------------------------------------------------------------------------------

export interface Place {
  side: SystemSide;
  /** values path of the setting; '' when the cause is the release itself (its namespace) */
  path: string;
  /** point at the key (for a map entry such as `models.gpt-4`) rather than its value */
  key?: boolean;
}

export interface SystemFindingInput {
  severity: FindingSeverity;
  /** `check/<rule>` */
  code: string;
  /** the setting that causes it */
  at: Place;
  /** the object the finding is about, and the field of it */
  object?: { o: ValueMap; field: string };
  message: string;
  expected?: string;
  suggestion: string;
  /** the other side of the problem */
  related?: (Place & { message: string })[];
}

/**
 * Where a setting is. One the user left at the chart's default (`gateway.sectionName` unset) is
 * pointed at in the user's own file when that file has an enclosing key (`gateway:`): that is
 * where it goes, and a line in the chart's values.yaml is not the user's to edit.
 */
export function locate(place: Place): FindingLocation | undefined {
  if (place.path === '') return undefined;
  const { locator } = place.side;
  const loc = locator.locate(place.path, { key: place.key === true });
  if (loc?.kind !== 'default') return loc;
  const segs = parseValuesPath(place.path);
  for (let n = segs.length - 1; n > 0; n -= 1) {
    const ancestor = formatPath(segs.slice(0, n));
    for (let i = locator.files.length - 1; i >= 0; i -= 1) {
      const f = locator.files[i]!;
      const pos = keyPosition(f.text, ancestor);
      if (pos) return { kind: 'file', file: f.name, ...pos };
    }
  }
  return loc;
}

export function systemFinding(input: SystemFindingInput): Finding {
  const f: Finding = {
    severity: input.severity,
    origin: 'system',
    code: input.code,
    path: input.at.path,
    message: input.message,
    suggestion: input.suggestion,
  };
  const location = locate(input.at);
  if (location) f.location = location;
  if (input.expected) f.expected = input.expected;
  if (input.object) {
    const o = input.object.o;
    f.rendered = { apiVersion: str(o['apiVersion']) ?? '', kind: kindOf(o), name: nameOf(o), field: input.object.field };
  }
  // A related place in the chart's own values.yaml says nothing the message does not: left out.
  const related = (input.related ?? []).flatMap((r) => {
    const loc = locate(r);
    return loc && loc.kind !== 'default' ? [{ location: loc, message: `${r.side.id} values, ${r.path}: ${r.message}` }] : [];
  });
  if (related.length > 0) f.related = related;
  return f;
}

/**
 * The values path behind a per-model setting: the model's own key when the user gave it a value,
 * else the chart-wide default it inherits (`models.gpt-4.timeout` or `defaults.timeout`). As in the
 * chart, an empty `timeout: ""` inherits, while under `retry` and `rateLimit` (merged key by key)
 * any value of the model's own wins, "" and null included.
 */
export function modelSetting(side: SystemSide, model: string, sub: string): string {
  const own = `models.${model}.${sub}`;
  const v = get(side.values, 'models', model, ...sub.split('.'));
  const inherits = v === undefined || (sub === 'timeout' && (v === null || v === ''));
  return !inherits && side.locator.sources.get(own) !== undefined ? own : `defaults.${sub}`;
}

export const quote = (s: string): string => JSON.stringify(s);

/** Names for a message: all of a few, the first of many (`a, b, c, d, e and 95 more`). */
export function nameList(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
