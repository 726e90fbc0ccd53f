// Reads CRD texts from the places a user can name: a file, a directory, or stdin.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CrdSourceError } from './errors.js';
import type { CrdText } from './load.js';

const CRD_FILE = /\.(ya?ml|json)$/i;

/** A file path, a directory (its *.yaml/*.yml/*.json files, sorted, not recursive), or `-` for stdin. */
export function readCrdSource(source: string): CrdText[] {
  if (source === '-') return [{ name: '<stdin>', text: readStdin() }];
  let st;
  try {
    st = statSync(source);
  } catch (err) {
    throw new CrdSourceError(source, 'cannot read CRD source', { cause: err });
  }
  if (st.isDirectory()) {
    return readdirSync(source)
      .filter((f) => CRD_FILE.test(f))
      .sort()
      .map((f) => ({ name: join(source, f), text: readFileSync(join(source, f), 'utf8') }));
  }
  return [{ name: source, text: readFileSync(source, 'utf8') }];
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (err) {
    throw new CrdSourceError('<stdin>', 'cannot read stdin', { cause: err });
  }
}
