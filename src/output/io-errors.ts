/**
 * A failed write in plain words: what the system said, why it usually happens and what to do,
 * with the error code last for searching. Node's own message ("ENOSPC: no space left on device,
 * write") names the system call, not the cause.
 */
const WHY: Record<string, string> = {
  ENOSPC: 'no space left on the device (ENOSPC): free some space or write elsewhere',
  EDQUOT: 'the disk quota is used up (EDQUOT): free some space or write elsewhere',
  EFBIG: 'the file would be larger than allowed (EFBIG)',
  EIO: 'the device reported an I/O error (EIO): check the disk or the mount',
  EBADF: 'it is not open for writing (EBADF): check the redirection',
  EACCES: 'permission denied (EACCES): choose a place you can write to',
  EPERM: 'the operation is not permitted (EPERM): choose a place you can write to',
  EROFS: 'the file system is read-only (EROFS): choose a place you can write to',
  EPIPE: 'the reader closed the pipe (EPIPE)',
  ENOTDIR: 'a file stands where a folder is needed (ENOTDIR)',
  EISDIR: 'a folder stands where a file is needed (EISDIR)',
  EMFILE: 'too many files are open (EMFILE)',
  ENAMETOOLONG: 'the name is too long (ENAMETOOLONG)',
};

export function ioErrorCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The reason a write failed, for a one-line message. */
export function describeIoError(err: unknown): string {
  const code = ioErrorCode(err);
  if (code && WHY[code]) return WHY[code];
  const message = String((err as Error | undefined)?.message ?? err);
  // Node's messages are "CODE: reason, syscall 'path'": keep the reason and the code.
  const m = /^([A-Z0-9]+): ([^,]+)/.exec(message);
  return m ? `${m[2]} (${m[1]})` : message.split('\n')[0]!;
}
