// Optional on-disk cache of parsed CRDs: JSON.parse of the normalized form is ~20x faster than
// YAML-parsing the 1.4 MB EnvoyProxy CRD. Entries are keyed by the text's sha256, so a stale
// entry can never be read for changed text once the text is hashed. Each entry also keeps every CEL rule of the CRD
// parsed (cel-ast-codec.ts): CEL's parser costs more than the rest of a warm run's CEL work.
//
// Beside the entries, one small file per CRD file path says which text hash the file had at a
// given stamp (sources.ts fileStamp), so a warm run neither reads nor hashes unchanged files
// (~10 ms for the five CRDs, most of it the 1.4 MB EnvoyProxy one). A stamp trusts the file's
// device, inode, size, mtime and ctime instead of its text; it is recorded only once the ctime
// is old enough that a rewrite cannot keep it (load.ts RACY_MS), and is rewritten, not added to,
// when the file changes.
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stagingName, sweepLeftovers } from '../output/staging.js';
import { CEL_AST_FORMAT } from './cel-ast-codec.js';
import type { CachedParses } from './cel-compile.js';
import { nameHash } from './hash.js';
import type { FileStamp } from './load.js';
import type { CrdDefinition } from './types.js';

/** Bump when the normalized schema format changes; the parsed-CEL format is part of it. */
const FORMAT = `2.${CEL_AST_FORMAT}`;

export interface CacheEntry {
  defs: CrdDefinition[];
  cel: CachedParses;
}

/** The file name of the entry for a CRD text with this sha256. */
export function cacheEntryName(hash: string): string {
  return `crd-v${FORMAT}-${hash}.json`;
}

function entryPath(dir: string, hash: string): string {
  return join(dir, cacheEntryName(hash));
}

export function readCachedDefinitions(dir: string, hash: string): CacheEntry | undefined {
  try {
    const parsed = JSON.parse(readFileSync(entryPath(dir, hash), 'utf8')) as { format: string } & CacheEntry;
    return parsed.format === FORMAT && Array.isArray(parsed.defs) && isCachedParses(parsed.cel) ? { defs: parsed.defs, cel: parsed.cel } : undefined;
  } catch {
    return undefined; // missing or corrupt: parse again
  }
}

function isCachedParses(v: unknown): v is CachedParses {
  const c = v as Partial<CachedParses> | null;
  return typeof c === 'object' && c !== null && Array.isArray(c.shapes) && typeof c.trees === 'object' && c.trees !== null && typeof c.syntaxErrors === 'object' && c.syntaxErrors !== null;
}

const STAMP_FORMAT = 1;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** One file per CRD file path; a name collision only makes the stamps overwrite each other. */
function stampPath(dir: string, stamp: FileStamp): string {
  return join(dir, `file-v${STAMP_FORMAT}-${nameHash(stamp.path)}.json`);
}

/** The text hash recorded for this stamp of the file, if it is the one recorded. */
export function readStampedHash(dir: string, stamp: FileStamp): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(stampPath(dir, stamp), 'utf8')) as { stamp?: unknown; sha256?: unknown };
    return parsed.stamp === stamp.key && typeof parsed.sha256 === 'string' && HEX_SHA256.test(parsed.sha256) ? parsed.sha256 : undefined;
  } catch {
    return undefined;
  }
}

export function writeStampedHash(dir: string, stamp: FileStamp, hash: string): void {
  writeAtomically(dir, stampPath(dir, stamp), JSON.stringify({ stamp: stamp.key, sha256: hash }));
}

export function writeCachedDefinitions(dir: string, hash: string, entry: CacheEntry): void {
  writeAtomically(dir, entryPath(dir, hash), JSON.stringify({ format: FORMAT, defs: entry.defs, cel: entry.cel }));
}

const writable = new Map<string, boolean>();

/**
 * Whether entries can be written to `dir` (made if missing). Filling an entry costs work a run
 * would not otherwise do (every CEL rule parsed), so it is done only where it can be kept.
 */
export function cacheWritable(dir: string): boolean {
  let ok = writable.get(dir);
  if (ok === undefined) {
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
      ok = true;
      sweepCache(dir);
    } catch {
      ok = false;
    }
    writable.set(dir, ok);
  }
  return ok;
}

/**
 * Removes what killed writers left: `.agc-tmp.*` files of processes that no longer run, and the
 * `<entry>.<pid>.tmp` files of earlier versions, which nothing ever removed.
 */
function sweepCache(dir: string): void {
  sweepLeftovers(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /\.(\d+)\.tmp$/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(dir, name), { force: true });
    }
  }
}

/**
 * Writes an entry under a staging name of its own (staging.ts) and renames it into place:
 * concurrent readers and writers only ever see whole entries, and a writer killed part way leaves
 * a `.agc-tmp.*` file that the next run removes.
 */
function writeAtomically(dir: string, target: string, text: string): void {
  const tmp = join(dir, stagingName('tmp', basename(target)));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, target);
  } catch {
    // A cache that cannot be written (a full disk, no permission) is not an error: the run has
    // what it needs, and the next one parses again. Nothing half-written may stay behind.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the next run's sweep removes it
    }
  }
}
