// Test support for the values stage: asks the real helm binaries what `.Values` ends up as, with
// Go types, so our reading/merging/coalescing can be compared value for value and type for type.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runHelm, type HelmMajor } from '../support/helm.js';
import { appendPath, type SourceMap } from '../../src/values/source.js';
import { isMap, newMap, type Value, type ValueMap } from '../../src/values/types.js';

/** Walks a value and prints every node as JSON with its Go type (kindOf/typeOf/toJson). */
const WALK = `{{- define "walk" -}}
{{- $k := kindOf .v -}}
{{- if eq $k "map" -}}
{{- print "{\\"m\\":{" -}}
{{- range $i, $key := keys .v | sortAlpha -}}{{ if $i }},{{ end }}{{ toJson $key }}:{{ include "walk" (dict "v" (index $.v $key)) }}{{- end -}}
{{- print "}}" -}}
{{- else if eq $k "slice" -}}
{{- print "{\\"l\\":[" -}}
{{- range $i, $e := .v -}}{{ if $i }},{{ end }}{{ include "walk" (dict "v" $e) }}{{- end -}}
{{- print "]}" -}}
{{- else -}}
{"t":{{ typeOf .v | toJson }},"j":{{ toJson .v | toJson }}}
{{- end -}}
{{- end -}}
`;

/** The template that prints `.Values`. */
export const VALUES_TEMPLATE = `${WALK}dump: {{ include "walk" (dict "v" .Values) | b64enc }}\n`;

/** A template that prints fromYaml of every file under cases/ (how helm reads one YAML document). */
export const FROM_YAML_TEMPLATE = `${WALK}{{- range $path, $_ := .Files.Glob "cases/*" }}
{{ base $path }}: {{ include "walk" (dict "v" (fromYaml ($.Files.Get $path))) | b64enc }}
{{- end }}
`;

const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every chart and file this module created (call from afterAll). */
export function removeTemp(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a scratch chart named `x` and returns its directory. */
export function makeChart(files: Record<string, string>, template = VALUES_TEMPLATE): string {
  const dir = tempDir('values-chart-');
  const all: Record<string, string> = {
    'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 0.1.0\n',
    'values.yaml': '',
    'templates/dump.yaml': template,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function writeTemp(name: string, text: string | Buffer): string {
  const dir = tempDir('values-file-');
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

type Dump = { m: Record<string, Dump> } | { l: Dump[] } | { t: string; j: string };

/** A value as helm holds it, in our model, plus the paths whose numbers are Go int64. */
export interface TypedValues {
  value: Value;
  int64Paths: Set<string>;
}

function fromDump(d: Dump, path: string, int64Paths: Set<string>): Value {
  if ('m' in d) {
    const out = newMap();
    for (const [k, v] of Object.entries(d.m)) out[k] = fromDump(v, appendPath(path, k), int64Paths);
    return out;
  }
  if ('l' in d) return d.l.map((v, i) => fromDump(v, appendPath(path, i), int64Paths));
  switch (d.t) {
    case '<nil>':
      return null;
    case 'bool':
      return d.j === 'true';
    case 'string':
      return JSON.parse(d.j) as string;
    case 'float64':
      return Number(d.j);
    case 'int64': {
      int64Paths.add(path);
      const n = BigInt(d.j);
      return Number.isSafeInteger(Number(n)) ? Number(n) : n;
    }
    default:
      throw new Error(`unexpected Go type ${d.t} at ${path}`);
  }
}

export function decodeDump(b64: string): TypedValues {
  const int64Paths = new Set<string>();
  const value = fromDump(JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as Dump, '', int64Paths);
  return { value, int64Paths };
}

export type HelmValues = { ok: true; values: TypedValues; stderr: string } | { ok: false; error: string };

/** `helm template` on a chart using VALUES_TEMPLATE; returns the final `.Values` or helm's error. */
export async function helmValues(major: HelmMajor, chart: string, args: string[]): Promise<HelmValues> {
  const r = await runHelm(major, ['template', chart, ...args]);
  if (r.code !== 0) return { ok: false, error: r.stderr.replace(/\n$/, '') };
  const line = r.stdout.split('\n').find((l) => l.startsWith('dump: '));
  if (!line) throw new Error(`no dump in helm output:\n${r.stdout}\n${r.stderr}`);
  return { ok: true, values: decodeDump(line.slice('dump: '.length)), stderr: r.stderr };
}

/** `helm template` on a chart using FROM_YAML_TEMPLATE: fromYaml of each cases/<name>. */
export async function helmFromYaml(major: HelmMajor, chart: string): Promise<Map<string, TypedValues>> {
  const r = await runHelm(major, ['template', chart]);
  if (r.code !== 0) throw new Error(`helm ${major} failed: ${r.stderr}`);
  const out = new Map<string, TypedValues>();
  for (const line of r.stdout.split('\n')) {
    const m = /^(\S+): (\S+)$/.exec(line);
    if (m && m[1] !== '#') out.set(m[1]!, decodeDump(m[2]!));
  }
  return out;
}

/** Paths of our values that helm would hold as int64: bigints, and numbers set by `--set`. */
export function ourInt64Paths(values: ValueMap, sources: SourceMap): Set<string> {
  const out = new Set<string>();
  const walk = (v: Value, path: string): void => {
    if (typeof v === 'bigint') out.add(path);
    else if (typeof v === 'number') {
      const s = sources.get(path);
      if (s?.kind === 'flag' && s.flag === '--set') out.add(path);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, appendPath(path, i)));
    else if (isMap(v)) for (const k of Object.keys(v)) walk(v[k]!, appendPath(path, k));
  };
  walk(values, '');
  return out;
}

/** Runs `tasks` with at most `limit` running at once. */
export async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** JSON with sorted keys, bigints as `123n` and -0 kept: equal text means equal values. */
export function canonical(v: Value): string {
  const walk = (x: Value): string => {
    if (typeof x === 'bigint') return `"${x}n"`;
    if (typeof x === 'number') return Object.is(x, -0) ? '-0' : JSON.stringify(x);
    if (Array.isArray(x)) return `[${x.map(walk).join(',')}]`;
    if (isMap(x)) return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${walk(x[k]!)}`).join(',')}}`;
    return JSON.stringify(x);
  };
  return walk(v);
}

/** Plain-object form of a value for readable assertion diffs (bigints as tagged strings). */
export function plain(v: Value): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return v.map(plain);
  if (isMap(v)) return Object.fromEntries(Object.keys(v).map((k) => [k, plain(v[k]!)]));
  return v;
}
