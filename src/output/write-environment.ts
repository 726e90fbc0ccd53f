/**
 * One environment of `render --each`, written with as few file system calls as the files need:
 * a folder that does not exist yet is claimed with one mkdir (which also says whether it existed:
 * no separate check), its subfolders are made once each, parents first, and each file is created
 * with O_EXCL and written whole: for the usual fleet, 3 mkdirs and open/write/close per file.
 *
 * Nothing half-written: the environment was rendered and checked completely in memory before
 * this runs, so only an I/O error (disk full, permissions) can stop it part way, and then the
 * folder it created is removed with what it put there. (A folder written under a temporary name
 * and renamed into place would also survive the process being killed mid-way, but costs a check
 * and a rename per environment, about a quarter more time in file system calls for a fleet; a
 * killed run is re-run, and --output-dir for one render gives no such promise either.)
 *
 * An existing folder goes through writeOutputDir, which checks and swaps each file so that it can
 * replace existing ones safely.
 *
 * Synchronous: in one tight loop the calls cost less than the same calls through libuv's thread
 * pool, whose hand-offs cost more than the calls themselves (it was a third of a fleet's time).
 */
import { mkdirSync } from 'node:fs';
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
  /** removes a directory this run created, with what it put there */
  removeDir(path: string): void;
}

export const nodeEnvironmentFs: EnvironmentFs = {
  mkdir: (path) => void mkdirSync(path),
  mkdirParents: (path) => void mkdirSync(path, { recursive: true }),
  writeNew: nodeFs.writeNew,
  removeDir: nodeFs.removeDir,
};

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function ioError(dir: string, err: unknown): AiGatewayCoreError {
  if (err instanceof AiGatewayCoreError) return err;
  return new AiGatewayCoreError(`cannot write to --output-dir ${dir}: ${(err as Error).message}; nothing was written for it`, 2);
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

/** Writes the plan into `dir`; on failure nothing of it is left (see the top of this file). */
export function writeEnvironment(plan: OutputDirPlan, dir: string, fs: EnvironmentFs = nodeEnvironmentFs): void {
  const root = resolve(dir);
  // Every path is checked before the first call: nothing is written outside the folder.
  const files: { path: string; rel: string; content: string }[] = [];
  for (const [path, content] of plan.files) {
    const rel = relative(root, resolve(path));
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new AiGatewayCoreError(`refusing to write ${path}: it is outside ${dir}`, 2);
    }
    files.push({ path: `${root}${sep}${rel}`, rel, content });
  }
  let created: boolean;
  try {
    created = claim(fs, root);
  } catch (err) {
    throw ioError(dir, err);
  }
  if (!created) {
    writeOutputDir(plan, dir);
    return;
  }
  try {
    const made = new Set<string>(['.']);
    for (const { rel } of files) {
      const missing: string[] = [];
      for (let f = dirname(rel); !made.has(f); f = dirname(f)) missing.push(f);
      for (let i = missing.length - 1; i >= 0; i--) {
        fs.mkdir(`${root}${sep}${missing[i]}`);
        made.add(missing[i]!);
      }
    }
    for (const { path, content } of files) fs.writeNew(path, content);
  } catch (err) {
    try {
      fs.removeDir(root);
    } catch {
      // the error that stopped the write is the one to report
    }
    throw ioError(dir, err);
  }
}
