/**
 * Putting the values together the way helm does:
 *
 * 1. `-f` files are deep-merged left to right (helm's MergeMaps);
 * 2. the set flags are applied into that map in helm's fixed order, whatever their order on the
 *    command line: --set-json < --set < --set-string < --set-file < --set-literal;
 * 3. the result is coalesced over the chart's defaults (helm's CoalesceValues).
 */
import { formatFloatG } from '../go/strconv.js';
import {
  parseSetFileInto,
  parseSetInto,
  parseSetJsonInto,
  parseSetLiteralInto,
  parseSetStringInto,
  newSetBudget,
  type FileReader,
} from './set-parser.js';
import { ValuesBudget } from './limits.js';
import { noteSecrets } from './secrets.js';
import { layerSources, pruneSources, type SourceMap } from './source.js';
import { withLazySources } from './lazy-sources.js';
import { isMap, newMap, type Value, type ValueMap } from './types.js';

/** A deep copy that keeps maps null-prototype. */
export function cloneValue<T extends Value>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (isMap(value)) {
    const out = newMap();
    for (const key of Object.keys(value)) out[key] = cloneValue(value[key]!);
    return out as T;
  }
  return value;
}

// Called through .call: V8 optimises Object.prototype.hasOwnProperty well in hot loops.
const hasOwn = Object.prototype.hasOwnProperty;

/** A shallow copy of a map, prototype-free like it. */
function copyMap(map: ValueMap): ValueMap {
  const out = newMap();
  for (const key of Object.keys(map)) out[key] = map[key]!;
  return out;
}

/** helm's MergeMaps: maps merge deeply; lists, scalars and null from `over` replace. */
function mergeMaps(base: ValueMap, over: ValueMap): ValueMap {
  const out = copyMap(base);
  for (const key of Object.keys(over)) {
    const o = over[key]!;
    const b = out[key];
    out[key] = isMap(o) && b !== undefined && isMap(b) ? mergeMaps(b, o) : o;
  }
  return out;
}

/** The `-f` files merged left to right. The inputs are not modified or shared with the result. */
export function mergeUserValues(layers: ValueMap[]): ValueMap {
  let out = newMap();
  for (const layer of layers) out = mergeMaps(out, cloneValue(layer));
  return out;
}

export interface UserValuesInput {
  /** parsed `-f` files in command-line order (their `sources` are optional) */
  files: { values: ValueMap; sources?: SourceMap }[];
  setJson: string[];
  set: string[];
  setString: string[];
  setFile: string[];
  setLiteral: string[];
  /**
   * The files were charged to the run's ValuesBudget as they were read (readValuesGuarded). Files
   * merged without flags make values no larger and no deeper than the files together, so they are
   * then not measured again (on a 500-model catalog, a second walk of every value).
   */
  filesCharged?: boolean;
}

/**
 * Everything the user supplied, merged as helm's `values.Options.MergeValues` does. Throws
 * SetSyntaxError for a bad flag; `readFile` reads `--set-file` paths (and may throw).
 */
export function buildUserValues(input: UserValuesInput, readFile: FileReader): { values: ValueMap; sources: SourceMap } {
  const flags = input.setJson.length + input.set.length + input.setString.length + input.setFile.length + input.setLiteral.length;
  // The flags write into the values, so they get a copy; without flags the files' maps are shared.
  const layers = input.files.map((f) => f.values);
  const values = flags > 0 ? mergeUserValues(layers) : layers.reduce(mergeMaps, newMap());
  const fileSources = (): SourceMap => {
    const layered: SourceMap = new Map();
    for (const f of input.files) for (const [path, source] of f.sources ?? []) layered.set(path, source);
    return layered;
  };
  // The flags read and write sources as they go; without flags, nobody needs them unless asked.
  const sources = flags > 0 ? fileSources() : undefined;
  // One budget for the list items all flags may create.
  const options = { budget: newSetBudget() };
  try {
    for (const arg of input.setJson) parseSetJsonInto(arg, values, sources!, options);
    for (const arg of input.set) parseSetInto(arg, values, sources!, options);
    for (const arg of input.setString) parseSetStringInto(arg, values, sources!, options);
    for (const arg of input.setFile) parseSetFileInto(arg, values, readFile, sources!, options);
    for (const arg of input.setLiteral) parseSetLiteralInto(arg, values, sources!, options);
  } finally {
    // Also when a flag fails: its error message may quote values set before it.
    noteSecrets(values);
  }
  // Everything after this (coalescing, the schema, the templates) recurses.
  if (flags > 0 || !input.filesCharged) new ValuesBudget().charge(values, 'the values of the -f files and --set flags');
  return withLazySources({ values }, () => pruneSources(sources ?? fileSources(), values));
}

export interface CoalesceOptions {
  /** the chart's name, which helm puts in front of the paths in its warnings */
  chartName?: string;
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

/**
 * helm's CoalesceValues for the top-level chart: user values over the chart defaults.
 *
 * - maps merge deeply; lists and scalars from the user replace the default;
 * - a user null deletes the key when the chart has a non-null default there;
 * - a user null for a key the chart lacks stays an explicit null;
 * - where both the user and the chart say null: at the top level the key is deleted (helm 3 and 4);
 *   nested, helm 4 keeps the null while helm 3 deletes it. We follow helm 4.
 *
 * The warnings are helm's texts (helm 3 prefixes them with `coalesce.go:NNN: `, helm 4 logs them
 * as `level=INFO msg="…"`). Neither input is modified: chart defaults are reused across renders.
 * New maps are made only where both sides have a map; everything else is shared with the inputs
 * (copying both trees in full was most of a render's merge time), so the result must not be
 * modified either.
 */
export function coalesceValues(defaults: ValueMap, user: ValueMap, options: CoalesceOptions = {}): { values: ValueMap; warnings: string[] } {
  const warnings: string[] = [];
  const v = copyMap(user);
  const subPrefix = concatPrefix('', options.chartName ?? '');
  for (const key of Object.keys(defaults)) {
    const val = defaults[key]!;
    if (!hasOwn.call(user, key)) {
      v[key] = val;
      continue;
    }
    const value = user[key]!;
    if (value === null) {
      delete v[key];
    } else if (isMap(value)) {
      if (!isMap(val)) {
        if (val !== null) warnings.push(`warning: skipped value for ${concatPrefix(subPrefix, key)}: Not a table.`);
      } else {
        v[key] = coalesceTables(value, val, concatPrefix(subPrefix, key), warnings);
      }
    }
    // A user list or scalar simply wins, even over a default map (helm says nothing at this level).
  }
  return { values: v, warnings };
}

/**
 * helm 4's coalesceTablesFullKey: `dst` (the user's) wins over `src` (the chart's), as a new map.
 * helm first copies the user's nulls into its copy of the defaults; those keys then change
 * nothing, so they are not visited here.
 */
function coalesceTables(dst: ValueMap, src: ValueMap, prefix: string, warnings: string[]): ValueMap {
  const out = copyMap(dst);
  for (const key of Object.keys(src)) {
    const val = src[key]!;
    if (!hasOwn.call(dst, key)) {
      out[key] = val;
      continue;
    }
    const dv = dst[key]!;
    // The full key is spelled out only where it is used: most keys are neither maps nor warned about.
    if (dv === null) {
      if (val !== null) delete out[key]; // the user nulls out a chart default
    } else if (isMap(val)) {
      if (isMap(dv)) out[key] = coalesceTables(dv, val, concatPrefix(prefix, key), warnings);
      else warnings.push(`warning: cannot overwrite table with non table for ${concatPrefix(prefix, key)} (${goSprintV(val)})`);
    } else if (isMap(dv) && val !== null) {
      warnings.push(`warning: destination for ${concatPrefix(prefix, key)} is a table. Ignoring non-table value (${goSprintV(val)})`);
    }
  }
  return out;
}

/**
 * Sources for the coalesced values: a path keeps the user's source when the user supplied it, the
 * chart default's otherwise; paths that no longer exist are dropped.
 */
export function coalesceSources(defaultSources: SourceMap, userSources: SourceMap, values: ValueMap): SourceMap {
  return layerSources([defaultSources, userSources], values);
}

// Go sorts map keys by their UTF-8 bytes when printing; compare by code points to get the same order.
function compareGoStrings(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** Go's `%v` of a value held in interface{} (values from a values file: numbers are float64). */
export function goSprintV(value: Value): string {
  if (value === null) return '<nil>';
  if (typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'string') return String(value);
  if (typeof value === 'number') return formatFloatG(value);
  if (Array.isArray(value)) return `[${value.map(goSprintV).join(' ')}]`;
  const keys = Object.keys(value).sort(compareGoStrings);
  return `map[${keys.map((k) => `${k}:${goSprintV(value[k]!)}`).join(' ')}]`;
}
