/**
 * One environment of `render --each`. The environment was rendered and checked completely in
 * memory; its folder is then written whole under a staging name beside it (staging.ts) and renamed
 * into place: for the usual fleet, 4 mkdirs, open/write/close per file and one rename. So a
 * folder with the environment's name is complete, whatever instant the process dies at (SIGKILL,
 * an OOM kill, a CI timeout): the next step never commits or applies half an environment. The
 * staging folder of a dead run is removed by the next run (sweepLeftovers, once per parent
 * folder of the fleet).
 *
 * When the folder exists already, writeOutputDir replaces its templates folder, checked and
 * swapped the same way (and when another run makes it between the check and the rename, the
 * rename fails without touching it and the staged templates folder goes that way).
 *
 * Synchronous: in one tight loop the calls cost less than the same calls through libuv's thread
 * pool, whose hand-offs cost more than the calls themselves (it was a third of a fleet's time).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { AiGatewayCoreError } from '../errors.js';
import { describeIoError, ioErrorCode } from './io-errors.js';
import { stagingName } from './staging.js';
import { nameTaken, nodeFs, writeOutputDir, type OutputDirPlan, type OutputFs } from './write-output-dir.js';

/** What writing one new environment folder takes, every path checked and made absolute. */
interface EnvironmentJob {
  root: string;
  /** the folders to make inside root, parents first */
  folders: string[];
  /** [path, content] */
  files: [string, string][];
}

/**
 * `path` relative to `dir` when it is plainly below it (`dir/a/b`, no `.`, `..` or empty segment:
 * what planOutputDir makes), without path.resolve's work; undefined otherwise.
 */
function plainlyBelow(dir: string, path: string): string | undefined {
  if (path.length <= dir.length + 1 || !path.startsWith(dir) || path[dir.length] !== '/') return undefined;
  const rel = path.slice(dir.length + 1);
  for (const part of rel.split('/')) if (part === '' || part === '.' || part === '..') return undefined;
  return rel;
}

/** Pure: checks that every path of the plan is inside `dir` (or throws) and lists the calls to make. */
export function environmentJob(plan: OutputDirPlan, dir: string): EnvironmentJob {
  const root = resolve(dir);
  const files: [string, string][] = [];
  const folders: string[] = [];
  const made = new Set<string>(['.']);
  for (const [path, content] of plan.files) {
    let rel = sep === '/' ? plainlyBelow(dir, path) : undefined;
    if (rel === undefined) {
      rel = relative(root, resolve(path));
      if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        throw new AiGatewayCoreError(`refusing to write ${path}: it is outside ${dir}`, 2);
      }
    }
    const missing: string[] = [];
    for (let f = dirname(rel); !made.has(f); f = dirname(f)) missing.push(f);
    for (let i = missing.length - 1; i >= 0; i--) {
      folders.push(`${root}${sep}${missing[i]}`);
      made.add(missing[i]!);
    }
    files.push([`${root}${sep}${rel}`, content]);
  }
  return { root, folders, files };
}

/**
 * Writes the plan into `dir` (see the top of this file); on an I/O error nothing of this
 * environment is left under its name, and the staging folder is removed.
 */
export function writeEnvironment(plan: OutputDirPlan, dir: string, fs: OutputFs = nodeFs): void {
  const job = environmentJob(plan, dir);
  // A folder that exists is replaced in place of its templates folder: staging the whole
  // environment first would make (and remove) two folders more per environment.
  if (existsSync(job.root)) return writeOutputDir(plan, dir, fs);
  const parent = dirname(job.root);
  const stage = `${parent}${sep}${stagingName('tmp', basename(job.root))}`;
  const staged = (path: string) => stage + path.slice(job.root.length);
  try {
    try {
      fs.mkdir(stage);
    } catch (err) {
      if (ioErrorCode(err) !== 'ENOENT') throw err;
      fs.mkdirParents(parent);
      fs.mkdir(stage);
    }
    for (const folder of job.folders) fs.mkdir(staged(folder));
    for (const [path, content] of job.files) fs.writeNew(staged(path), content);
    fs.rename(stage, job.root);
    return;
  } catch (err) {
    if (!nameTaken(err)) throw failed(fs, dir, stage, err);
  }
  // The folder exists (or a file or link stands there): writeOutputDir checks it and swaps the
  // staged templates folder in.
  try {
    const files = job.files.map(([path]) => path);
    const unit = files.reduce((common, f) => (f.startsWith(`${common}${sep}`) ? common : dirname(f)), dirname(files[0]!));
    writeOutputDir(plan, dir, fs, files.every((f) => f.startsWith(`${unit}${sep}`)) ? staged(unit) : undefined);
  } finally {
    try {
      fs.removeTree(stage);
    } catch {
      // the next run's sweep removes it
    }
  }
}

/** The error of a new environment folder that could not be written; its staging folder is removed. */
function failed(fs: OutputFs, dir: string, stage: string, err: unknown): AiGatewayCoreError {
  let removed = true;
  try {
    fs.removeTree(stage);
  } catch {
    removed = false;
  }
  const left = removed ? 'nothing was written for it' : `nothing was written for it, but ${stage} could not be removed (the next run removes it)`;
  return new AiGatewayCoreError(`cannot write to --output-dir ${dir}: ${describeIoError(err)}; ${left}`, 2);
}
