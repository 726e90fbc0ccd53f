/**
 * Reading the user's files: the only stage that touches the disk on the way in. Errors name the
 * file and say what to do; they never leak a stack trace.
 *
 * Values files, standard input and `--set-file` files are read under one byte budget
 * (MAX_INPUT_BYTES), a chunk at a time, so `-f /dev/zero` or a 50 MB file stops at the limit
 * instead of filling memory, and they must be UTF-8: helm's YAML reader refuses anything else, and
 * decoding leniently would turn bad bytes into U+FFFD and render something helm never would.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputFileError } from '../errors.js';
import type { ValuesFile } from '../render/render.js';
import { MAX_INPUT_BYTES, ValuesLimitError, formatBytes, formatCount } from '../values/limits.js';
import { ValuesYamlError } from '../values/parse-yaml.js';

export const STDIN = '-';

/** Manifests and CRDs are not values: no budget, only a bound that stops `/dev/zero`. */
const MAX_OTHER_FILE_BYTES = 256 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** The bytes the values inputs of one run may still use. */
export class InputBudget {
  used = 0;
  get remaining(): number {
    return MAX_INPUT_BYTES - this.used;
  }
}

function ioError(err: unknown, path: string, what: string): InputFileError {
  if (err instanceof InputFileError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputFileError(`${what} ${path} does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return new InputFileError(`${what} ${path} cannot be read: permission denied`);
  if (code === 'EISDIR') return new InputFileError(`${what} ${path} is a directory: give a YAML file`);
  return new InputFileError(`${what} ${path} cannot be read: ${(err as Error).message}`);
}

// A non-blocking stdin (a terminal, some pipes) reports EAGAIN instead of waiting.
const pause = new Int32Array(new SharedArrayBuffer(4));

function readChunk(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 10);
      else if (code === 'EOF') return 0;
      else throw err;
    }
  }
}

/** The file's bytes, or an error as soon as it is clear they are more than `maxBytes`. */
function readBounded(path: string, what: string, maxBytes: number, tooBig: (size: number | undefined) => Error): Buffer {
  let fd: number;
  try {
    fd = path === STDIN ? 0 : openSync(path, 'r');
  } catch (err) {
    throw ioError(err, path, what);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputFileError(`${what} ${path} is a directory: give a YAML file`);
    // A regular file says its size: refuse it without reading a byte.
    if (stat.isFile() && stat.size > maxBytes) throw tooBig(stat.size);
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readChunk(fd, buffer);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooBig(undefined);
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof ValuesLimitError || err instanceof InputFileError) throw err;
    throw ioError(err, path, what);
  } finally {
    if (path !== STDIN) closeSync(fd);
  }
}

/** Byte offset of the first byte that is not part of valid UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as text; refuses what is not UTF-8, naming the line and column of the first bad byte. */
export function decodeUtf8(bytes: Buffer, name: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ValuesYamlError('encoding', name, { line: 1, col: 1 }, 'the file is UTF-16 text; helm reads values as UTF-8: save it as UTF-8');
  }
  // The decoder checks in native code (~20 µs for the production example, where the loop of
  // firstInvalidUtf8 takes ~200 µs in a cold process); the loop only runs to say where it failed.
  try {
    return UTF8.decode(bytes);
  } catch {
    // not UTF-8: find the first bad byte below
  }
  // Both follow RFC 3629, so the loop finds a bad byte; 0 only if they ever disagreed.
  const bad = Math.max(0, firstInvalidUtf8(bytes));
  // (lastIndexOf with a negative offset would count from the end)
  const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(0x0a, bad - 1) + 1;
  const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
  const col = [...UTF8.decode(bytes.subarray(lineStart, bad))].length + 1;
  const hex = bytes[bad]!.toString(16).padStart(2, '0');
  throw new ValuesYamlError(
    'encoding',
    name,
    { line, col },
    `the file is not UTF-8 text (byte 0x${hex} here; is it binary, or saved in another encoding?): helm reads values as UTF-8, save it as UTF-8`,
  );
}

/**
 * A values file (or, with `what`, another input of the values: `--set-file`), charged to
 * `budget`. Without a budget the file alone may use MAX_INPUT_BYTES.
 */
export function readValuesText(path: string, what = 'values file', budget = new InputBudget()): string {
  const name = path === STDIN ? '<stdin>' : path;
  const bytes = readBounded(path, what, budget.remaining, (size) => {
    const earlier = budget.used > 0 ? ` (after ${formatBytes(budget.used)} of other values inputs)` : '';
    const how = size === undefined ? `more than ${formatCount(budget.remaining)} bytes` : `${formatCount(size)} bytes`;
    return new ValuesLimitError(
      'MAX_INPUT_BYTES',
      `${what} ${name} is ${how}${earlier}: values files, standard input and --set-file files may hold ${formatBytes(MAX_INPUT_BYTES)} together (the limit; values for this chart take a few kilobytes)`,
    );
  });
  budget.used += bytes.length;
  return decodeUtf8(bytes, name);
}

/** A file that is not a values input (manifests, CRDs): lenient UTF-8, a bound only against endless input. */
export function readTextFile(path: string, what = 'values file'): string {
  if (what === 'values file') return readValuesText(path, what);
  const bytes = readBounded(path, what, MAX_OTHER_FILE_BYTES, () => new InputFileError(`${what} ${path} is larger than ${formatBytes(MAX_OTHER_FILE_BYTES)}`));
  return bytes.toString('utf8');
}

/** `-f` arguments, read in order; `-` is standard input. */
export function readValuesFiles(paths: string[], budget = new InputBudget()): ValuesFile[] {
  return paths.map((path) => ({ name: path === STDIN ? '<stdin>' : path, text: readValuesText(path, 'values file', budget) }));
}

/** Reads `--set-file` paths under the same budget as the values files. */
export function setFileReader(budget: InputBudget): (path: string) => string {
  return (path) => readValuesText(path, '--set-file file', budget);
}
