/**
 * What a values file must pass before the YAML parser sees it: the characters go-yaml's reader
 * accepts, a token count that bounds the parser's memory, and a nesting depth that keeps the
 * (recursive) composer and decoder far from the end of the stack. Each check returns where the
 * problem is and what to do, or undefined; parse-yaml.ts turns that into a ValuesYamlError.
 */
import type { CST } from 'yaml';
import { MAX_VALUES_DEPTH, MAX_YAML_TOKENS, formatCount, tooDeep } from './limits.js';
import { formatPath } from './source.js';

export interface TextProblem {
  code: 'characters' | 'too-large' | 'too-deep';
  /** UTF-16 offset in the text that was checked */
  offset: number;
  reason: string;
}

// go-yaml's reader (readerc.go) allows TAB, LF, CR, printable ASCII, NEL and U+00A0 and above,
// except surrogates, U+FFFE and U+FFFF. In `u` mode a lone surrogate is its own code point.
const NOT_ALLOWED = /[^\t\n\r\x20-\x7e\x85\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
// Allowed by the reader, but YAML 1.1 line breaks for go-yaml and ordinary text for the yaml
// package: the same file would be read two ways, so it is not read at all.
const YAML11_BREAKS = /[\x85\u2028\u2029]/;

const BREAK_NAMES: Record<string, string> = {
  '\x85': 'U+0085 (NEXT LINE)',
  '\u2028': 'U+2028 (LINE SEPARATOR)',
  '\u2029': 'U+2029 (PARAGRAPH SEPARATOR)',
};

function codePointName(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

// Printable ASCII, tabs and line ends: what nearly every values file holds, all of it allowed.
// One pass of this (non-Unicode) pattern is much cheaper than the two Unicode ones below.
const PLAIN_TEXT_ONLY = /^[\t\n\r\x20-\x7e]*$/;

/** A character helm's YAML reader refuses, or reads differently from us. */
export function characterProblem(text: string): TextProblem | undefined {
  if (PLAIN_TEXT_ONLY.test(text)) return undefined;
  const bad = NOT_ALLOWED.exec(text);
  const brk = YAML11_BREAKS.exec(text);
  if (bad && (!brk || bad.index < brk.index)) {
    const c = bad[0];
    const code = c.codePointAt(0)!;
    const what = code >= 0xd800 && code <= 0xdfff ? `a lone surrogate (${codePointName(c)}), which is not Unicode text` : `the control character ${codePointName(c)}`;
    return {
      code: 'characters',
      offset: bad.index,
      reason: `the file contains ${what}, which YAML does not allow (helm: "control characters are not allowed"); remove it, or write it as an escape such as "\\u${code.toString(16).padStart(4, '0')}" inside a double-quoted string`,
    };
  }
  if (brk) {
    const c = brk[0];
    return {
      code: 'characters',
      offset: brk.index,
      reason: `the file contains ${BREAK_NAMES[c]}, which helm's YAML 1.1 reader takes for a line break although it looks like text; write it as "\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}" inside a double-quoted string, or use a real line break`,
    };
  }
  return undefined;
}

// Each of these starts or ends a YAML token; plain text between them is one token.
const TOKEN_CHARS = new Uint8Array(128);
for (const c of '\n[]{},:-?&*!') TOKEN_CHARS[c.charCodeAt(0)] = 1;

/** More than MAX_YAML_TOKENS line breaks and indicators: the parser would need too much memory. */
export function tokenProblem(text: string): TextProblem | undefined {
  // Each token is at least one character: a shorter text cannot have too many.
  if (text.length <= MAX_YAML_TOKENS) return undefined;
  let count = 0;
  let over = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && TOKEN_CHARS[c] === 1 && ++count === MAX_YAML_TOKENS + 1) over = i;
  }
  if (over < 0) return undefined;
  return {
    code: 'too-large',
    offset: over,
    reason: `the file has ${formatCount(count)} YAML tokens (line breaks, "-", ":", ",", brackets…), more than ${formatCount(MAX_YAML_TOKENS)} (the limit, reached here; values for this chart need a few hundred): split it or remove what the chart does not use`,
  };
}

type Token = CST.Token;
type Item = { key?: Token | null; value?: Token };

/**
 * Nesting deeper than MAX_VALUES_DEPTH in the parsed (not yet composed) document. The walk is
 * iterative: the token tree may be as deep as the file is long.
 */
export function depthProblem(doc: Token): TextProblem | undefined {
  // Each entry keeps its parent and its key, so the values path is built only for the message.
  interface Entry {
    token: Token;
    depth: number;
    parent?: Entry;
    segment?: string | number;
  }
  const stack: Entry[] = [{ token: doc, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { token, depth } = entry;
    // The document is level 0 and its root map level 1, so a scalar in a map nested n deep sits at n + 1.
    if (depth > MAX_VALUES_DEPTH + 1) {
      const segments: (string | number)[] = [];
      for (let e: Entry | undefined = entry; e; e = e.parent) if (e.segment !== undefined) segments.unshift(e.segment);
      return { code: 'too-deep', offset: token.offset, reason: `${tooDeep(formatPath(segments))}: flatten them` };
    }
    switch (token.type) {
      case 'document':
        if (token.value) stack.push({ token: token.value, depth: depth + 1, parent: entry });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const items = token.items as Item[];
        const isSeq = token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[');
        items.forEach((item, i) => {
          const segment = isSeq ? i : keyText(item.key);
          if (item.key) stack.push({ token: item.key, depth: depth + 1, parent: entry });
          if (item.value) stack.push({ token: item.value, depth: depth + 1, parent: entry, segment });
        });
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

/** A key as written (quotes taken off), for a values path in a message. */
function keyText(key: Token | null | undefined): string {
  if (!key || !('source' in key) || typeof key.source !== 'string') return '?';
  const s = key.source;
  return (s.startsWith('"') || s.startsWith("'")) && s.length >= 2 ? s.slice(1, -1) : s;
}
