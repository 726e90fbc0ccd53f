/**
 * `--output-dir`, as helm writes it: one file per template under <dir>/<chart>/templates/,
 * documents of one template appended to its file, one `wrote <path>` line per document.
 *
 * Unlike helm, it is all or nothing: everything is rendered and every path checked before the
 * first write; the files are written under temporary names and then swapped in, and a failure at
 * any step puts back what was there before (the previous files, no new directories, no
 * temporary files). Nothing is written outside the directory: a path, or a symbolic link on the
 * way to it, that leads out is refused before anything is written.
 */
import { closeSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve, relative, isAbsolute, sep } from 'node:path';
import { AiGatewayCoreError } from '../errors.js';
import type { Manifest } from '../render/manifest.js';

export interface OutputDirPlan {
  /** file path → full content */
  files: Map<string, string>;
  /** what helm prints on stdout */
  log: string;
}

/** Pure: what would be written where. `source` is `<chart>/templates/<file>`. */
export function planOutputDir(dir: string, manifests: Manifest[]): OutputDirPlan {
  const files = new Map<string, string>();
  let log = '';
  for (const m of manifests) {
    const path = `${dir}/${m.source}`;
    files.set(path, (files.get(path) ?? '') + `---\n# Source: ${m.source}\n${m.content}\n`);
    log += `wrote ${path}\n`;
  }
  return { files, log: log + '\n' };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function refuse(reason: string): AiGatewayCoreError {
  return new AiGatewayCoreError(`refusing to write --output-dir: ${reason}`, 2);
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/**
 * Checks a folder before anything is written into it: it lies inside `root`, and every existing
 * directory on the way that is a symbolic link resolves inside `root`. `realRoot` is where `root`
 * itself resolves (it may be a link the user chose).
 */
function checkFolder(root: string, realRoot: string | undefined, folder: string): void {
  if (!isInside(root, folder)) throw refuse(`${folder} is outside ${root}`);
  let current = root;
  for (const part of relative(root, folder).split(sep).filter(Boolean)) {
    current = join(current, part);
    const stat = lstatOrUndefined(current);
    if (!stat) return; // the rest is created by us
    if (stat.isSymbolicLink()) {
      const real = realpathSync(current);
      if (!realRoot || !isInside(realRoot, real)) throw refuse(`${current} is a symbolic link to ${real}, outside ${root}`);
    } else if (!stat.isDirectory()) {
      throw refuse(`${current} is a file where a directory is needed`);
    }
  }
}

/** A file is replaced, never written through: a link or a directory in its place is refused. */
function checkFile(target: string): void {
  const stat = lstatOrUndefined(target);
  if (stat?.isSymbolicLink()) throw refuse(`${target} is a symbolic link`);
  if (stat?.isDirectory()) throw refuse(`${target} is a directory`);
}

/** The file system calls the writer makes; tests replace one to make it fail at a given step. */
export interface OutputFs {
  mkdir(path: string): string | undefined;
  writeNew(path: string, content: string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  /** removes a directory this run created, with what it put there */
  removeDir(path: string): void;
}

export const nodeFs: OutputFs = {
  mkdir: (path) => mkdirSync(path, { recursive: true }),
  writeNew(path, content) {
    // O_EXCL: a name that exists (even a planted link) is never followed or overwritten.
    const fd = openSync(path, 'wx', 0o644);
    try {
      const bytes = Buffer.from(content, 'utf8');
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off);
    } finally {
      closeSync(fd);
    }
  },
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { force: true }),
  removeDir: (path) => rmSync(path, { recursive: true, force: true }),
};

/** Writes the plan into `dir`, all or nothing (see the top of this file). */
export function writeOutputDir(plan: OutputDirPlan, dir: string, fs: OutputFs = nodeFs): void {
  const root = resolve(dir);
  const files = [...plan.files].map(([path, content]) => ({ target: resolve(path), content }));
  const targets = files.map((f) => f.target);
  const createdDirs: string[] = [];
  const temps: string[] = [];
  /** target → its previous content, moved aside; undefined when the target is new */
  const swapped: [string, string | undefined][] = [];
  const tag = `.${process.pid}.${Date.now().toString(36)}`;
  try {
    const realRoot = lstatOrUndefined(root) ? realpathSync(root) : undefined;
    // Every template lands in the same folder: check and create each folder once, not per file.
    const folders = [...new Set(targets.map((t) => dirname(t)))];
    for (const target of targets) if (target === root || !isInside(root, target)) throw refuse(`${target} is outside ${root}`);
    for (const folder of folders) checkFolder(root, realRoot, folder);
    for (const target of targets) checkFile(target);
    for (const folder of folders) {
      const first = fs.mkdir(folder);
      if (first) createdDirs.push(first);
      // mkdir followed the path checked above; check it again now that it exists.
      checkFolder(root, realRoot ?? realpathSync(root), folder);
    }
    files.forEach(({ target, content }, i) => {
      const temp = `${dirname(target)}${sep}.${i}${tag}.tmp`;
      fs.writeNew(temp, content);
      temps.push(temp);
    });
    targets.forEach((target, i) => {
      const previous = lstatOrUndefined(target) ? `${dirname(target)}${sep}.${i}${tag}.old` : undefined;
      if (previous) fs.rename(target, previous);
      swapped.push([target, previous]);
      fs.rename(temps[i]!, target);
      temps[i] = '';
    });
  } catch (err) {
    rollBack(fs, swapped, temps, createdDirs);
    if (err instanceof AiGatewayCoreError) throw err;
    throw new AiGatewayCoreError(`cannot write to --output-dir ${dir}: ${(err as Error).message}; nothing was changed`, 2);
  }
  for (const [, previous] of swapped) if (previous) fs.remove(previous);
}

/** Puts every target back as it was and removes what this run created. Best effort: it runs after a failure. */
function rollBack(fs: OutputFs, swapped: [string, string | undefined][], temps: string[], createdDirs: string[]): void {
  const attempt = (step: () => void): void => {
    try {
      step();
    } catch {
      // keep undoing the rest
    }
  };
  for (const [target, previous] of swapped.reverse()) {
    attempt(() => (previous ? fs.rename(previous, target) : fs.remove(target)));
  }
  for (const temp of temps) if (temp) attempt(() => fs.remove(temp));
  // Directories were created top-down, each call returning its topmost new directory.
  for (const top of createdDirs.reverse()) attempt(() => fs.removeDir(top));
}
