/**
 * `--output-dir`, as helm writes it: one file per template under <dir>/<chart>/templates/,
 * documents of one template appended to its file, one `wrote <path>` line per document.
 * Everything is rendered before the first write, and each file is written to a temporary name
 * and renamed, so a failure never leaves a half-written file behind.
 */
import { mkdirSync, renameSync, writeFileSync, rmSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, relative, isAbsolute } from 'node:path';
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

function assertInside(root: string, path: string): void {
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new AiGatewayCoreError(`refusing to write ${path}: it is outside --output-dir ${root}`, 2);
}

/** Refuses a folder whose existing parts are symlinks that lead out of the output directory. */
function assertFolderInside(root: string, folder: string): void {
  let current = folder;
  while (current.length >= root.length) {
    try {
      if (lstatSync(current).isSymbolicLink()) assertInside(realpathSync(root), realpathSync(current));
    } catch (err) {
      if (err instanceof AiGatewayCoreError) throw err;
    }
    if (current === root) break;
    current = dirname(current);
  }
}

/** Refuses to write through a symlink at the file's own path. */
function assertNotSymlink(path: string): void {
  try {
    if (lstatSync(path).isSymbolicLink()) throw new AiGatewayCoreError(`refusing to write ${path}: it is a symbolic link`, 2);
  } catch (err) {
    if (err instanceof AiGatewayCoreError) throw err;
  }
}

export function writeOutputDir(plan: OutputDirPlan, dir: string): void {
  const root = resolve(dir);
  const written: string[] = [];
  // Every template lands in the same folder: create and check each folder once, not per file.
  const ready = new Set<string>();
  try {
    for (const [path, content] of plan.files) {
      const target = resolve(path);
      assertInside(root, target);
      const folder = dirname(target);
      if (!ready.has(folder)) {
        mkdirSync(folder, { recursive: true });
        assertFolderInside(root, folder);
        ready.add(folder);
      }
      assertNotSymlink(target);
      const tmp = join(dirname(target), `.${process.pid}.${written.length}.tmp`);
      writeFileSync(tmp, content);
      written.push(tmp);
    }
    // All contents are on disk under temporary names; now make them visible.
    let i = 0;
    for (const path of plan.files.keys()) renameSync(written[i++], resolve(path));
  } catch (err) {
    for (const tmp of written) rmSync(tmp, { force: true });
    if (err instanceof AiGatewayCoreError) throw err;
    throw new AiGatewayCoreError(`cannot write to --output-dir ${dir}: ${(err as Error).message}`, 2);
  }
}
