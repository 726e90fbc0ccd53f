/**
 * The command's output goes to file descriptors 1 and 2 in synchronous writes. `process.stdout`
 * and `process.stderr` are streams whose first use loads Node's net, tty and stream modules, ~3 ms
 * of a ~60 ms start-up; a plain write needs none of them.
 */
import { fstatSync, writeSync } from 'node:fs';

// Text is encoded and written a slice at a time: a 5,000-model render prints 12.5 MB, and encoding
// it whole held a second copy of it (and a flat copy of the string) at the peak of the run.
const SLICE = 1 << 20;

// The stream is passed as a getter: reading process.stdout is what initialises it.
export function writeFd(fd: number, stream: () => NodeJS.WritableStream, text: string): void {
  let viaStream = false;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + SLICE, text.length);
    // Never between the two halves of a surrogate pair: each half alone would be encoded as U+FFFD.
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    const bytes = Buffer.from(start === 0 && end === text.length ? text : text.slice(start, end), 'utf8');
    start = end;
    if (viaStream) {
      stream().write(bytes);
      continue;
    }
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    } catch (err) {
      // The reader is gone (`render | head`): the rest has nowhere to go, and that is not an error.
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
      // A non-blocking pipe that is full (EAGAIN) or anything unusual: the stream knows how to
      // wait, and takes everything after this too, so the order holds.
      viaStream = true;
      stream().write(bytes.subarray(offset));
    }
  }
}

export function writeStdout(text: string): void {
  writeFd(1, () => process.stdout, text);
}

export function writeStderr(text: string): void {
  writeFd(2, () => process.stderr, text);
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
