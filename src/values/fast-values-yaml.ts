/**
 * A fast reader for the values files people actually write: block maps and lists of plain or
 * single-line quoted scalars, `{}`, `[]` and comments. It gives exactly what parseValuesYaml gives
 * (values, sources, duplicate keys), at a small fraction of the cost, and declines (returns
 * undefined) at the first thing outside that subset: anchors, tags, flow collections, block or
 * multi-line scalars, numbers other than plain decimals, non-ASCII text, several documents, and
 * anything malformed. Declined files go to parseValuesYaml, which also owns every error message.
 *
 * Why: the general YAML parser costs ~0.7 ms for the production example even when warm, which
 * alone would cap the library at ~1,400 renders per second, and several milliseconds at start-up.
 */
import { parseValuesYaml, type DuplicateKey, type ParsedValues, type ParseValuesOptions, type Position } from './parse-yaml.js';
import { withLazySources } from './lazy-sources.js';
import { appendPath, pruneSources, type Source, type SourceMap } from './source.js';
import { newMap, type Value, type ValueMap } from './types.js';
import { freezeTree } from './frozen.js';

/** parseValuesYaml, through the fast reader whenever the file is inside its subset. */
export function readValuesYaml(text: string, file: string, options: ParseValuesOptions = {}): ParsedValues {
  return recentlyRead(text, file, options) ?? parseValuesYaml(text, file, options);
}

// The last few files the fast reader read. A fleet passes the same shared -f files for every
// environment, and a long-running process tends to render the same files again; shared values
// are frozen, so nobody downstream can change them, and each caller gets its own sources map.
//
// A file is only shared from its second reading on: the first reader gets values of its own, and
// the file is only noted as seen. Freezing (and noting the size of) every map of every file cost
// more than reading it, for files that are then never read again (a fleet's environments).
const RECENT = 8;
const SEEN_ONCE = 'seen once';
// Keyed by the text alone (a string caches its own hash, so a repeated text is found without
// reading it again); entries are told apart by kind and file name, which the sources name.
const recent = new Map<string, RecentEntry[]>();
let recentCount = 0;

interface RecentEntry {
  kind: 'file' | 'default';
  file: string;
  parsed: ParsedValues | typeof SEEN_ONCE;
}

function remember(text: string, entry: RecentEntry): void {
  if (recentCount >= RECENT) {
    // The least recently read text goes, with all its entries (Maps iterate in insertion order,
    // and a text read again is moved to the end).
    const [oldest, entries] = recent.entries().next().value!;
    recent.delete(oldest);
    recentCount -= entries.length;
  }
  const entries = recent.get(text);
  if (entries) entries.push(entry);
  else recent.set(text, [entry]);
  recentCount++;
}

function recentlyRead(text: string, file: string, options: ParseValuesOptions): ParsedValues | undefined {
  const kind = options.sourceKind ?? 'file';
  const entries = recent.get(text);
  const entry = entries?.find((e) => e.kind === kind && e.file === file);
  if (entry !== undefined) {
    // Most recently read last: a fleet's shared -f file stays while its environments pass through.
    recent.delete(text);
    recent.set(text, entries!);
  }
  if (entry === undefined || entry.parsed === SEEN_ONCE) {
    const parsed = parseSimpleValuesYaml(text, file, options);
    if (parsed === undefined) return undefined;
    if (entry === undefined) {
      remember(text, { kind, file, parsed: SEEN_ONCE });
      return parsed;
    }
    freezeTree(parsed.values);
    entry.parsed = parsed;
  }
  const shared = entry.parsed as ParsedValues;
  return withLazySources({ values: shared.values, duplicates: shared.duplicates.map((d) => ({ ...d })) }, () => new Map(shared.sources));
}

/** The fast reader alone: undefined when the file is outside the subset. */
export function parseSimpleValuesYaml(text: string, file: string, options: ParseValuesOptions = {}): ParsedValues | undefined {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (UNSAFE_CHARACTERS.test(normalized) || DOCUMENT_MARKERS.test(normalized)) return undefined;
  try {
    return new SimpleReader(normalized, file, options.sourceKind ?? 'file').read();
  } catch (err) {
    if (err === DECLINE) return undefined;
    throw err;
  }
}

// No tabs, controls, YAML 1.1 line breaks other than \n, BOMs or lone surrogates anywhere; content
// lines are printable ASCII (comments may hold any other text). Lines that start a document, end
// one or hold a directive are out.
const UNSAFE_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/;
const PRINTABLE_ASCII = /^[ -~]*$/;
const DOCUMENT_MARKERS = /^(?:---|\.\.\.|%)/m;

const DECLINE = Symbol('outside the simple subset');
function decline(): never {
  throw DECLINE;
}

interface Line {
  /** 1-based line number */
  no: number;
  /** column (0-based) of the first character that is not a space */
  indent: number;
  text: string;
}

// go-yaml's YAML 1.1 words (the same table as parse-yaml.ts).
const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL_WORDS = new Set(['~', 'null', 'Null', 'NULL']);

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
// A plain value: starts with a letter, `_` or `/`, holds no flow indicators, no ": " and no " #".
const PLAIN_WORD = /^[A-Za-z_/][^[\]{},]*$/;
const DECIMAL_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;
const DECIMAL_FLOAT = /^-?(?:0|[1-9][0-9]*)\.[0-9]+$/;
// Digits then letters ("60s", "100Mi", "4Gi"): Go's ParseInt, ParseUint, ParseFloat and the
// timestamp layouts all refuse these, so go-yaml keeps them as strings.
// `0x1F`, `0o17` and `0b101` are Go integer literals (go-yaml resolves them): never plain strings here.
const DIGITS_THEN_LETTERS = /^(?!0[xXoObB])[0-9]+[A-Za-z]+$/;

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', t: '\t' };

/** A values path as an id: its parent's id and its last segment (0 is the root, ''). */
type PathId = number;

class SimpleReader {
  private readonly lines: Line[] = [];
  private i = 0;
  private readonly duplicates: DuplicateKey[] = [];
  // Paths and sources are kept as numbers and turned into strings and a map only if someone asks:
  // they explain errors, and building them for every value was most of the reader's garbage.
  private readonly parents: PathId[] = [-1];
  private readonly segments: (string | number)[] = [''];
  /** (path id, line, column) for each record, in order */
  private readonly records: number[] = [];

  constructor(
    text: string,
    private readonly file: string,
    private readonly kind: 'file' | 'default',
  ) {
    const raw = text.split('\n');
    for (let n = 0; n < raw.length; n++) {
      const line = raw[n]!;
      let indent = 0;
      while (line.charCodeAt(indent) === 0x20) indent++;
      // Blank and comment-only lines carry nothing.
      if (indent === line.length || line.charCodeAt(indent) === 0x23) continue;
      if (!PRINTABLE_ASCII.test(line)) decline();
      this.lines.push({ no: n + 1, indent, text: line });
    }
  }

  read(): ParsedValues {
    this.record(0, { line: 1, col: 1 });
    let values = newMap();
    const first = this.lines[0];
    if (first) {
      if (first.indent !== 0 && isSeqEntry(first)) decline();
      const root = this.block(first.indent, 0);
      if (root === null || Array.isArray(root) || typeof root !== 'object') decline();
      values = root as ValueMap;
      if (this.i < this.lines.length) decline(); // a dedent below the root's indent: malformed
    }
    const result = withLazySources({ values, duplicates: this.duplicates }, () => {
      const sources = this.sourceMap();
      // Without a repeated key no value was replaced, so no source can be stale.
      return this.duplicates.length > 0 ? pruneSources(sources, values) : sources;
    });
    return result;
  }

  private child(parent: PathId, segment: string | number): PathId {
    this.parents.push(parent);
    this.segments.push(segment);
    return this.parents.length - 1;
  }

  private pathOf(id: PathId): string {
    return id === 0 ? '' : appendPath(this.pathOf(this.parents[id]!), this.segments[id]!);
  }

  private record(path: PathId, pos: Position): void {
    this.records.push(path, pos.line, pos.col);
  }

  /** The sources parseValuesYaml would have recorded, in the same order. */
  private sourceMap(): SourceMap {
    const paths: string[] = [''];
    // A parent always has a smaller id than its children.
    for (let id = 1; id < this.parents.length; id++) paths.push(appendPath(paths[this.parents[id]!]!, this.segments[id]!));
    const sources: SourceMap = new Map();
    const r = this.records;
    for (let k = 0; k < r.length; k += 3) {
      const source: Source = { kind: this.kind, file: this.file, line: r[k + 1]!, col: r[k + 2]! };
      sources.set(paths[r[k]!]!, source);
    }
    return sources;
  }

  /** The map or list whose first line is the current line, at exactly `indent`. */
  private block(indent: number, path: PathId): Value {
    const line = this.lines[this.i]!;
    if (line.indent !== indent) decline();
    return isSeqEntry(line) ? this.sequence(indent, path) : this.mapping(indent, indent, path);
  }

  /**
   * A block map whose keys sit at column `indent`. The first key may start mid-line (`- key: v`),
   * at column `firstCol` of the current line.
   */
  private mapping(indent: number, firstCol: number, path: PathId): ValueMap {
    const out = newMap();
    const first = this.lines[this.i]!;
    this.record(path, { line: first.no, col: firstCol + 1 });
    const seen = new Map<string, Position>();
    let col = firstCol;
    for (;;) {
      const line = this.lines[this.i]!;
      const entry = parseKey(line.text, col);
      const keyPos: Position = { line: line.no, col: col + 1 };
      const childPath = this.child(path, entry.key);
      const earlier = seen.get(entry.key);
      if (earlier) this.duplicates.push({ path: this.pathOf(childPath), first: earlier, second: keyPos });
      seen.set(entry.key, keyPos);
      this.i++;
      out[entry.key] = this.entryValue(line, entry.valueCol, indent, childPath, keyPos);
      const next = this.lines[this.i];
      if (!next || next.indent < indent) return out;
      if (next.indent > indent || isSeqEntry(next)) decline();
      col = indent;
    }
  }

  /** A block list whose `-` sit at column `indent`. */
  private sequence(indent: number, path: PathId): Value[] {
    const out: Value[] = [];
    const first = this.lines[this.i]!;
    this.record(path, { line: first.no, col: indent + 1 });
    for (;;) {
      const line = this.lines[this.i]!;
      const childPath = this.child(path, out.length);
      let col = indent + 1;
      while (line.text.charCodeAt(col) === 0x20) col++;
      if (col === line.text.length) {
        // `-` alone: the item is on the lines below, or null.
        this.i++;
        const next = this.lines[this.i];
        if (next && next.indent > indent) out.push(this.block(next.indent, childPath));
        else {
          this.record(childPath, { line: line.no, col: col + 1 });
          out.push(null);
        }
      } else if (col === indent + 1) {
        decline(); // `-x`: a scalar, not an entry
      } else if (looksLikeKey(line.text, col)) {
        out.push(this.mapping(col, col, childPath));
      } else {
        this.i++;
        out.push(this.inlineValue(line, col, childPath, undefined));
        this.assertNoContinuation(indent);
      }
      // A line at this column that is not an entry ends an indentless list (`key:\n- a\nnext: b`).
      const next = this.lines[this.i];
      if (!next || next.indent < indent) return out;
      if (next.indent > indent) decline();
      if (!isSeqEntry(next)) return out;
    }
  }

  /** The value after `key:` on `line` (from `valueCol`), or the block below it. */
  private entryValue(line: Line, valueCol: number, indent: number, path: PathId, keyPos: Position): Value {
    if (valueCol < line.text.length) {
      const value = this.inlineValue(line, valueCol, path, keyPos);
      this.assertNoContinuation(indent);
      return value;
    }
    const next = this.lines[this.i];
    if (next && (next.indent > indent || (next.indent === indent && isSeqEntry(next)))) {
      return this.block(next.indent, path);
    }
    this.record(path, keyPos);
    return null;
  }

  /** A plain multi-line scalar continues on more-indented lines; the subset has none. */
  private assertNoContinuation(indent: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) decline();
  }

  /** A scalar, `{}` or `[]` starting at `col` and ending the line (bar a comment). */
  private inlineValue(line: Line, col: number, path: PathId, keyPos: Position | undefined): Value {
    const text = line.text;
    const pos: Position = { line: line.no, col: col + 1 };
    const c = text[col]!;
    let value: Value;
    let end: number;
    if (c === '"' || c === "'") {
      [value, end] = c === '"' ? doubleQuoted(text, col) : singleQuoted(text, col);
    } else if (c === '{' || c === '[') {
      if (text[col + 1] !== (c === '{' ? '}' : ']')) decline();
      value = c === '{' ? newMap() : [];
      end = col + 2;
    } else {
      const raw = plainText(text, col);
      value = resolvePlain(raw);
      end = col + raw.length;
    }
    assertLineEnd(text, end);
    this.record(path, value === null && keyPos ? keyPos : pos);
    return value;
  }
}

function isSeqEntry(line: Line): boolean {
  const c = line.text.charCodeAt(line.indent + 1);
  return line.text.charCodeAt(line.indent) === 0x2d && (Number.isNaN(c) || c === 0x20);
}

/** Only spaces, then nothing or a comment, may follow a value. */
function assertLineEnd(text: string, end: number): void {
  let i = end;
  while (text.charCodeAt(i) === 0x20) i++;
  if (i === text.length) return;
  if (text.charCodeAt(i) === 0x23 && i > end) return;
  decline();
}

function looksLikeKey(text: string, col: number): boolean {
  const c = text[col];
  if (c === '"' || c === "'") return quotedKeyEnd(text, col) !== undefined;
  const colon = text.indexOf(':', col);
  return colon > col && (colon + 1 === text.length || text.charCodeAt(colon + 1) === 0x20) && PLAIN_KEY.test(text.slice(col, colon));
}

function quotedKeyEnd(text: string, col: number): number | undefined {
  const close = text.indexOf(text[col]!, col + 1);
  if (close < 0) return undefined;
  const after = close + 1;
  return text[after] === ':' && (after + 1 === text.length || text.charCodeAt(after + 1) === 0x20) ? close : undefined;
}

/** `key:` at `col`: the key as sigs.k8s.io/yaml makes it, and where its value starts. */
function parseKey(text: string, col: number): { key: string; valueCol: number } {
  let key: string;
  let colon: number;
  const c = text[col];
  if (c === '"' || c === "'") {
    const close = quotedKeyEnd(text, col);
    if (close === undefined) decline();
    key = c === '"' ? doubleQuoted(text, col)[0] : singleQuoted(text, col)[0];
    colon = close + 1;
  } else {
    colon = text.indexOf(':', col);
    if (colon <= col || !(colon + 1 === text.length || text.charCodeAt(colon + 1) === 0x20)) decline();
    const plain = text.slice(col, colon);
    if (!PLAIN_KEY.test(plain)) decline();
    // YAML 1.1 keys resolve like values: `on:` is the key "true"; `null:` is an error.
    key = TRUE_WORDS.has(plain) ? 'true' : FALSE_WORDS.has(plain) ? 'false' : plain;
    if (NULL_WORDS.has(plain)) decline();
  }
  let valueCol = colon + 1;
  while (text.charCodeAt(valueCol) === 0x20) valueCol++;
  // A comment right after the colon leaves the value empty.
  if (valueCol < text.length && text.charCodeAt(valueCol) === 0x23 && valueCol > colon + 1) valueCol = text.length;
  return { key, valueCol };
}

function doubleQuoted(text: string, col: number): [string, number] {
  let out = '';
  let i = col + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined) decline();
    if (c === '"') return [out, i + 1];
    if (c === '\\') {
      const escaped = DOUBLE_QUOTE_ESCAPES[text[i + 1] ?? ''];
      if (escaped === undefined) decline();
      out += escaped;
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
}

function singleQuoted(text: string, col: number): [string, number] {
  let out = '';
  let i = col + 1;
  for (;;) {
    const close = text.indexOf("'", i);
    if (close < 0) decline();
    out += text.slice(i, close);
    if (text[close + 1] !== "'") return [out, close + 1];
    out += "'";
    i = close + 2;
  }
}

/** A plain scalar's text: up to a comment or the end of the line, trailing spaces dropped. */
function plainText(text: string, col: number): string {
  const hash = text.indexOf(' #', col);
  const raw = (hash < 0 ? text.slice(col) : text.slice(col, hash)).trimEnd();
  if (raw.includes(': ') || raw.endsWith(':')) decline();
  return raw;
}

/** go-yaml v2's resolution, for the plain scalars of the subset; anything else is declined. */
function resolvePlain(raw: string): Value {
  if (TRUE_WORDS.has(raw)) return true;
  if (FALSE_WORDS.has(raw)) return false;
  if (NULL_WORDS.has(raw)) return null;
  if (DECIMAL_INT.test(raw) || DECIMAL_FLOAT.test(raw)) return Number(raw);
  if (DIGITS_THEN_LETTERS.test(raw) || PLAIN_WORD.test(raw)) return raw;
  return decline();
}
