/**
 * The command's output goes to file descriptors 1 and 2 in synchronous writes. `process.stdout`
 * and `process.stderr` are streams whose first use loads Node's net, tty and stream modules, ~3 ms
 * of a ~60 ms start-up; a plain write needs none of them.
 */
import { fstatSync, writeSync } from 'node:fs';

// The stream is passed as a getter: reading process.stdout is what initialises it.
function writeFd(fd: 1 | 2, stream: () => NodeJS.WriteStream, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
  } catch (err) {
    // The reader is gone (`render | head`): the rest has nowhere to go, and that is not an error.
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
    // A non-blocking pipe that is full (EAGAIN) or anything unusual: the stream knows how to wait.
    stream().write(bytes.subarray(offset));
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
