/**
 * Reads a values file (the chart's values.yaml or a `-f` file) exactly the way helm does.
 *
 * helm reads values through sigs.k8s.io/yaml, which decodes with go-yaml v2 (YAML 1.1 scalar rules)
 * and then round-trips the result through JSON into `map[string]interface{}`. That pipeline decides
 * what the templates see: `yes`/`on`/`y` are booleans (also as keys), every number is a float64,
 * `0777` is octal, dates stay strings, `.inf` cannot be loaded, and non-string keys become strings.
 * The `yaml` package only supplies the syntax tree; every scalar is resolved here with go-yaml's rules.
 *
 * Multi-document files follow helm 4: the file is cut into documents the way k8s.io/apimachinery's
 * YAMLReader does (at lines starting with `---`), each document is decoded, and the documents are
 * deep-merged in order (maps merge, anything else replaces). helm 3 silently used only the first
 * document; helm 4 is the behaviour we keep.
 */
import type { TreeSize } from './limits.js';
import { AiGatewayCoreError } from '../errors.js';
import { Composer, LineCounter, Parser, visit, isAlias, isMap as isYamlMap, isScalar, isSeq } from 'yaml';
import type { Alias, Document, Node as YamlNode, Pair, Scalar, YAMLMap } from 'yaml';
import { formatFloat32G, parseInt64, parseUint64, underscoreOK } from '../go/strconv.js';
import { appendPath, pruneSources, type Source, type SourceMap } from './source.js';
import { isMap, newMap, type Value, type ValueMap } from './types.js';
import { MAX_INPUT_BYTES, MAX_VALUES_DEPTH, MAX_VALUES_NODES, formatBytes, formatCount, tooDeep } from './limits.js';
import { characterProblem, depthProblem, tokenProblem, type TextProblem } from './yaml-guard.js';
import { explainYamlSyntax } from './yaml-syntax-message.js';

export interface Position {
  line: number;
  col: number;
}

export interface DuplicateKey {
  path: string;
  first: Position;
  second: Position;
}

export interface ParsedValues {
  values: ValueMap;
  sources: SourceMap;
  duplicates: DuplicateKey[];
  /** measureTree(values), when the reader counted it as it read (the limits then need no walk) */
  size?: TreeSize;
}

export type ValuesYamlErrorCode =
  | 'syntax' // the YAML itself is malformed
  | 'separator' // a `---` line followed by something other than a comment
  | 'root-not-map' // the file is a list or a scalar
  | 'non-finite-number' // .inf / .nan, which helm's JSON step rejects
  | 'invalid-key' // null, uint64, list or map used as a key
  | 'tag' // a value that does not fit its explicit tag (`!!int 1.5`, bad `!!binary`)
  | 'alias' // unknown anchor, or an anchor that contains itself
  | 'merge' // `<<` whose value is not a map or a list of maps
  | 'excessive-aliasing' // alias expansion out of proportion to the document (billion laughs)
  | 'characters' // a control character, lone surrogate or YAML 1.1 line break (NEL, LS, PS)
  | 'encoding' // bytes that are not UTF-8
  | 'too-large' // over MAX_INPUT_BYTES, MAX_YAML_TOKENS or MAX_VALUES_NODES (limits.ts)
  | 'too-deep'; // nested deeper than MAX_VALUES_DEPTH

/** A values file that helm would refuse to load; the message names the file, line and column. */
export class ValuesYamlError extends AiGatewayCoreError {
  override readonly name = 'ValuesYamlError';
  constructor(
    readonly code: ValuesYamlErrorCode,
    readonly file: string,
    readonly position: Position | undefined,
    readonly reason: string,
  ) {
    super(`${file}${position ? `:${position.line}:${position.col}` : ''}: ${reason}`);
  }
}

export interface ParseValuesOptions {
  /** `default` for the chart's own values.yaml, `file` (the default) for `-f` files. */
  sourceKind?: 'file' | 'default';
}

/**
 * go-yaml v2 (and so helm) stops a document whose alias expansion dwarfs its real size: once more
 * than MIN_ALIAS_EXPANSIONS of MIN_DECODED_NODES decoded nodes came from aliases, the share of
 * alias-expanded nodes may not exceed 99% up to ALIAS_RATIO_RANGE_LOW nodes, falling to 10% at
 * ALIAS_RATIO_RANGE_HIGH. A billion-laughs file fails after about ten thousand nodes, while a file
 * that merely reuses one anchor thousands of times still loads, exactly as in helm.
 */
export const MIN_ALIAS_EXPANSIONS = 100;
export const MIN_DECODED_NODES = 1000;
export const ALIAS_RATIO_RANGE_LOW = 400_000;
export const ALIAS_RATIO_RANGE_HIGH = 4_000_000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

export function parseValuesYaml(text: string, file: string, options: ParseValuesOptions = {}): ParsedValues {
  const kind = options.sourceKind ?? 'file';
  // helm's line reader drops "\r" before "\n"; a leading BOM is skipped by go-yaml.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (kind === 'file') checkTokens(normalized, file);
  const values = newMap();
  const sources: SourceMap = new Map();
  const duplicates: DuplicateKey[] = [];
  sources.set('', { kind, file, line: 1, col: 1 });
  for (const chunk of splitDocuments(normalized, file)) {
    const decoded = decodeChunk(chunk, file, kind, sources, duplicates);
    if (decoded) mergeInto(values, decoded);
  }
  return { values, sources: pruneSources(sources, values), duplicates };
}

/**
 * The checks every user's values text passes before a parser sees it (guarded-read.ts): size and
 * characters go-yaml accepts. (The full parser bounds its own memory by a token count: checkTokens.) Positions are
 * those of the text without a BOM and with LF line ends, as users see them. (Not applied to our
 * own output read back by `render -o json`: go-yaml writes U+2028 raw inside quotes.)
 */
export function checkValuesText(raw: string, file: string): void {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (text.length > MAX_INPUT_BYTES) {
    throw new ValuesYamlError(
      'too-large',
      file,
      undefined,
      `the file has ${formatCount(text.length)} characters, more than the ${formatBytes(MAX_INPUT_BYTES)} all values together may have (the limit; values for this chart take a few kilobytes): remove what the chart does not use`,
    );
  }
  const problem = characterProblem(text);
  if (problem) throw textError(problem, text, file, 0);
}

/** The full parser's own bound: its token tree needs about a kilobyte a token (limits.ts). */
function checkTokens(text: string, file: string): void {
  const problem = tokenProblem(text);
  if (problem) throw textError(problem, text, file, 0);
}

function textError(problem: TextProblem, text: string, file: string, firstLine: number): ValuesYamlError {
  const before = text.slice(0, problem.offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = firstLine + before.split('\n').length;
  const col = [...before.slice(lineStart)].length + 1;
  return new ValuesYamlError(problem.code, file, { line, col }, problem.reason);
}

interface Chunk {
  text: string;
  /** 0-based line of the chunk's first line in the whole file. */
  firstLine: number;
}

/**
 * k8s.io/apimachinery's YAMLReader: a line that starts with `---` ends the current document when
 * the document has content; otherwise the line stays as that document's start marker. Only
 * whitespace or a comment may follow the dashes.
 */
function splitDocuments(text: string, file: string): Chunk[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const chunks: Chunk[] = [];
  let buffer: string[] = [];
  let firstLine = 0;
  lines.forEach((line, i) => {
    if (line.startsWith('---')) {
      const rest = goTrimSpace(line.slice(3));
      if (rest !== '' && !rest.startsWith('#')) {
        throw new ValuesYamlError(
          'separator',
          file,
          { line: i + 1, col: 4 },
          `invalid document separator "${line}": only a comment may follow "---" on the same line (put the content on the next line)`,
        );
      }
      if (buffer.length > 0) {
        chunks.push({ text: buffer.join('\n') + '\n', firstLine });
        buffer = [];
        firstLine = i + 1;
        return;
      }
    }
    if (buffer.length === 0) firstLine = i;
    buffer.push(line);
  });
  if (buffer.length > 0) chunks.push({ text: buffer.join('\n') + '\n', firstLine });
  return chunks;
}

// Go's strings.TrimSpace trims Unicode white space.
function goTrimSpace(s: string): string {
  return s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
}

/** helm's MergeMaps: maps merge key by key, anything else (lists, scalars, null) replaces. */
function mergeInto(base: ValueMap, over: ValueMap): void {
  for (const key of Object.keys(over)) {
    const b = base[key];
    const o = over[key]!;
    if (isMap(o) && b !== undefined && isMap(b)) mergeInto(b, o);
    else base[key] = o;
  }
}

function decodeChunk(chunk: Chunk, file: string, kind: 'file' | 'default', sources: SourceMap, duplicates: DuplicateKey[]): ValueMap | null {
  const lineCounter = new LineCounter();
  const docs = parseDocuments(chunk, file, lineCounter);
  const list = Array.isArray(docs) ? docs : [docs];
  // go-yaml decodes only the first document of what the line splitter hands it.
  const doc = list[0];
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + chunk.firstLine, col: p.col };
  };
  if (!doc) {
    const errors = (docs as { errors?: { message: string; pos: [number, number] }[] }).errors ?? [];
    if (errors.length > 0) throw syntaxError(file, errors[0]!, at, chunk.text);
    // helm 4's line splitter can leave a %YAML/%TAG directive without its `---` document, which
    // libyaml rejects ("did not find expected <document start>").
    const directive = chunk.text.split('\n').findIndex((line) => line.startsWith('%'));
    if (directive >= 0) {
      throw new ValuesYamlError(
        'syntax',
        file,
        { line: chunk.firstLine + directive + 1, col: 1 },
        'invalid YAML: did not find expected <document start>: helm reads the documents of a values file separately, so a %-directive cannot apply to the document after "---"; remove the directive',
      );
    }
    return null;
  }
  if (doc.errors.length > 0) throw syntaxError(file, doc.errors[0]!, at, chunk.text);
  const decoder = new Decoder(doc, file, kind, at, sources, duplicates);
  const root = decoder.root();
  if (root === null) return null;
  if (isMap(root)) return root;
  const what = Array.isArray(root) ? 'a list' : `a ${typeof root === 'string' ? 'string' : typeof root === 'boolean' ? 'boolean' : 'number'}`;
  const goType = Array.isArray(root) ? 'array' : typeof root === 'string' ? 'string' : typeof root === 'boolean' ? 'bool' : 'number';
  throw new ValuesYamlError(
    'root-not-map',
    file,
    doc.contents ? at(doc.contents.range![0]) : undefined,
    `a values file must be a map of keys to values, but this document is ${what} (helm: json: cannot unmarshal ${goType} into Go value of type map[string]interface {})`,
  );
}

/**
 * The yaml package's parseAllDocuments, with one step between its two stages: each parsed (CST)
 * document is checked for depth before the recursive composer builds it.
 */
function parseDocuments(chunk: Chunk, file: string, lineCounter: LineCounter): Document[] & { errors?: { message: string; pos: [number, number] }[] } {
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({
    version: '1.1',
    schema: 'failsafe', // every scalar arrives as text; go-yaml's rules are applied below
    uniqueKeys: false, // helm keeps the last of duplicate keys; we report them instead
  });
  function* checked(): Generator<ReturnType<Parser['parse']> extends Generator<infer T> ? T : never> {
    for (const token of parser.parse(chunk.text)) {
      const problem = depthProblem(token);
      if (problem) throw textError(problem, chunk.text, file, chunk.firstLine);
      yield token;
    }
  }
  const docs = Array.from(composer.compose(checked())) as Document[];
  // Like parseAllDocuments: no document, but the stream's errors.
  return docs.length > 0 ? docs : Object.assign([] as Document[], composer.streamInfo());
}

function syntaxError(file: string, err: { message: string; pos: [number, number]; code?: string }, at: (offset: number) => Position, text: string): ValuesYamlError {
  const reason = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  // The common mistakes in plain words, at the place to change (yaml-syntax-message.ts).
  const plain = explainYamlSyntax(text, err.code, reason, err.pos[0]);
  if (plain) return new ValuesYamlError('syntax', file, at(plain.offset), `invalid YAML: ${plain.reason}`);
  return new ValuesYamlError('syntax', file, at(err.pos[0]), `invalid YAML: ${reason}`);
}

const LONG_TAG_PREFIX = 'tag:yaml.org,2002:';
const TAG = {
  null: `${LONG_TAG_PREFIX}null`,
  bool: `${LONG_TAG_PREFIX}bool`,
  str: `${LONG_TAG_PREFIX}str`,
  int: `${LONG_TAG_PREFIX}int`,
  float: `${LONG_TAG_PREFIX}float`,
  timestamp: `${LONG_TAG_PREFIX}timestamp`,
  binary: `${LONG_TAG_PREFIX}binary`,
  merge: `${LONG_TAG_PREFIX}merge`,
} as const;

function shortTag(tag: string): string {
  return tag.startsWith(LONG_TAG_PREFIX) ? `!!${tag.slice(LONG_TAG_PREFIX.length)}` : tag;
}

/** A scalar as go-yaml resolves it, before sigs.k8s.io/yaml turns it into JSON. */
type Resolved =
  | { tag: 'null' }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: bigint } // Go int / int64
  | { tag: 'uint'; value: bigint } // Go uint64 (positive and above int64)
  | { tag: 'float'; value: number }
  | { tag: 'str'; value: string }
  | { tag: 'timestamp'; value: string }
  | { tag: 'binary'; value: string }
  | { tag: 'merge' };

// go-yaml's first-character hints: which resolutions are worth trying for a plain scalar.
function hintOf(s: string): 'N' | 'S' | 'D' | 'M' | '.' | '' {
  if (s === '') return 'N';
  const c = s[0]!;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

const RESOLVE_MAP = new Map<string, Resolved>();
for (const [words, value] of [
  [['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'], { tag: 'bool', value: true }],
  [['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'], { tag: 'bool', value: false }],
  [['', '~', 'null', 'Null', 'NULL'], { tag: 'null' }],
  [['.nan', '.NaN', '.NAN'], { tag: 'float', value: NaN }],
  [['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'], { tag: 'float', value: Infinity }],
  [['-.inf', '-.Inf', '-.INF'], { tag: 'float', value: -Infinity }],
  [['<<'], { tag: 'merge' }],
] as [string[], Resolved][]) {
  for (const word of words) RESOLVE_MAP.set(word, value);
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
// What Go's ParseFloat accepts for text that starts with '.' (Go literal syntax: `_` between digits).
const DOT_FLOAT = /^\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?$/;

function intResult(value: bigint): Resolved {
  return { tag: 'int', value };
}

/** go-yaml v2's `resolve` for a plain scalar (tag '') or a scalar with an explicit tag. */
function resolve(tag: string, input: string): Resolved {
  const resolvable = tag === '' || tag === TAG.str || tag === TAG.bool || tag === TAG.int || tag === TAG.float || tag === TAG.null || tag === TAG.timestamp;
  if (!resolvable) return tag === TAG.binary ? { tag: 'binary', value: input } : { tag: 'str', value: input };
  const out = resolveUntyped(tag, input);
  const outTag = `${LONG_TAG_PREFIX}${out.tag === 'uint' ? 'int' : out.tag}`;
  // An explicit tag must agree with what the text resolves to; !!float also accepts int64 values.
  if (tag === '' || tag === TAG.str || outTag === tag) return out;
  if (tag === TAG.float && out.tag === 'int') return { tag: 'float', value: Number(out.value) };
  throw new TagMismatch(`cannot decode ${shortTag(outTag)} \`${input}\` as a ${shortTag(tag)}`);
}

class TagMismatch extends Error {}

function resolveUntyped(tag: string, input: string): Resolved {
  const hint = hintOf(input);
  if (hint === '' || tag === TAG.str) return { tag: 'str', value: input };
  const known = RESOLVE_MAP.get(input);
  if (known) return known;
  if (hint === '.') {
    if (DOT_FLOAT.test(input) && underscoreOK(input)) {
      const f = Number(input.replace(/_/g, ''));
      if (Number.isFinite(f)) return { tag: 'float', value: f };
    }
  } else if (hint === 'D' || hint === 'S') {
    if ((tag === '' || tag === TAG.timestamp) && isTimestamp(input)) return { tag: 'timestamp', value: input };
    const plain = input.replace(/_/g, '');
    const asInt = parseInt64(plain, 0);
    if (asInt.ok) return intResult(asInt.value);
    const asUint = parseUint64(plain, 0);
    if (asUint.ok) return { tag: 'uint', value: asUint.value };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = Number(plain);
      if (Number.isFinite(f)) return { tag: 'float', value: f }; // Go's ParseFloat fails on overflow
    }
    if (plain.startsWith('0b')) {
      const b = parseInt64(plain.slice(2), 2);
      if (b.ok) return intResult(b.value);
      const ub = parseUint64(plain.slice(2), 2);
      if (ub.ok) return { tag: 'uint', value: ub.value };
    } else if (plain.startsWith('-0b')) {
      const b = parseInt64(`-${plain.slice(3)}`, 2);
      if (b.ok) return intResult(b.value);
    }
  }
  return { tag: 'str', value: input };
}

// The timestamp layouts go-yaml v2 tries (Go layouts "2006-1-2T15:4:5.999999999Z07:00", the same
// with "t", "2006-1-2 15:4:5.999999999" and "2006-1-2").
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/;

function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const hms = m[4] !== undefined ? [m[4], m[5], m[6]] : m[7] !== undefined ? [m[7], m[8], m[9]] : undefined;
  if (hms) {
    const [h, mi, se] = hms.map(Number) as [number, number, number];
    if (h > 23 || mi > 59 || se > 59) return false;
  }
  return true;
}

function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/[\r\n]/g, ''); // Go's decoder skips line breaks, nothing else
  if (!/^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return undefined;
  return new TextDecoder('utf-8').decode(Buffer.from(compact, 'base64'));
}

const GO_JSON_NON_FINITE = (x: number): string => (Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf');

/** Decodes one YAML document with go-yaml's semantics and records where every path came from. */
class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  /** maps and lists open around the node being decoded */
  private nesting = 0;
  /** the root, map values and list items decoded so far (keys are not counted) */
  private valueCount = 0;
  private readonly activeAliases = new Set<Alias>();
  private readonly anchors = new Map<Alias, YamlNode | undefined>();

  constructor(
    private readonly doc: Document,
    private readonly file: string,
    private readonly kind: 'file' | 'default',
    private readonly at: (offset: number) => Position,
    private readonly sources: SourceMap,
    private readonly duplicates: DuplicateKey[],
  ) {
    // An alias refers to the closest earlier anchor of that name; an anchor counts from the moment
    // its node starts, so an alias inside the anchored node refers to that node (and is an error).
    const defined = new Map<string, YamlNode>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) this.anchors.set(node, defined.get(node.source));
        else if ((node as { anchor?: string }).anchor) defined.set((node as { anchor: string }).anchor, node as YamlNode);
      },
    });
  }

  root(): Value {
    this.count(); // go-yaml counts the document node itself
    return this.value((this.doc.contents as YamlNode | null) ?? null, '', undefined);
  }

  private fail(code: ValuesYamlErrorCode, node: YamlNode | null | undefined, reason: string, fallback?: Position): never {
    const pos = node?.range ? this.at(node.range[0]) : fallback;
    throw new ValuesYamlError(code, this.file, pos, reason);
  }

  private position(node: YamlNode | null | undefined, fallback?: Position): Position {
    return node?.range ? this.at(node.range[0]) : (fallback ?? { line: 1, col: 1 });
  }

  private record(path: string, pos: Position): void {
    const source: Source = { kind: this.kind, file: this.file, line: pos.line, col: pos.col };
    this.sources.set(path, source);
  }

  /** go-yaml's bookkeeping on every decoded node, including its billion-laughs guard. */
  private count(node?: YamlNode | null): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > MIN_ALIAS_EXPANSIONS &&
      this.decodeCount > MIN_DECODED_NODES &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      this.fail(
        'excessive-aliasing',
        node,
        `document contains excessive aliasing: ${this.aliasCount} of ${this.decodeCount} decoded nodes come from aliases (helm refuses such files too)`,
      );
    }
  }

  private resolveAlias(alias: Alias): YamlNode {
    if (this.activeAliases.has(alias)) this.fail('alias', alias, `anchor '${alias.source}' value contains itself`);
    const target = this.anchors.get(alias);
    if (!target) this.fail('alias', alias, `unknown anchor '${alias.source}' referenced (define "&${alias.source}" before using "*${alias.source}")`);
    return target;
  }

  private withAlias<T>(alias: Alias, body: (target: YamlNode) => T): T {
    const target = this.resolveAlias(alias);
    this.activeAliases.add(alias);
    this.aliasDepth++;
    try {
      return body(target);
    } finally {
      this.aliasDepth--;
      this.activeAliases.delete(alias);
    }
  }

  /** The value of `node` at `path`; `keyPos` is where its key is, used as the position of a null. */
  private value(node: YamlNode | null, path: string, keyPos: Position | undefined): Value {
    this.count(node);
    if (++this.valueCount > MAX_VALUES_NODES) {
      const aliases = this.aliasCount > 0 ? ` (most from aliases: ${formatCount(this.aliasCount)} of ${formatCount(this.decodeCount)} decoded nodes)` : '';
      this.fail(
        'too-large',
        node,
        `the file holds more than ${formatCount(MAX_VALUES_NODES)} map entries and list items by this point${aliases}, the limit (values for this chart need a few hundred): remove what the chart does not use`,
      );
    }
    if (node === null) {
      this.record(path, keyPos ?? { line: 1, col: 1 });
      return null;
    }
    if (isAlias(node)) {
      const v = this.withAlias(node, (target) => this.value(target, path, keyPos));
      this.record(path, v === null && keyPos ? keyPos : this.position(node));
      return v;
    }
    if (isScalar(node)) {
      const v = this.scalarValue(node);
      this.record(path, v === null && keyPos ? keyPos : this.position(node));
      return v;
    }
    if (isYamlMap(node)) {
      const out = newMap();
      this.record(path, this.position(node, keyPos));
      this.nested(node, path, () => this.mapping(node as YAMLMap, out, path, this.aliasDepth === 0));
      return out;
    }
    if (isSeq(node)) {
      this.record(path, this.position(node, keyPos));
      return this.nested(node, path, () => node.items.map((item, i) => this.value((item as YamlNode | null) ?? null, appendPath(path, i), undefined)));
    }
    return this.fail('syntax', node, 'unsupported YAML node');
  }

  /** Decodes the inside of a map or list; aliases can nest deeper than the text (the parser checked the text). */
  private nested<T>(node: YamlNode, path: string, body: () => T): T {
    if (++this.nesting > MAX_VALUES_DEPTH) {
      this.fail('too-deep', node, `${tooDeep(path, 'counting what aliases expand to')}: flatten them`);
    }
    try {
      return body();
    } finally {
      this.nesting--;
    }
  }

  private scalarValue(node: Scalar): Value {
    const r = this.resolveScalar(node);
    switch (r.tag) {
      case 'null':
        return null;
      case 'bool':
        return r.value;
      case 'int':
      case 'uint':
        return Number(r.value); // the JSON round trip makes every number a float64
      case 'float':
        if (!Number.isFinite(r.value)) {
          this.fail(
            'non-finite-number',
            node,
            `${String(node.source ?? node.value)} is ${Number.isNaN(r.value) ? 'not a number' : 'infinite'}, which helm cannot load (json: unsupported value: ${GO_JSON_NON_FINITE(r.value)}); quote it if you meant a string`,
          );
        }
        return r.value;
      case 'str':
        return r.value;
      case 'timestamp':
        return String(node.value); // go-yaml hands timestamps to interface{} as their text
      case 'binary': {
        const decoded = decodeBase64(r.value);
        if (decoded === undefined) this.fail('tag', node, '!!binary value contains invalid base64 data');
        return decoded;
      }
      case 'merge':
        return '<<';
    }
  }

  private resolveScalar(node: Scalar): Resolved {
    const text = String(node.value ?? '');
    const tag = node.tag ?? '';
    // Quoted and block scalars without a tag are strings; everything else goes through resolve.
    if (tag === '' && node.type !== 'PLAIN') return { tag: 'str', value: text };
    try {
      return resolve(tag, text);
    } catch (e) {
      if (e instanceof TagMismatch) this.fail('tag', node, e.message);
      throw e;
    }
  }

  private isMergeKey(key: YamlNode | null): boolean {
    if (!key || !isScalar(key) || key.value !== '<<') return false;
    return (key.type === 'PLAIN' && (key.tag === undefined || key.tag === '!')) || key.tag === TAG.merge;
  }

  /** Decodes the pairs of `node` into `target`, in order, later keys winning (as go-yaml does). */
  private mapping(node: YAMLMap, target: ValueMap, path: string, reportDuplicates: boolean): void {
    const seen = new Map<string, Position>();
    for (const pair of node.items as Pair<YamlNode | null, YamlNode | null>[]) {
      const keyNode = pair.key ?? null;
      if (this.isMergeKey(keyNode)) {
        this.merge(pair.value ?? null, target, path, keyNode!);
        continue;
      }
      const keyPos = this.position(keyNode, this.position(pair.value ?? null));
      const key = this.key(keyNode, pair.value ?? null, keyPos);
      const childPath = appendPath(path, key);
      const earlier = seen.get(key);
      if (earlier && reportDuplicates) this.duplicates.push({ path: childPath, first: earlier, second: keyPos });
      seen.set(key, keyPos);
      target[key] = this.value(pair.value ?? null, childPath, keyPos);
    }
  }

  /** `<<: map`, `<<: *alias` or `<<: [maps…]`: go-yaml decodes them into the map being built. */
  private merge(node: YamlNode | null, target: ValueMap, path: string, keyNode: YamlNode): void {
    const wantMap = (): never =>
      this.fail('merge', node ?? keyNode, 'map merge requires map or sequence of maps as the value');
    const mergeOne = (item: YamlNode | null): void => {
      this.count(item);
      if (item && isAlias(item)) {
        this.withAlias(item, (t) => {
          if (!isYamlMap(t)) wantMap();
          this.count(t);
          this.mapping(t as YAMLMap, target, path, false);
        });
      } else if (item && isYamlMap(item)) {
        this.mapping(item as YAMLMap, target, path, this.aliasDepth === 0);
      } else {
        wantMap();
      }
    };
    if (node && isSeq(node)) {
      // Earlier maps in the list take precedence, so they are applied last.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = (node.items[i] as YamlNode | null) ?? null;
        if (!item || (!isYamlMap(item) && !isAlias(item))) wantMap();
        mergeOne(item);
      }
    } else {
      mergeOne(node);
    }
  }

  /** A key as sigs.k8s.io/yaml turns it into a JSON object key. */
  private key(node: YamlNode | null, valueNode: YamlNode | null, keyPos: Position): string {
    this.count(node);
    if (node && isAlias(node)) return this.withAlias(node, (target) => this.key(target, valueNode, keyPos));
    if (node && (isYamlMap(node) || isSeq(node))) {
      this.fail('invalid-key', node, `invalid map key: a key must be a scalar, not a ${isSeq(node) ? 'list' : 'map'}`);
    }
    const r: Resolved = node && isScalar(node) ? this.resolveScalar(node) : { tag: 'null' };
    switch (r.tag) {
      case 'str':
        return r.value;
      case 'timestamp':
        return r.value;
      case 'bool':
        return r.value ? 'true' : 'false';
      case 'int':
        return r.value.toString();
      case 'float': {
        const s = formatFloat32G(r.value); // sigs.k8s.io/yaml formats float keys at float32 precision
        return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
      }
      case 'merge':
        return '<<';
      case 'binary': {
        const decoded = decodeBase64(r.value);
        if (decoded === undefined) this.fail('tag', node, '!!binary value contains invalid base64 data');
        return decoded;
      }
      case 'uint':
        return this.fail('invalid-key', node, `unsupported map key ${r.value} (uint64): helm cannot use integers above 9223372036854775807 as keys; quote the key`, keyPos);
      case 'null':
        return this.fail('invalid-key', node, 'unsupported map key of type null (an empty, "~" or "null" key); quote the key if you meant the string', keyPos);
    }
  }
}
