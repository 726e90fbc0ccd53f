/**
 * One environment of `render --each`: a folder that does not exist yet is written whole under a
 * temporary name next to it and renamed into place in one step, so it appears complete or not at
 * all. That is a third of the file system calls of writeOutputDir, which checks and swaps each
 * file so that it can replace existing ones safely; an existing folder still goes that way.
 *
 * Asynchronous, so that the next environment renders while this one's files are written: with
 * hundreds of environments, creating files takes as long as rendering them.
 */
// node:fs/promises is read through fs.promises: importing it directly loads it (and the readline
// internals it needs) at start-up for every command, not only for --each.
import * as fs from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { AiGatewayCoreError } from '../errors.js';
import { writeOutputDir, type OutputDirPlan } from './write-output-dir.js';

// fs's callback functions rather than fs.promises: its FileHandle per file (open, write, close,
// each a promise) was a tenth of a fleet's main-thread time.
function call<T>(fn: (done: (err: NodeJS.ErrnoException | null, result?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result as T))));
}

async function exists(path: string): Promise<boolean> {
  try {
    await call((done) => fs.lstat(path, done));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** `folder` and the folders between it and `base` (which exists), parents first, one mkdir each. */
async function makeFolders(base: string, folders: Iterable<string>): Promise<void> {
  const made = new Set<string>([base]);
  for (const folder of folders) {
    const missing: string[] = [];
    for (let f = folder; !made.has(f); f = dirname(f)) missing.push(f);
    for (const f of missing.reverse()) {
      await call((done) => fs.mkdir(f, done));
      made.add(f);
    }
  }
}

export async function writeEnvironment(plan: OutputDirPlan, dir: string): Promise<void> {
  const target = resolve(dir);
  let staging: string | undefined;
  try {
    if (await exists(target)) {
      writeOutputDir(plan, dir);
      return;
    }
    // Next to the target: the same file system, so the final rename is atomic. The parent is
    // created only when missing (for a fleet, by the first environment).
    const prefix = join(dirname(target), `.${basename(target)}.`);
    staging = await call<string>((done) => fs.mkdtemp(prefix, done)).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await fs.promises.mkdir(dirname(target), { recursive: true });
      return call<string>((done) => fs.mkdtemp(prefix, done));
    });
    const root = staging;
    const files = [...plan.files].map(([path, content]) => {
      const rel = relative(target, resolve(path));
      if (rel === '' || rel.startsWith('..')) throw new AiGatewayCoreError(`refusing to write ${path}: it is outside ${dir}`, 2);
      return { file: join(root, rel), content };
    });
    await makeFolders(root, new Set(files.map((f) => dirname(f.file))));
    await Promise.all(files.map((f) => call((done) => fs.writeFile(f.file, f.content, { flag: 'wx', mode: 0o644 }, done))));
    await call((done) => fs.rename(root, target, done));
    staging = undefined;
  } catch (err) {
    if (staging) await fs.promises.rm(staging, { recursive: true, force: true });
    if (err instanceof AiGatewayCoreError) throw err;
    throw new AiGatewayCoreError(`cannot write to --output-dir ${dir}: ${(err as Error).message}; nothing was written for it`, 2);
  }
}
