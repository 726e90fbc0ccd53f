/**
 * `--output-dir`, as helm writes it: one file per template under <dir>/<chart>/templates/,
 * documents of one template appended to its file, one `wrote <path>` line per document.
 *
 * Unlike helm, it is all or nothing, even if the process is killed at any instant: everything is
 * rendered and every path checked before the first write; the folder that holds the files (the
 * templates folder, or the topmost folder that does not exist yet) is written whole under a
 * staging name beside it and renamed into place (staging.ts). Files of the old folder that this
 * render does not write (a README someone put there) are hard-linked into the new one, so the
 * result is what helm leaves: the new files and the foreign ones. Concurrent runs each swap in a
 * complete folder; the last one wins, never a blend. Nothing is written outside the directory: a
 * path, or a symbolic link on the way to it, that leads out is refused before anything is written.
 */
import { closeSync, copyFileSync, constants, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, realpathSync, renameSync, rmdirSync, symlinkSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve, relative, isAbsolute, sep } from 'node:path';
import { AiGatewayCoreError } from '../errors.js';
import type { Manifest } from '../render/manifest.js';
import { describeIoError, ioErrorCode } from './io-errors.js';
import { stagingName, sweepLeftovers } from './staging.js';

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

/** The file system calls the writers make; tests replace one to make it fail at a given step. */
export interface OutputFs {
  /** one folder, not its parents; throws EEXIST when it exists */
  mkdir(path: string): void;
  /** a folder and its missing parents; returns the topmost one it made */
  mkdirParents(path: string): string | undefined;
  /** creates a file that must not exist yet, with all of its content */
  writeNew(path: string, content: string): void;
  rename(from: string, to: string): void;
  /** gives a file of the previous folder a second name in the new one */
  link(from: string, to: string): void;
  /** removes a folder this run made, with everything in it */
  removeTree(path: string): void;
}

export const nodeFs: OutputFs = {
  mkdir: (path) => void mkdirSync(path),
  mkdirParents: (path) => mkdirSync(path, { recursive: true }),
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
  link(from, to) {
    try {
      linkSync(from, to);
    } catch (err) {
      // No hard links here (some network and FAT file systems): a copy keeps the content.
      if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
      else if (ioErrorCode(err) !== 'EEXIST') copyFileSync(from, to, constants.COPYFILE_EXCL);
      else throw err;
    }
  },
  removeTree,
};

/** rm -r in the fewest calls: fs.rmSync checks and retries each entry, several calls per file. */
function removeTree(path: string): void {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (err) {
    const code = ioErrorCode(err);
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') return unlinkSync(path);
    throw err;
  }
  for (const entry of entries) {
    const child = `${path}${sep}${entry.name}`;
    if (entry.isDirectory()) removeTree(child);
    else unlinkSync(child);
  }
  rmdirSync(path);
}

/** The rename failed because the name is taken: by a folder with content, or by something else. */
export function nameTaken(err: unknown): boolean {
  const code = ioErrorCode(err);
  return code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'ENOTDIR';
}

/** The deepest folder that holds every target. */
function commonFolder(targets: string[]): string {
  let common = dirname(targets[0]!);
  for (const t of targets) while (!isInside(common, t)) common = dirname(common);
  return common;
}

/** The topmost folder on the way down to `folder` that does not exist (helm makes missing parents too). */
function topmostMissing(folder: string): string | undefined {
  let missing: string | undefined;
  for (let f = folder; ; f = dirname(f)) {
    if (lstatOrUndefined(f)) return missing;
    missing = f;
    if (f === dirname(f)) return missing;
  }
}

/** Writes `files` ([path relative to `unit`, content]) into a new folder `stage`. */
function build(fs: OutputFs, stage: string, files: [string, string][]): void {
  fs.mkdir(stage);
  const made = new Set<string>(['.']);
  for (const [rel, content] of files) {
    const missing: string[] = [];
    for (let f = dirname(rel); !made.has(f); f = dirname(f)) missing.push(f);
    for (let i = missing.length - 1; i >= 0; i--) {
      fs.mkdir(join(stage, missing[i]!));
      made.add(missing[i]!);
    }
    fs.writeNew(join(stage, rel), content);
  }
}

/** Gives everything of `from` that the new folder does not replace a name in `to` (the staged folder). */
function linkForeign(fs: OutputFs, from: string, to: string, planned: Set<string>, rel = ''): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.agc-')) continue;
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (planned.has(path)) continue;
    if (entry.isDirectory()) {
      if (!lstatOrUndefined(join(to, path))) fs.mkdir(join(to, path));
      linkForeign(fs, join(from, entry.name), to, planned, path);
    } else if (!lstatOrUndefined(join(to, path))) {
      fs.link(join(from, entry.name), join(to, path));
    }
  }
}

/**
 * Puts the staged folder in the place of `target`: the old one (if any) is moved aside, the new
 * one renamed in, the old one removed. When another run puts its folder in between, it is moved
 * aside as well and ours goes in: the last writer wins with a complete folder. Returns the
 * folders moved aside, for the caller to remove.
 */
function swapIn(fs: OutputFs, staged: string, target: string): string[] {
  const parent = dirname(target);
  const name = basename(target);
  const aside: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const old = join(parent, stagingName('old', name));
    let moved = false;
    try {
      fs.rename(target, old);
      moved = true;
      aside.push(old);
    } catch (err) {
      if (ioErrorCode(err) !== 'ENOENT') throw new Aside(err, aside);
    }
    try {
      fs.rename(staged, target);
      return aside;
    } catch (err) {
      if (nameTaken(err) && attempt < 50) continue;
      if (moved) {
        try {
          fs.rename(old, target);
          aside.pop();
        } catch {
          // the sweep of the next run puts it back (its owner is gone by then)
        }
      }
      throw new Aside(err, aside);
    }
  }
}

/** A failure of swapIn, carrying what it had moved aside so far (other runs' folders). */
class Aside extends Error {
  constructor(
    readonly stoppedBy: unknown,
    readonly aside: string[],
  ) {
    super((stoppedBy as Error)?.message ?? String(stoppedBy));
  }
}

/**
 * Writes the plan into `dir`, all or nothing (see the top of this file). `prebuilt`, when given,
 * is a private folder that already holds the files of the plan's folder (render --each wrote it
 * before it found the environment's folder taken): it is swapped in instead of a new copy.
 */
export function writeOutputDir(plan: OutputDirPlan, dir: string, fs: OutputFs = nodeFs, prebuilt?: string): void {
  // Another run writing the same folder can move a folder away between two of this run's steps
  // (its swap renames the old folder aside, then its own in). Each attempt is all or nothing, so
  // an attempt that found a path gone is simply made again.
  for (let tries = 1; ; tries++) {
    try {
      return writeOutputDirOnce(plan, dir, fs, prebuilt);
    } catch (err) {
      if (!(err instanceof VanishedError) || tries >= 5) throw err instanceof VanishedError ? err.reported : err;
    }
  }
}

/** An attempt that failed because a path vanished under it (ENOENT), with the error it would report. */
class VanishedError extends Error {
  constructor(readonly reported: AiGatewayCoreError) {
    super(reported.message);
  }
}

function writeOutputDirOnce(plan: OutputDirPlan, dir: string, fs: OutputFs, prebuilt?: string): void {
  const root = resolve(dir);
  const files = [...plan.files].map(([path, content]) => ({ target: resolve(path), content }));
  if (files.length === 0) return;
  const targets = files.map((f) => f.target);
  const created: string[] = [];
  const stages: string[] = [];
  let aside: string[] = [];
  try {
    for (const target of targets) if (target === root || !isInside(root, target)) throw refuse(`${target} is outside ${root}`);
    const realRoot = lstatOrUndefined(root) ? realpathSync(root) : undefined;
    if (realRoot !== undefined && !lstatSync(realRoot).isDirectory()) throw refuse(`${root} is a file where a directory is needed`);
    const unit = commonFolder(targets);
    checkFolder(root, realRoot, unit);
    for (const target of targets) checkFile(target);
    const relToUnit = (target: string) => relative(unit, target).split(sep).join('/');

    const missing = topmostMissing(unit);
    if (missing) {
      // Nothing of it exists: write it all beside its topmost missing folder and rename that in.
      const parent = dirname(missing);
      const first = fs.mkdirParents(parent);
      if (first) created.push(first);
      checkFolder(root, realRoot ?? (lstatOrUndefined(root) ? realpathSync(root) : undefined), parent.length < root.length ? root : parent);
      sweepLeftovers(parent);
      const stage = join(parent, stagingName('tmp', basename(missing)));
      stages.push(stage);
      const below = relative(missing, unit).split(sep).join('/');
      build(fs, stage, files.map(({ target, content }) => [below === '' ? relToUnit(target) : `${below}/${relToUnit(target)}`, content]));
      try {
        fs.rename(stage, missing);
        stages.pop();
        return;
      } catch (err) {
        if (!nameTaken(err)) throw err;
        // Another run made it in the meantime: replace its files as below.
        fs.removeTree(stages.pop()!);
      }
    }
    // The folder exists: stage a new one beside it (beside the real one, if it is a link inside root).
    checkFolder(root, realRoot ?? realpathSync(root), unit);
    const realUnit = lstatOrUndefined(unit)?.isSymbolicLink() ? realpathSync(unit) : unit;
    const parent = dirname(realUnit);
    sweepLeftovers(parent);
    const stage = prebuilt ?? join(parent, stagingName('tmp', basename(realUnit)));
    stages.push(stage);
    if (!prebuilt) build(fs, stage, files.map(({ target, content }) => [relToUnit(target), content]));
    if (lstatOrUndefined(realUnit)?.isDirectory()) linkForeign(fs, realUnit, stage, new Set(files.map((f) => relToUnit(f.target))));
    aside = swapIn(fs, stage, realUnit);
    stages.pop();
  } catch (err) {
    const cause = err instanceof Aside ? err.stoppedBy : err;
    if (err instanceof Aside) aside = err.aside;
    const cleaned = undo(fs, stages, created);
    for (const old of aside) attempt(() => fs.removeTree(old));
    if (cause instanceof AiGatewayCoreError) throw cause;
    const left = cleaned ? 'nothing was changed' : `nothing was changed, but ${stages.join(', ')} could not be removed (the next run removes it)`;
    const reported = new AiGatewayCoreError(`cannot write to --output-dir ${dir}: ${describeIoError(cause)}; ${left}`, 2);
    // A prebuilt folder is the caller's: after a failed attempt it may be gone, so no second one.
    if (ioErrorCode(cause) === 'ENOENT' && cleaned && prebuilt === undefined) throw new VanishedError(reported);
    throw reported;
  }
  for (const old of aside) attempt(() => fs.removeTree(old));
}

/** Runs a clean-up step; false when it failed (the failure that led here is the one reported). */
function attempt(step: () => void): boolean {
  try {
    step();
    return true;
  } catch {
    return false;
  }
}

/** Removes the staging folders and the folders this run created. */
function undo(fs: OutputFs, stages: string[], created: string[]): boolean {
  let ok = true;
  for (const stage of stages) ok = attempt(() => fs.removeTree(stage)) && ok;
  for (const top of created.reverse()) ok = attempt(() => fs.removeTree(top)) && ok;
  return ok;
}
