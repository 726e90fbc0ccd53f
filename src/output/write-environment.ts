/**
 * One environment of `render --each`, written with as few file system calls as the files need:
 * a folder that does not exist yet is claimed with one mkdir (which also says whether it existed:
 * no separate check), its subfolders are made once each, parents first, and each file is created
 * with O_EXCL and written whole: for the usual fleet, 3 mkdirs and open/write/close per file.
 *
 * Nothing half-written: the environment was rendered and checked completely in memory before
 * this runs, so only an I/O error (disk full, permissions) can stop it part way, and then what it
 * created is removed, file by file and folder by folder: never anything another run put there. (A folder written under a temporary name
 * and renamed into place would also survive the process being killed mid-way, but costs a check
 * and a rename per environment: 55 instead of 43 ms for 200 environments' folders and files in
 * a micro-benchmark. A killed run is re-run, and --output-dir for one render gives no such
 * promise either.)
 *
 * An existing folder goes through writeOutputDir, which checks and swaps each file so that it can
 * replace existing ones safely.
 *
 * Synchronous: in one tight loop the calls cost less than the same calls through libuv's thread
 * pool, whose hand-offs cost more than the calls themselves (it was a third of a fleet's time).
 */
import { mkdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { AiGatewayCoreError } from '../errors.js';
import { nodeFs, writeOutputDir, type OutputDirPlan } from './write-output-dir.js';

/** The file system calls writeEnvironment makes; tests replace one to make it fail at a given step. */
export interface EnvironmentFs {
  /** one directory, not its parents; throws EEXIST when it exists */
  mkdir(path: string): void;
  /** the parents of an environment folder, made once per fleet when missing */
  mkdirParents(path: string): void;
  /** creates a file that must not exist yet */
  writeNew(path: string, content: string): void;
  /** removes a file this run created */
  removeFile(path: string): void;
  /** removes a folder this run created; throws when something else is in it */
  removeEmptyDir(path: string): void;
}

export const nodeEnvironmentFs: EnvironmentFs = {
  mkdir: (path) => void mkdirSync(path),
  mkdirParents: (path) => void mkdirSync(path, { recursive: true }),
  writeNew: nodeFs.writeNew,
  removeFile: (path) => unlinkSync(path),
  removeEmptyDir: (path) => rmdirSync(path),
};

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** An I/O error that stopped an environment's writing, and whether all it wrote is gone again. */
class StoppedWriting extends Error {
  constructor(
    stoppedBy: unknown,
    readonly cleanedUp: boolean,
  ) {
    super((stoppedBy as Error)?.message ?? String(stoppedBy));
  }
}

/** The I/O error of one environment, as reported, saying whether anything of it is left on disk. */
function environmentWriteError(dir: string, err: unknown): AiGatewayCoreError {
  if (err instanceof AiGatewayCoreError) return err;
  const left = err instanceof StoppedWriting && !err.cleanedUp ? '; some of what was written for it could not be removed' : '; nothing was written for it';
  return new AiGatewayCoreError(`cannot write to --output-dir ${dir}: ${(err as Error).message}${left}`, 2);
}

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

/** Creates `root`; false when it exists already. Its parent is made when missing. */
function claim(fs: EnvironmentFs, root: string): boolean {
  try {
    fs.mkdir(root);
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    if (code(err) !== 'ENOENT') throw err;
  }
  fs.mkdirParents(dirname(root));
  try {
    fs.mkdir(root);
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Writes a new environment folder; false, having written nothing, when the folder exists. On an
 * I/O error, what this call created is removed (files, then folders, deepest first).
 */
function writeNewEnvironment(job: EnvironmentJob, fs: EnvironmentFs): boolean {
  if (!claim(fs, job.root)) return false;
  const folders = [job.root];
  const files: string[] = [];
  try {
    for (const folder of job.folders) {
      fs.mkdir(folder);
      folders.push(folder);
    }
    for (const [path, content] of job.files) {
      fs.writeNew(path, content);
      files.push(path);
    }
  } catch (err) {
    let cleanedUp = true;
    const undo = (step: () => void): void => {
      try {
        step();
      } catch {
        cleanedUp = false; // the error that stopped the write is still the one to report
      }
    };
    for (const path of files.reverse()) undo(() => fs.removeFile(path));
    for (const folder of folders.reverse()) undo(() => fs.removeEmptyDir(folder));
    throw new StoppedWriting(err, cleanedUp);
  }
  return true;
}

/** Writes the plan into `dir`; on failure nothing of it is left (see the top of this file). */
export function writeEnvironment(plan: OutputDirPlan, dir: string, fs: EnvironmentFs = nodeEnvironmentFs): void {
  const job = environmentJob(plan, dir);
  let written: boolean;
  try {
    written = writeNewEnvironment(job, fs);
  } catch (err) {
    throw environmentWriteError(dir, err);
  }
  if (!written) writeOutputDir(plan, dir);
}
