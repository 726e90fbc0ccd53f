// helm's toYaml is sigs.k8s.io/yaml: encoding/json writes the value, go-yaml v2 reads that JSON text
// back as YAML, and only then is YAML written. This models what survives that round trip. Any error
// on the way (helm swallows it and prints "") is reported as undefined.
import type { Value } from '../../values/types.js';
import type { GoNode } from './go-node.js';
import { yamlNumberToken } from './go-number.js';
import { toWellFormed } from '../../go/unicode.js';

const NEL = '\u0085';

// go-yaml's reader rejects these raw characters anywhere in its input, and encoding/json leaves them
// unescaped (it escapes only < 0x20, <, >, & and U+2028/2029), so one of them fails the whole toYaml.
const READER_FORBIDDEN = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

// A JSON key must be a YAML "simple key": the ':' has to come within 1024 characters of its start.
const MAX_KEY_JSON_CHARS = 1024;

/** Length in code points of s as encoding/json writes it, quotes included. */
function jsonStringLength(s: string): number {
  let n = 2;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x22 || c === 0x5c || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x08 || c === 0x0c) n += 2;
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) n += 6;
    // A lone surrogate stands for invalid UTF-8, which encoding/json writes as \ufffd.
    else if (c >= 0xd800 && c <= 0xdfff) n += 6;
    else n += 1;
  }
  return n;
}

/**
 * What go-yaml reads for a JSON string containing a raw NEL. NEL is a YAML line break, so inside the
 * double-quoted JSON string it folds like a newline: a single break (with the spaces around it)
 * becomes one space, n consecutive breaks become n-1 newlines. A break followed by `---` or `...`
 * and a blank reads as a document marker, which is a parse error.
 */
function foldNel(s: string): string | undefined {
  if (!s.includes(NEL)) return s;
  if (/\u0085(?:---|\.\.\.)[ \u0085]/.test(s)) return undefined;
  return s.replace(/[ \u0085]+/g, (run) => {
    const breaks = run.split(NEL).length - 1;
    if (breaks === 0) return run;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

// Printable ASCII comes back from the round trip unchanged: nothing to replace, forbid or fold.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Even if every character were escaped (6 characters each), the JSON key would stay short enough.
export const ALWAYS_SHORT_KEY = 170;

/** A string value after the round trip, or undefined when go-yaml would fail to read it. */
export function roundTripString(s: string): string | undefined {
  if (PRINTABLE_ASCII.test(s)) return s;
  const wellFormed = toWellFormed(s);
  if (READER_FORBIDDEN.test(wellFormed)) return undefined;
  return foldNel(wellFormed);
}

/** A map key after the round trip, or undefined when it cannot be a simple key of a JSON object. */
export function roundTripKey(key: string): string | undefined {
  if (key.length <= ALWAYS_SHORT_KEY && PRINTABLE_ASCII.test(key)) return key;
  if (jsonStringLength(key) > MAX_KEY_JSON_CHARS) return undefined;
  const wellFormed = toWellFormed(key);
  if (READER_FORBIDDEN.test(wellFormed)) return undefined;
  // A key spanning two lines (NEL is a line break) cannot be a simple key either.
  if (wellFormed.includes(NEL)) return undefined;
  return wellFormed;
}

/** The value as go-yaml v2 holds it after helm's JSON round trip, or undefined if that fails. */
export function roundTripThroughJson(v: Value): GoNode | undefined {
  if (v === null) return { kind: 'token', text: 'null' };
  if (typeof v === 'boolean') return { kind: 'token', text: v ? 'true' : 'false' };
  if (typeof v === 'number' || typeof v === 'bigint') {
    const text = yamlNumberToken(v);
    return text === undefined ? undefined : { kind: 'token', text };
  }
  if (typeof v === 'string') {
    const value = roundTripString(v);
    return value === undefined ? undefined : { kind: 'string', value };
  }
  if (Array.isArray(v)) {
    const items: GoNode[] = [];
    for (const item of v) {
      const node = roundTripThroughJson(item);
      if (node === undefined) return undefined;
      items.push(node);
    }
    return { kind: 'seq', items };
  }
  const entries = new Map<string, GoNode>();
  for (const rawKey of Object.keys(v)) {
    const key = roundTripKey(rawKey);
    const node = roundTripThroughJson(v[rawKey]!);
    if (key === undefined || node === undefined) return undefined;
    // Two keys can only collide through U+FFFD replacement; go-yaml keeps the later one.
    entries.set(key, node);
  }
  return { kind: 'map', entries };
}
