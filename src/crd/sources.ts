// Reads CRD texts from the places a user can name: a file, a directory, or stdin.
import { readdirSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import { join, resolve } from 'node:path';
import { CrdSourceError } from './errors.js';
import type { CrdText, FileStamp } from './load.js';

const CRD_FILE = /\.(ya?ml|json)$/i;

/**
 * A file path, a directory (its *.yaml/*.yml/*.json files, sorted, not recursive), or `-` for stdin.
 * A file's text is read on first use, and each file carries a stamp (see fileStamp) with which a
 * warm CRD cache finds its entry without reading or hashing the text.
 */
export function readCrdSource(source: string): CrdText[] {
  if (source === '-') return [{ name: '<stdin>', text: readStdin() }];
  let st;
  try {
    st = statSync(source, { bigint: true });
  } catch (err) {
    throw new CrdSourceError(source, 'cannot read CRD source', { cause: err });
  }
  if (st.isDirectory()) {
    return readdirSync(source)
      .filter((f) => CRD_FILE.test(f))
      .sort()
      .map((f) => fileText(join(source, f)));
  }
  return [fileText(source, st)];
}

/** A file's CRD text, read when first asked for. */
function fileText(name: string, st?: BigIntStats): CrdText {
  let text: string | undefined;
  let stats = st;
  try {
    stats ??= statSync(name, { bigint: true });
  } catch {
    // unreadable: reading the text reports it
  }
  return {
    name,
    get text() {
      return (text ??= readFileSync(name, 'utf8'));
    },
    ...(stats?.isFile() ? { stamp: fileStamp(name, stats) } : {}),
  };
}

/**
 * What identifies one version of a file without reading it: its absolute path, device and inode,
 * size, and modification and status-change times in nanoseconds. Whatever rewrites a file moves
 * its ctime, which (unlike mtime) no user-space call can set back; the cache trusts a stamp only
 * once its ctime is old enough for a coarse clock to have ticked since (see load.ts).
 */
export function fileStamp(name: string, st: BigIntStats): FileStamp {
  const path = resolve(name);
  return {
    path,
    key: JSON.stringify([path, String(st.dev), String(st.ino), String(st.size), String(st.mtimeNs), String(st.ctimeNs)]),
    changedMs: Number(st.ctimeNs / 1_000_000n),
  };
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (err) {
    throw new CrdSourceError('<stdin>', 'cannot read stdin', { cause: err });
  }
}
