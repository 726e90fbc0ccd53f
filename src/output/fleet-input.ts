/**
 * `render --each`: which values files are the environments, and what each one is called.
 *
 * - a directory: its `*.yaml` and `*.yml` files (not its subdirectories); the name is the file name
 *   without the extension (`envs/prod.yaml` → `prod`);
 * - a glob (`envs/*.yaml`, `envs/*\/values.yaml`, `envs/**\/*.yaml`): the matching files; the name is
 *   the path below the glob's fixed leading directories, without the extension
 *   (`envs/eu/prod.yaml` matched by `envs/**\/*.yaml` → `eu/prod`);
 * - a single file: that file.
 *
 * `*`, `?` and `[…]` match within one path segment, as in Go's filepath.Match (--show-only uses the
 * same rules); `**` matches any number of directories; names starting with `.` only match a
 * pattern that starts with `.`.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { InputFileError, UsageError } from '../errors.js';
import { globMatch } from '../render/manifest.js';

export interface FleetEnvironment {
  /** the folder under --output-dir */
  name: string;
  /** the values file, as the user's path names it */
  file: string;
}

const VALUES_FILE = /\.ya?ml$/;
const GLOB_CHARS = /[*?[]/;

export function findEnvironments(spec: string): FleetEnvironment[] {
  const envs = GLOB_CHARS.test(spec) ? fromGlob(spec) : fromPath(spec);
  if (envs.length === 0) throw new InputFileError(`--each ${spec} matches no values files (*.yaml or *.yml)`);
  const byName = new Map<string, string>();
  for (const env of envs) {
    const other = byName.get(env.name);
    if (other !== undefined) throw new UsageError(`--each: ${other} and ${env.file} would both be written to the folder ${env.name}; rename one`);
    byName.set(env.name, env.file);
  }
  return envs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function kindOf(path: string): 'dir' | 'file' | undefined {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

function fromPath(spec: string): FleetEnvironment[] {
  const kind = kindOf(spec);
  if (kind === 'file') return [{ name: stripExtension(baseName(spec)), file: spec }];
  if (kind !== 'dir') throw new InputFileError(`--each ${spec} is neither a directory, a values file nor a glob that matches files`);
  return listDir(spec)
    .filter((e) => VALUES_FILE.test(e.name) && !e.name.startsWith('.') && kindOf(joinPath(spec, e.name)) === 'file')
    .map((e) => ({ name: stripExtension(e.name), file: joinPath(spec, e.name) }));
}

function fromGlob(spec: string): FleetEnvironment[] {
  const segments = spec.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  const baseSegments = segments.slice(0, firstGlob);
  const base = baseSegments.length === 0 ? '' : baseSegments.join('/') || '/';
  const out: FleetEnvironment[] = [];
  const walk = (dir: string, rel: string[], rest: string[]): void => {
    const [pattern, ...tail] = rest;
    if (pattern === undefined) return;
    if (pattern === '**') {
      walk(dir, rel, tail); // zero directories
      for (const e of listDir(dir || '.')) {
        if (!e.name.startsWith('.') && kindOf(joinPath(dir, e.name)) === 'dir') walk(joinPath(dir, e.name), [...rel, e.name], rest);
      }
      return;
    }
    for (const e of listDir(dir || '.')) {
      if (e.name.startsWith('.') && !pattern.startsWith('.')) continue;
      if (!globMatch(pattern, e.name)) continue;
      const path = joinPath(dir, e.name);
      const kind = kindOf(path);
      if (tail.length === 0 && kind === 'file' && VALUES_FILE.test(e.name)) out.push({ name: stripExtension([...rel, e.name].join('/')), file: path });
      else if (tail.length > 0 && kind === 'dir') walk(path, [...rel, e.name], tail);
    }
  };
  walk(base, [], segments.slice(firstGlob));
  // `**` can reach one file along several routes.
  return [...new Map(out.map((e) => [e.file, e])).values()];
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new InputFileError(`--each: cannot list ${dir}: ${(err as Error).message}`);
  }
}

function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function stripExtension(name: string): string {
  return name.replace(VALUES_FILE, '');
}
