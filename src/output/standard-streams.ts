/**
 * The command's output goes to file descriptors 1 and 2 in synchronous writes. `process.stdout`
 * and `process.stderr` are streams whose first use loads Node's net, tty and stream modules, ~3 ms
 * of a ~60 ms start-up; a plain write needs none of them. It also keeps every failure synchronous:
 * a stream reports a full disk later, as an 'error' event nobody listens to (a stack trace).
 */
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';
import { AiGatewayCoreError } from '../errors.js';
import { describeIoError } from './io-errors.js';

/** Standard output could not take what the command printed. */
export class OutputWriteError extends AiGatewayCoreError {
  constructor(message: string) {
    super(message, 2);
  }
}

let pause: Int32Array | undefined;

/** Blocks for a millisecond: a full non-blocking pipe (EAGAIN) drains while we wait. */
function waitForReader(): void {
  pause ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(pause, 0, 0, 1);
}

/** Writes all of `bytes`; 'closed' when the reader went away (EPIPE), which is not an error. */
function writeAll(fd: number, bytes: Buffer): 'done' | 'closed' {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return 'closed';
      if (code === 'EAGAIN') {
        waitForReader();
        continue;
      }
      throw Object.assign(err as Error, { written: offset });
    }
  }
  return 'done';
}

/** Where a regular file on fd 1 ended before we wrote: what a failed write is cut back to. */
function regularFileSize(fd: number): number | undefined {
  try {
    const stat = fstatSync(fd);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

// Text is encoded a slice at a time: a 5,000-model render prints 12.5 MB, and encoding it whole
// held a second copy of it at the peak of the run.
const SLICE = 1 << 20;

/** `text` as UTF-8, a slice at a time, never cut between the two halves of a surrogate pair. */
export function* utf8Slices(text: string): Generator<Buffer> {
  if (text.length <= SLICE) {
    if (text.length > 0) yield Buffer.from(text, 'utf8');
    return;
  }
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + SLICE, text.length);
    // Each half of a pair alone would be encoded as U+FFFD.
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    yield Buffer.from(text.slice(start, end), 'utf8');
    start = end;
  }
}

/**
 * Writes the command's whole standard output (its pieces in order, not joined first: that would
 * copy all of it once more), or throws OutputWriteError. When stdout is a file
 * (`render > manifests.yaml`) and the write fails part way, the file is cut back to what it held
 * before, so no half manifest is left for the next step to apply. A reader that closes early
 * (`render | head`) is not an error.
 */
export function writeStdout(text: string | readonly string[]): void {
  const pieces = typeof text === 'string' ? [text] : text;
  let before: number | undefined;
  let written = 0;
  try {
    // fstat fails with EBADF when fd 1 is closed: the write below reports that.
    before = pieces.some((p) => p.length > 0) ? regularFileSize(1) : undefined;
    for (const piece of pieces) {
      for (const bytes of utf8Slices(piece)) {
        if (writeAll(1, bytes) === 'closed') return;
        written += bytes.length;
      }
    }
  } catch (err) {
    let cut = false;
    // Nothing was written: nothing to take back.
    if (written + ((err as { written?: number }).written ?? 0) === 0) before = undefined;
    if (before !== undefined) {
      try {
        ftruncateSync(1, before);
        cut = true;
      } catch {
        // the file stays as the failed write left it; the message says so
      }
    }
    const left = before === undefined ? '' : cut ? '; the file holds nothing of this run' : '; the file may hold part of the output: do not use it';
    throw new OutputWriteError(`cannot write the output to standard output: ${describeIoError(err)}${left}`);
  }
}

let stderrLost = false;

/** Writes to standard error. A failure has nowhere to be reported: it is remembered instead. */
export function writeStderr(text: string): void {
  try {
    writeAll(2, Buffer.from(text, 'utf8'));
  } catch {
    stderrLost = true;
  }
}

/** Whether something meant for standard error was not delivered (the exit code must say so). */
export function stderrWasLost(): boolean {
  return stderrLost;
}

/**
 * Whether standard error is a terminal (for colour). A pipe or a file is not a character device,
 * and that answer costs one fstat; only a character device (a terminal, or /dev/null) needs the
 * stream, whose isTTY is the authority.
 */
export function stderrIsTerminal(): boolean {
  try {
    if (!fstatSync(2).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.stderr.isTTY === true;
}

/** Whether standard output is a terminal (for colouring a diff); as stderrIsTerminal. */
export function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.stdout.isTTY === true;
}
