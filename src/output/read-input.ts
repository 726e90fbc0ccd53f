/**
 * Reading the user's files: the only stage that touches the disk on the way in. Errors name the
 * file and say what to do; they never leak a stack trace.
 */
import { readFileSync, statSync } from 'node:fs';
import { InputFileError } from '../errors.js';
import type { ValuesFile } from '../render/render.js';

export const STDIN = '-';

export function readTextFile(path: string, what = 'values file'): string {
  try {
    if (path === STDIN) return readFileSync(0, 'utf8');
    if (statSync(path).isDirectory()) throw new InputFileError(`${what} ${path} is a directory: give a YAML file`);
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputFileError(`${what} ${path} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputFileError(`${what} ${path} cannot be read: permission denied`);
    throw new InputFileError(`${what} ${path} cannot be read: ${(err as Error).message}`);
  }
}

/** `-f` arguments, read in order; `-` is standard input. */
export function readValuesFiles(paths: string[]): ValuesFile[] {
  return paths.map((path) => ({ name: path === STDIN ? '<stdin>' : path, text: readTextFile(path) }));
}
