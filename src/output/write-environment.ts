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

async function exists(path: string): Promise<boolean> {
  try {
    await fs.promises.lstat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
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
    await fs.promises.mkdir(dirname(target), { recursive: true });
    // Next to the target: the same file system, so the final rename is atomic.
    staging = await fs.promises.mkdtemp(join(dirname(target), `.${basename(target)}.`));
    const files = [...plan.files].map(([path, content]) => {
      const rel = relative(target, resolve(path));
      if (rel === '' || rel.startsWith('..')) throw new AiGatewayCoreError(`refusing to write ${path}: it is outside ${dir}`, 2);
      return { file: join(staging!, rel), content };
    });
    for (const folder of new Set(files.map((f) => dirname(f.file)))) await fs.promises.mkdir(folder, { recursive: true });
    await Promise.all(files.map((f) => fs.promises.writeFile(f.file, f.content, { flag: 'wx', mode: 0o644 })));
    await fs.promises.rename(staging, target);
    staging = undefined;
  } catch (err) {
    if (staging) await fs.promises.rm(staging, { recursive: true, force: true });
    if (err instanceof AiGatewayCoreError) throw err;
    throw new AiGatewayCoreError(`cannot write to --output-dir ${dir}: ${(err as Error).message}; nothing was written for it`, 2);
  }
}
