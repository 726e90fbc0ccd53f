/**
 * The command's output goes to file descriptor 1 in one synchronous write. `process.stdout` is a
 * stream whose first use loads Node's net, tty and stream modules, ~3 ms of a ~70 ms start-up;
 * a plain write needs none of them.
 */
import { writeSync } from 'node:fs';

export function writeStdout(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(1, bytes, offset);
  } catch (err) {
    // The reader is gone (`render | head`): the rest has nowhere to go, and that is not an error.
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
    // A non-blocking pipe that is full (EAGAIN) or anything unusual: the stream knows how to wait.
    process.stdout.write(bytes.subarray(offset));
  }
}
