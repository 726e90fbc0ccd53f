/**
 * A fast reader for one YAML document of the simple kind the chart renders: block maps and lists
 * of plain or single-line quoted scalars, `{}`, `[]` and comments. For a text inside that subset it
 * gives exactly what `YAML.parse(text)` of the `yaml` package gives (YAML 1.2, core schema); at the
 * first thing outside it (anchors, tags, flow collections, block or multi-line scalars, quoted or
 * unusual keys, duplicate keys, tabs, non-ASCII text, several documents, anything malformed) it
 * declines, and parseYamlDocument() hands the text to `YAML.parse`, which owns every error.
 *
 * Why: `validate --crds` parses every rendered document again, and the general parser needs
 * ~10 ms for the five documents of the production example in a fresh process (~0.3 µs a byte even
 * when warm), a tenth of the whole run. The reader is checked against `YAML.parse` on every
 * golden output and on generated documents (test/crd/simple-yaml.test.ts).
 */
import YAML from 'yaml';

/** parseSimpleYaml's answer for a text outside the subset. */
export const DECLINED: unique symbol = Symbol('declined');

/** `YAML.parse(text)`, through the fast reader when the text is inside its subset. */
export function parseYamlDocument(text: string): unknown {
  const fast = parseSimpleYaml(text);
  return fast === DECLINED ? YAML.parse(text) : fast;
}

interface Line {
  indent: number;
  text: string;
}

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

// Outside the subset anywhere: tabs, controls, CR, DEL, non-ASCII (and so BOMs and YAML 1.1 breaks).
const UNSAFE = /[^\n\x20-\x7e]/;
/** A plain key that resolves to a string under the core schema and is safe as an object key. */
const KEY = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: +|$)/;
const NON_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;

/** The document's value, or DECLINED. */
export function parseSimpleYaml(text: string): unknown {
  if (UNSAFE.test(text)) return DECLINED;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    let indent = 0;
    while (raw.charCodeAt(indent) === 0x20) indent++;
    if (indent === raw.length || raw[indent] === '#') continue; // blank or comment-only
    // Directives and document markers: several documents, or options the subset does not read.
    if (indent === 0 && (raw[0] === '%' || raw.startsWith('---') || raw.startsWith('...'))) return DECLINED;
    lines.push({ indent, text: raw.slice(indent) });
  }
  if (lines.length === 0) return DECLINED;
  try {
    const reader = new Reader(lines);
    const value = reader.node(lines[0]!.indent);
    return reader.done() ? value : DECLINED;
  } catch (err) {
    if (err instanceof Decline) return DECLINED;
    throw err;
  }
}

class Reader {
  private at = 0;

  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.at === this.lines.length;
  }

  /** A block map or list whose first line is the next line, at `indent`. */
  node(indent: number): unknown {
    const line = this.lines[this.at]!;
    if (line.indent !== indent) decline();
    return isEntry(line.text) ? this.list(indent) : this.map(indent);
  }

  private map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent < indent) break;
      if (line.indent > indent || isEntry(line.text)) decline();
      const m = KEY.exec(line.text);
      if (!m || NON_STRING_KEY.test(m[1]!) || m[1]!.length > 1000) return decline();
      const key = m[1]!;
      if (Object.hasOwn(out, key)) decline(); // `yaml` rejects duplicate keys
      this.at++;
      const rest = line.text.slice(m[0].length);
      out[key] = rest === '' || rest[0] === '#' ? this.nested(indent, true) : this.inline(rest, indent);
    }
    return out;
  }

  private list(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent < indent || (line.indent === indent && !isEntry(line.text))) break;
      if (line.indent > indent) decline();
      let skip = 1;
      while (line.text.charCodeAt(skip) === 0x20) skip++;
      const rest = line.text.slice(skip);
      if (rest === '' || rest[0] === '#') {
        if (skip === 1 && rest !== '') decline(); // `-#` is not an entry
        this.at++;
        out.push(this.nested(indent, false));
      } else if (KEY.test(rest)) {
        // `- key: value`: a map whose keys line up with this first one.
        this.lines[this.at] = { indent: indent + skip, text: rest };
        out.push(this.map(indent + skip));
      } else {
        this.at++;
        out.push(this.inline(rest, indent));
      }
    }
    return out;
  }

  /** The value of `key:` or `-` with nothing after it: a more indented block, or null. */
  private nested(indent: number, inMap: boolean): unknown {
    const next = this.lines[this.at];
    if (next && next.indent > indent) return this.node(next.indent);
    // A map's value may be a list at the map's own indentation.
    if (inMap && next && next.indent === indent && isEntry(next.text)) return this.list(indent);
    return null;
  }

  /** A scalar (or `{}`/`[]`) on the line of its key or dash; nothing may continue it below. */
  private inline(rest: string, indent: number): unknown {
    const next = this.lines[this.at];
    if (next && next.indent > indent) decline(); // a multi-line scalar, or a misplaced block
    return scalar(rest);
  }
}

function isEntry(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** A comment (or nothing) may follow a value, after at least one space. */
function onlyComment(tail: string): boolean {
  return /^(?: +(?:#.*)?)?$/.test(tail);
}

function scalar(rest: string): unknown {
  const c = rest[0]!;
  if (c === '"') return doubleQuoted(rest);
  if (c === "'") return singleQuoted(rest);
  if (c === '{' || c === '[') {
    if (!onlyComment(rest.slice(2))) decline();
    if (rest.startsWith('{}')) return {};
    if (rest.startsWith('[]')) return [];
    decline();
  }
  // Indicators that start something other than a plain scalar (or one the subset leaves alone).
  if ('-?:,]}#&*!|>%@`'.includes(c) && !/^-[0-9.]/.test(rest)) decline();
  const hash = rest.indexOf(' #');
  const plain = (hash < 0 ? rest : rest.slice(0, hash)).trimEnd();
  if (plain.includes(': ') || plain.endsWith(':') || plain.includes(' #')) decline();
  return resolvePlain(plain);
}

/** The `yaml` package's core schema, its tags tested in its order (yaml/dist/schema/core). */
function resolvePlain(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** yaml/dist/compose/resolve-flow-scalar.js escapeCodes, tab left out (tabs are declined). */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

function doubleQuoted(rest: string): string {
  let out = '';
  let i = 1;
  for (;;) {
    if (i >= rest.length) return decline(); // continues on the next line
    const ch = rest[i]!;
    if (ch === '"') break;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const e = rest[i + 1];
    if (e === undefined) return decline();
    const simple = Object.hasOwn(ESCAPES, e) ? ESCAPES[e] : undefined;
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    const length = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = rest.substr(i + 2, length);
    if (length === 0 || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) return decline();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return decline();
    out += String.fromCodePoint(code);
    i += 2 + length;
  }
  if (!onlyComment(rest.slice(i + 1))) decline();
  return out;
}

function singleQuoted(rest: string): string {
  let out = '';
  let i = 1;
  for (;;) {
    if (i >= rest.length) return decline();
    const ch = rest[i]!;
    if (ch === "'") {
      if (rest[i + 1] !== "'") break;
      out += "'";
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  if (!onlyComment(rest.slice(i + 1))) decline();
  return out;
}
