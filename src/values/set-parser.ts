/**
 * helm's `--set`, `--set-string`, `--set-json`, `--set-file` and `--set-literal` parsers, ported
 * from helm's pkg/strvals so that every accepted string, every type, every quirk and every error
 * message matches helm 4.1.4 (and helm 3.17.3, except where noted).
 *
 * The port keeps Go's shape on purpose: the grammar is defined by the code, not by a spec, so each
 * function mirrors its Go counterpart and Go's error values (including io.EOF, which ends a parse
 * successfully) are modelled explicitly.
 *
 * Known helm 3 / helm 4 differences, resolved in favour of helm 4 (helm 3 is available as a
 * dialect for tests):
 * - an index cut off by the end of the string (`a[1`, `a[0][1`) is a silent no-op in helm 4 (its
 *   parse loop treats the wrapped io.EOF as the end of input) and an error in helm 3
 *   ("error parsing index: EOF");
 * - `--set-json '{"top":{"x":1}}'`, a whole JSON object, is merged at the root by helm 4 and
 *   rejected by helm 3.
 */
import { AiGatewayCoreError } from '../errors.js';
import { atoi, parseInt64 } from '../go/strconv.js';
import { goQuote, goQuoteRunes } from '../go/quote.js';
import { appendPath, type SetFlag, type Source, type SourceMap } from './source.js';
import { isMap, newMap, type Value, type ValueMap } from './types.js';
import { MAX_VALUES_DEPTH, MAX_VALUES_NODES, ValuesLimitError, formatCount, tooDeep } from './limits.js';

/** helm's strvals.MaxIndex: the largest list index a `--set` path may use. */
export const MAX_INDEX = 65536;
/** helm's strvals.MaxNestedNameLevel: how many `.`-separated levels a key may have. */
export const MAX_NESTED_NAME_LEVEL = 30;

/**
 * A `--set*` argument helm would reject. `message` is helm's own text (without "Error: "). A flag
 * value that cannot be used is a usage error (exit 2), as for every other flag.
 */
export class SetSyntaxError extends AiGatewayCoreError {
  override readonly name = 'SetSyntaxError';
  constructor(
    readonly flag: SetFlag,
    readonly arg: string,
    /** what is wrong, in helm's words (`key "x" has no value`, `open f: no such file or directory`, …) */
    readonly reason: string,
    /** helm's whole message (`failed parsing --set data: …`), which the tests hold equal to helm's */
    readonly helmMessage: string,
    /** ours: the flag as written first, and the whole key path where helm names its last segment */
    message = helmMessage,
  ) {
    super(message, 2);
  }
}

/**
 * List items the set flags of one run may create, padding included (`a[65536]=x` makes 65,537).
 * helm only bounds each index; without a budget, many such pairs would exhaust memory. One list
 * as long as helm allows still parses (the values are then over MAX_VALUES_NODES, see merge.ts).
 */
export interface SetBudget {
  listItems: number;
}

export const SET_LIST_ITEMS = MAX_INDEX + 1;

export function newSetBudget(): SetBudget {
  return { listItems: SET_LIST_ITEMS };
}

/** Reads the file named by a `--set-file` value; throws (with a user-facing message) if it cannot. */
export type FileReader = (path: string) => string;

/**
 * `helm3` reproduces helm 3.17.3 where it differs (a truncated index is an error, and --set-json
 * has no whole-object form). It exists so tests can hold helm 3 to the same standard; the
 * product uses the default, helm 4.
 */
export interface SetParserOptions {
  dialect?: 'helm4' | 'helm3';
  /** shared by the flags of one run (buildUserValues); a fresh one per call otherwise */
  budget?: SetBudget;
}

export function parseSetInto(arg: string, dest: ValueMap, sources?: SourceMap, options: SetParserOptions = {}): void {
  runParser('--set', arg, dest, sources, options, (rs) => [typedVal(rs, false), null]);
}

export function parseSetStringInto(arg: string, dest: ValueMap, sources?: SourceMap, options: SetParserOptions = {}): void {
  runParser('--set-string', arg, dest, sources, options, (rs) => [rs, null]);
}

export function parseSetFileInto(arg: string, dest: ValueMap, readFile: FileReader, sources?: SourceMap, options: SetParserOptions = {}): void {
  runParser('--set-file', arg, dest, sources, options, (rs) => {
    try {
      return [readFile(rs), null];
    } catch (e) {
      // Our own reader's errors (missing file, over the size limit) say it best themselves.
      if (e instanceof AiGatewayCoreError) throw e;
      return [null, goErr(e instanceof Error ? e.message : String(e))];
    }
  });
}

export function parseSetJsonInto(arg: string, dest: ValueMap, sources?: SourceMap, options: SetParserOptions = {}): void {
  // helm 4 also takes a whole JSON object, merged at the root; helm 3 rejects it.
  const trimmed = goTrimSpace(arg);
  const rec = new Recorder(sources ?? new Map(), { kind: 'flag', flag: '--set-json', arg }, options.budget);
  const helm3 = options.dialect === 'helm3';
  if (trimmed.startsWith('{') && !helm3) {
    const parsed = parseJsonText(trimmed);
    if ('err' in parsed || !isMap(parsed.value)) {
      const reason = 'err' in parsed ? parsed.err : 'not a JSON object';
      throw new SetSyntaxError('--set-json', arg, reason, `failed parsing --set-json data JSON: ${arg}`);
    }
    mergeJsonObject(dest, parsed.value, '', rec);
    return;
  }
  const parser = new Parser(new RuneScanner(arg), dest, null, rec, helm3);
  const err = parser.parse();
  if (err) throw new SetSyntaxError('--set-json', arg, err.msg, `failed parsing --set-json data ${arg}`);
}

export function parseSetLiteralInto(arg: string, dest: ValueMap, sources?: SourceMap, options: SetParserOptions = {}): void {
  const rec = new Recorder(sources ?? new Map(), { kind: 'flag', flag: '--set-literal', arg }, options.budget);
  const err = new LiteralParser(new RuneScanner(arg), dest, rec, options.dialect === 'helm3').parse();
  if (err) {
    const helm = `failed parsing --set-literal data: ${err.msg}`;
    throw new SetSyntaxError('--set-literal', arg, err.msg, helm, flagMessage('--set-literal', arg, err, helm));
  }
}

function runParser(
  flag: '--set' | '--set-string' | '--set-file',
  arg: string,
  dest: ValueMap,
  sources: SourceMap | undefined,
  options: SetParserOptions,
  reader: Reader,
): void {
  const rec = new Recorder(sources ?? new Map(), { kind: 'flag', flag, arg }, options.budget);
  const err = new Parser(new RuneScanner(arg), dest, reader, rec, options.dialect === 'helm3').parse();
  if (err) {
    const helm = `failed parsing ${flag} data: ${err.msg}`;
    throw new SetSyntaxError(flag, arg, err.msg, helm, flagMessage(flag, arg, err, helm));
  }
}

// ---------------------------------------------------------------------------------------------
// Go's error values, as far as the parser's control flow depends on them.

interface GoErr {
  msg: string;
  /** errors.Is(err, io.EOF) / errors.Is(err, ErrNotList) survive wrapping with %w */
  is: 'EOF' | 'NotList' | null;
  /** helm 3 compares with ==, which a wrapped io.EOF does not satisfy */
  wrapped?: boolean;
  /** the message with the whole key path the user wrote instead of helm's last segment */
  whole?: string;
}

const EOF: GoErr = { msg: 'EOF', is: 'EOF' };
const NOT_LIST: GoErr = { msg: 'not a list', is: 'NotList' };

function goErr(msg: string): GoErr {
  return { msg, is: null };
}

/**
 * helm's "key has no value" error, which names only the last segment (`key "b"` for `a.b`);
 * `whole` names the path the user wrote, so the message points at the flag to fix.
 */
function noValue(k: string, path: string, prefix = 'key', suffix = ''): GoErr {
  const msg = `${prefix} ${goQuote(k)} has no value${suffix}`;
  // A path that had to be quoted (`a[""]`) is not how the user wrote it: keep helm's segment.
  return { msg, is: null, whole: path.includes('["') ? undefined : `${prefix} ${goQuote(path)} has no value${suffix}` };
}

/** How a failed flag names itself: the flag and its argument, shortened when long. */
function flagMessage(flag: SetFlag, arg: string, err: GoErr, helm: string): string {
  const shown = arg.length > 120 ? `${arg.slice(0, 117)}...` : arg;
  return `${flag} ${shown}: ${err.whole !== undefined ? helm.slice(0, helm.length - err.msg.length) + err.whole : helm}`;
}

function wrap(prefix: string, err: GoErr): GoErr {
  return { msg: `${prefix}: ${err.msg}`, is: err.is, wrapped: true, whole: err.whole === undefined ? undefined : `${prefix}: ${err.whole}` };
}

/** A failed Go type assertion: helm recovers it and reports "unable to parse key: …". */
class GoPanic extends Error {}

/** A rune reader over the argument, like the bytes.Buffer helm reads from. */
class RuneScanner {
  private readonly runes: string[];
  private pos = 0;
  constructor(text: string) {
    this.runes = [...text];
  }
  readRune(): string | null {
    return this.pos < this.runes.length ? this.runes[this.pos++]! : null;
  }
  unreadRune(): void {
    this.pos--;
  }
  rest(): string {
    return this.runes.slice(this.pos).join('');
  }
  /** Skips the runes that make up the first `units` UTF-16 code units of `rest()`. */
  discardUnits(units: number): void {
    let seen = 0;
    while (seen < units && this.pos < this.runes.length) seen += this.runes[this.pos++]!.length;
  }
}

type Reader = (rs: string) => [Value, GoErr | null];

const UNICODE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

function isGoSpace(r: string): boolean {
  return UNICODE_SPACE.test(r);
}

function goTrimSpace(s: string): string {
  const runes = [...s];
  let start = 0;
  let end = runes.length;
  while (start < end && isGoSpace(runes[start]!)) start++;
  while (end > start && isGoSpace(runes[end - 1]!)) end--;
  return runes.slice(start, end).join('');
}

/** Reads up to (and consumes) the first rune in `stop`; a backslash makes the next rune literal. */
function runesUntil(sc: RuneScanner, stop: string, escapes = true): { v: string; last: string | null; err: GoErr | null } {
  let v = '';
  for (;;) {
    const r = sc.readRune();
    if (r === null) return { v, last: null, err: EOF };
    if (stop.includes(r)) return { v, last: r, err: null };
    if (escapes && r === '\\') {
      const next = sc.readRune();
      if (next === null) return { v, last: null, err: EOF };
      v += next;
    } else {
      v += r;
    }
  }
}

// Go's strings.EqualFold for the ASCII words typedVal compares against: besides ASCII case, the
// only runes that fold onto their letters are U+017F (long s → s) and U+212A (Kelvin → k).
function equalFold(s: string, word: string): boolean {
  const runes = [...s];
  if (runes.length !== word.length) return false;
  return runes.every((r, i) => {
    const folded = r === '\u017f' ? 's' : r === '\u212a' ? 'k' : r.length === 1 && r < '\x80' ? r.toLowerCase() : r;
    return folded === word[i];
  });
}

/** helm's typedVal: how a `--set` value becomes bool, null, int64 or string. */
export function typedVal(val: string, forceString: boolean): Value {
  if (forceString) return val;
  if (equalFold(val, 'true')) return true;
  if (equalFold(val, 'false')) return false;
  if (equalFold(val, 'null')) return null;
  if (val === '0') return 0;
  // Only values that do not start with '0' may become integers ("007" stays a string).
  if (val.length !== 0 && val[0] !== '0') {
    const iv = parseInt64(val, 10);
    if (iv.ok) return Number.isSafeInteger(Number(iv.value)) ? Number(iv.value) : iv.value;
  }
  return val;
}

// ---------------------------------------------------------------------------------------------
// Source recording and Go type names for panic messages.

class Recorder {
  /** `[i][j]…` levels being parsed: the parser recurses once per level */
  indexNesting = 0;

  constructor(
    readonly sources: SourceMap,
    readonly source: Source & { kind: 'flag' },
    readonly budget: SetBudget = newSetBudget(),
  ) {}

  /** Takes `n` list items from the run's budget. */
  takeListItems(n: number, index: bigint): void {
    this.budget.listItems -= n;
    if (this.budget.listItems < 0) {
      throw new ValuesLimitError(
        'MAX_VALUES_NODES',
        `${this.source.flag} ${shorten(this.source.arg)}: index ${index} would make the lists set by the flags hold more than ${formatCount(SET_LIST_ITEMS)} items together (each index pads its list with nulls; values may hold at most ${formatCount(MAX_VALUES_NODES)} entries): use smaller indexes`,
      );
    }
  }

  /** Enters one more `[i]` level; the caller leaves it with `indexNesting--`. */
  enterIndex(path: string): void {
    if (++this.indexNesting > MAX_VALUES_DEPTH) {
      throw new ValuesLimitError('MAX_VALUES_DEPTH', `${this.source.flag} ${shorten(this.source.arg)}: ${tooDeep(path, 'nested list indexes [0][0]…')}: flatten the value`);
    }
  }

  /** Records `value` at `path` and everything below it as written by this flag. */
  tree(path: string, value: Value): void {
    this.sources.set(path, this.source);
    if (Array.isArray(value)) value.forEach((item, i) => this.tree(appendPath(path, i), item));
    else if (isMap(value)) for (const k of Object.keys(value)) this.tree(appendPath(path, k), value[k]!);
  }

  one(path: string): void {
    this.sources.set(path, this.source);
  }

  /** The Go dynamic type of a value already in the map, for helm's "interface conversion" panics. */
  goType(value: Value, path: string): string {
    if (value === null) return 'nil';
    if (typeof value === 'boolean') return 'bool';
    if (typeof value === 'string') return 'string';
    if (typeof value === 'bigint') return 'int64';
    if (typeof value === 'number') {
      const s = this.sources.get(path);
      return s?.kind === 'flag' && s.flag === '--set' ? 'int64' : 'float64'; // --set makes int64, files float64
    }
    if (Array.isArray(value)) return '[]interface {}';
    return 'map[string]interface {}';
  }
}

function has(data: ValueMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(data, key);
}

/** strvals' `set`: an empty key is silently ignored. */
function set(data: ValueMap, key: string, val: Value, path: string, rec: Recorder): void {
  if (key.length === 0) return;
  data[key] = val;
  rec.tree(path, val);
}

/** A long flag argument, cut for an error message. */
function shorten(arg: string): string {
  return arg.length > 80 ? `${arg.slice(0, 77)}...` : arg;
}

/** strvals' `setIndex`: grows the list with nulls as needed. */
function setIndex(list: Value[], index: bigint, val: Value, listPath: string, rec: Recorder, record: 'tree' | 'one' | 'none' = 'tree'): [Value[], GoErr | null] {
  if (index < 0n) return [list, goErr(`negative ${index} index not allowed`)];
  if (index > BigInt(MAX_INDEX)) return [list, goErr(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`)];
  const i = Number(index);
  if (i >= list.length) rec.takeListItems(i + 1 - list.length, index);
  for (let p = list.length; p < i; p++) {
    list.push(null);
    rec.one(appendPath(listPath, p));
  }
  list[i] = val;
  if (record === 'tree') rec.tree(appendPath(listPath, i), val);
  else if (record === 'one') rec.one(appendPath(listPath, i));
  return [list, null];
}

// ---------------------------------------------------------------------------------------------
// The typed / string / file / JSON parser (strvals' `parser`).

/** What strvals' two parsers share: reading `key…=value` pairs until the argument ends. */
abstract class PairParser {
  constructor(
    protected readonly sc: RuneScanner,
    protected readonly data: ValueMap,
    protected readonly rec: Recorder,
    protected readonly helm3: boolean,
  ) {}

  /** `\` escapes in keys: --set and its typed siblings have them, --set-literal does not. */
  protected abstract readonly escapes: boolean;

  protected abstract key(data: ValueMap, nestedNameLevel: number, path: string): GoErr | null;

  /** What follows `list[i]=`. */
  protected abstract listValue(list: Value[], i: bigint, listPath: string): [Value[], GoErr | null];

  parse(): GoErr | null {
    for (;;) {
      let err: GoErr | null;
      try {
        err = this.key(this.data, 0, '');
      } catch (e) {
        if (!(e instanceof GoPanic)) throw e;
        err = goErr(`unable to parse key: ${e.message}`);
      }
      if (err === null) continue;
      if (err.is === 'EOF' && !(this.helm3 && err.wrapped)) return null;
      return err;
    }
  }

  /** After `k.`: descend into (or create) the map named k and read the rest of the key there. */
  protected nested(data: ValueMap, k: string, nestedNameLevel: number, childPath: string): GoErr | null {
    if (nestedNameLevel > MAX_NESTED_NAME_LEVEL) {
      return goErr(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
    }
    let inner = newMap();
    const existed = has(data, k);
    if (existed) {
      const cur = data[k]!;
      if (!isMap(cur)) throw new GoPanic(`interface conversion: interface {} is ${this.rec.goType(cur, childPath)}, not map[string]interface {}`);
      inner = cur;
    }
    const e = this.key(inner, nestedNameLevel, childPath);
    if (e === null && Object.keys(inner).length === 0) return noValue(k, childPath, 'key map');
    if (Object.keys(inner).length !== 0 && k.length > 0) {
      data[k] = inner;
      if (!existed) this.rec.one(childPath);
    }
    return e;
  }

  /** After `k[`: the list named k (created if missing), then the rest of the key at its index. */
  protected indexed(data: ValueMap, k: string, nestedNameLevel: number, childPath: string): GoErr | null {
    const idx = this.keyIndex();
    if (!idx.ok) return wrap('error parsing index', idx.err);
    let list: Value[] = [];
    const existed = has(data, k);
    if (existed) {
      const cur = data[k]!;
      if (!Array.isArray(cur)) throw new GoPanic(`interface conversion: interface {} is ${this.rec.goType(cur, childPath)}, not []interface {}`);
      list = cur;
    }
    const [l, e] = this.listItem(list, idx.value, nestedNameLevel, childPath);
    if (k.length > 0) {
      data[k] = l;
      if (!existed) this.rec.one(childPath);
    }
    return e;
  }

  protected keyIndex(): { ok: true; value: bigint } | { ok: false; err: GoErr } {
    const { v, err } = runesUntil(this.sc, ']', this.escapes);
    if (err) return { ok: false, err };
    const n = atoi(v);
    return n.ok ? n : { ok: false, err: goErr(n.message) };
  }

  protected listItem(list: Value[], i: bigint, nestedNameLevel: number, listPath: string): [Value[], GoErr | null] {
    if (i < 0n) return [list, goErr(`negative ${i} index not allowed`)];
    const { v: k, last, err } = runesUntil(this.sc, '[.=', this.escapes);
    if (k.length > 0) return [list, goErr(`unexpected data at end of array index: ${goQuoteRunes(k)}`)];
    if (err) return [list, err];
    const itemPath = i <= BigInt(MAX_INDEX) ? appendPath(listPath, Number(i)) : listPath;
    switch (last) {
      case '=':
        return this.listValue(list, i, listPath);
      case '.': {
        let inner = newMap();
        let existed = false;
        if (BigInt(list.length) > i) {
          const cur = list[Number(i)]!;
          if (isMap(cur)) [inner, existed] = [cur, true];
          else list[Number(i)] = inner; // Go mutates the shared list before recursing
        }
        const e = this.key(inner, nestedNameLevel, itemPath);
        if (e) return [list, e];
        return setIndex(list, i, inner, listPath, this.rec, existed ? 'none' : 'one');
      }
      default: {
        const next = this.keyIndex();
        if (!next.ok) return [list, wrap('error parsing index', next.err)];
        let crtList: Value[] = [];
        let existed = false;
        if (BigInt(list.length) > i) {
          const cur = list[Number(i)]!;
          if (cur !== null) {
            if (!Array.isArray(cur)) throw new GoPanic(`interface conversion: interface {} is ${this.rec.goType(cur, itemPath)}, not []interface {}`);
            [crtList, existed] = [cur, true];
          }
        }
        this.rec.enterIndex(itemPath);
        const [list2, e] = this.listItem(crtList, next.value, nestedNameLevel, itemPath);
        this.rec.indexNesting--;
        if (e) return [list, e];
        return setIndex(list, i, list2, listPath, this.rec, existed ? 'none' : 'one');
      }
    }
  }
}

class Parser extends PairParser {
  protected readonly escapes = true;

  constructor(
    sc: RuneScanner,
    data: ValueMap,
    /** null selects JSON values (--set-json) */
    private readonly reader: Reader | null,
    rec: Recorder,
    helm3: boolean,
  ) {
    super(sc, data, rec, helm3);
  }


  protected key(data: ValueMap, nestedNameLevel: number, path: string): GoErr | null {
    const { v: k, last, err } = runesUntil(this.sc, '=[,.');
    const childPath = appendPath(path, k);
    if (err) return k.length === 0 ? err : noValue(k, childPath);
    switch (last) {
      case '[':
        return this.indexed(data, k, nestedNameLevel, childPath);
      case '=': {
        if (this.reader === null) return this.jsonValue((v) => set(data, k, v, childPath, this.rec), childPath);
        const vl = this.valList();
        if (vl.err === null) {
          set(data, k, vl.list, childPath, this.rec);
          return null;
        }
        if (vl.err.is === 'EOF') {
          set(data, k, '', childPath, this.rec);
          return vl.err;
        }
        if (vl.err.is === 'NotList') {
          const { v: rs, err: e } = this.val();
          if (e && e.is !== 'EOF') return e;
          const [v, re] = this.reader(rs);
          set(data, k, v, childPath, this.rec);
          return re;
        }
        return vl.err;
      }
      case ',':
        set(data, k, '', childPath, this.rec);
        return noValue(k, childPath, 'key', ' (cannot end with ,)');
      default: {
        // '.': descend into (or create) the map named k.
        return this.nested(data, k, nestedNameLevel + 1, childPath);
      }
    }
  }

  /** After `list[i]=`: a JSON value, a `{a,b}` list, or a typed (or string, or file) value. */
  protected listValue(list: Value[], i: bigint, listPath: string): [Value[], GoErr | null] {
    if (this.reader === null) {
      let out: [Value[], GoErr | null] = [list, null];
      const e = this.jsonValue((v) => {
        out = setIndex(list, i, v, listPath, this.rec);
        return out[1];
      }, appendPath(listPath, Number(i)));
      return e ? [out[0], e] : out;
    }
    const vl = this.valList();
    if (vl.err === null) return setIndex(list, i, vl.list, listPath, this.rec);
    if (vl.err.is === 'EOF') return setIndex(list, i, '', listPath, this.rec);
    if (vl.err.is === 'NotList') {
      const { v: rs, err: e } = this.val();
      if (e && e.is !== 'EOF') return [list, e];
      const [v, re] = this.reader(rs);
      if (re) return [list, re];
      return setIndex(list, i, v, listPath, this.rec);
    }
    return [list, vl.err];
  }

  /** --set-json's value: empty means null; otherwise one JSON value, then optional blanks and a comma. */
  private jsonValue(store: (v: Value) => GoErr | null | void, at: string): GoErr | null {
    if (this.emptyVal()) {
      return store(null) ?? null;
    }
    const decoded = decodeJsonPrefix(this.sc.rest(), at);
    if ('err' in decoded) return goErr(decoded.err);
    const e = store(decoded.value);
    if (e) return e;
    this.sc.discardUnits(decoded.consumed);
    this.emptyVal();
    return null;
  }

  /** Consumes blanks up to a comma or the end (an empty value) or stops before anything else. */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.readRune();
      if (r === null || r === ',') return true;
      if (!isGoSpace(r)) {
        this.sc.unreadRune();
        return false;
      }
    }
  }

  private val(): { v: string; err: GoErr | null } {
    const { v, err } = runesUntil(this.sc, ',');
    return { v, err };
  }

  /** `{a,b,c}`: a list of values read with the parser's reader. */
  private valList(): { list: Value[]; err: GoErr | null } {
    const r = this.sc.readRune();
    if (r === null) return { list: [], err: EOF };
    if (r !== '{') {
      this.sc.unreadRune();
      return { list: [], err: NOT_LIST };
    }
    const list: Value[] = [];
    for (;;) {
      const { v: rs, last, err } = runesUntil(this.sc, ',}');
      if (err) return { list, err: err.is === 'EOF' ? goErr("list must terminate with '}'") : err };
      if (last === '}') {
        const after = this.sc.readRune();
        if (after !== null && after !== ',') this.sc.unreadRune();
        const [v, e] = this.reader!(rs);
        list.push(v);
        return { list, err: e };
      }
      const [v, e] = this.reader!(rs);
      if (e) return { list, err: e };
      list.push(v);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// --set-literal (strvals' literalParser): keys as above but without `,` or escapes; the value is
// the whole rest of the argument.

class LiteralParser extends PairParser {
  protected readonly escapes = false;

  protected key(data: ValueMap, nestedNameLevel: number, path: string): GoErr | null {
    const { v: k, last, err } = runesUntil(this.sc, '=[.', false);
    const childPath = appendPath(path, k);
    if (err) return k.length === 0 ? err : noValue(k, childPath);
    switch (last) {
      case '=':
        set(data, k, this.val(), childPath, this.rec);
        return null;
      case '.': {
        return this.nested(data, k, nestedNameLevel + 1, childPath);
      }
      default: // '['
        return this.indexed(data, k, nestedNameLevel, childPath);
    }
  }

  /** After `list[i]=`: the whole rest of the argument. */
  protected listValue(list: Value[], i: bigint, listPath: string): [Value[], GoErr | null] {
    return setIndex(list, i, this.val(), listPath, this.rec);
  }

  private val(): string {
    return runesUntil(this.sc, '', false).v;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON values for --set-json, decoded the way Go's json.Decoder does it: the first complete JSON
// value at the start of the text (anything after it is left for the key parser), numbers as
// float64 (an overflow is an error), lone surrogate escapes as U+FFFD.

function isJsonSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Where the first JSON value in `s` ends, following the state machine of Go's json scanner. */
function scanJsonValueEnd(s: string): number | string {
  let i = 0;
  while (isJsonSpace(s[i])) i++;
  const start = s[i];
  if (start === undefined) return 'unexpected end of JSON input';
  if (start === '{' || start === '[') {
    const stack: string[] = [];
    for (; i < s.length; i++) {
      const c = s[i]!;
      if (c === '"') {
        const end = scanString(s, i);
        if (typeof end === 'string') return end;
        i = end - 1;
      } else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
      else if (c === '}' || c === ']') {
        if (stack.pop() !== c) return `invalid character '${c}'`;
        if (stack.length === 0) return i + 1;
      }
    }
    return 'unexpected end of JSON input';
  }
  if (start === '"') return scanString(s, i);
  if (start === '-' || (start >= '0' && start <= '9')) return scanNumber(s, i);
  for (const word of ['true', 'false', 'null']) {
    if (start === word[0]) {
      for (let j = 0; j < word.length; j++) if (s[i + j] !== word[j]) return `invalid character in literal ${word}`;
      return i + word.length;
    }
  }
  return `invalid character '${start}' looking for beginning of value`;
}

function scanString(s: string, open: number): number | string {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i + 1;
  }
  return 'unexpected end of JSON input';
}

function scanNumber(s: string, start: number): number | string {
  let i = start;
  const digit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  if (s[i] === '-') i++;
  if (s[i] === '0') i++;
  else if (digit(s[i])) while (digit(s[i])) i++;
  else return 'invalid character in numeric literal';
  if (s[i] === '.') {
    i++;
    if (!digit(s[i])) return 'invalid character after decimal point in numeric literal';
    while (digit(s[i])) i++;
  }
  if (s[i] === 'e' || s[i] === 'E') {
    i++;
    if (s[i] === '+' || s[i] === '-') i++;
    if (!digit(s[i])) return 'invalid character in exponent of numeric literal';
    while (digit(s[i])) i++;
  }
  return i;
}

function fixSurrogates(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

class JsonRangeError extends Error {}

function toValue(v: unknown): Value {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new JsonRangeError('number out of range for float64');
    return v;
  }
  if (typeof v === 'string') return fixSurrogates(v);
  if (Array.isArray(v)) return v.map(toValue);
  const out = newMap();
  for (const [k, item] of Object.entries(v as Record<string, unknown>)) out[fixSurrogates(k)] = toValue(item);
  return out;
}

/** How deep the JSON text nests (brackets outside strings), stopping at the first level over `max`. */
/**
 * Where a JSON text nests deeper than `max`: the values path below `at` (keys and indexes as the
 * text spells them), or undefined when it does not. A scan of the text: JSON.parse would take any
 * depth, but what reads its result recurses.
 */
function jsonPathPastDepth(text: string, max: number, at: string): string | undefined {
  const segments: (string | number)[] = [];
  const inList: boolean[] = [];
  let inString = false;
  let stringStart = 0;
  let lastString = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
    } else if (c === 0x22) {
      inString = true;
      stringStart = i + 1;
    } else if (c === 0x3a) {
      segments[inList.length - 1] = lastString; // a key of the innermost map
    } else if (c === 0x2c) {
      if (inList[inList.length - 1]) (segments[inList.length - 1] as number)++;
    } else if (c === 0x5b || c === 0x7b) {
      if (inList.length + 1 > max) return segments.slice(0, inList.length).reduce<string>((path, seg) => appendPath(path, seg), at);
      inList.push(c === 0x5b);
      segments[inList.length - 1] = 0;
    } else if (c === 0x5d || c === 0x7d) {
      inList.pop();
      segments.length = inList.length;
    }
  }
  return undefined;
}

function parseJsonText(text: string, at = ''): { value: Value } | { err: string } {
  // JSON.parse handles any depth, but toValue and everything after it recurse.
  const deep = jsonPathPastDepth(text, MAX_VALUES_DEPTH, at);
  if (deep !== undefined) {
    throw new ValuesLimitError('MAX_VALUES_DEPTH', `--set-json ${shorten(text)}: ${tooDeep(deep)}: flatten it`);
  }
  try {
    return { value: toValue(JSON.parse(text)) };
  } catch (e) {
    return { err: e instanceof Error ? e.message : String(e) };
  }
}

function decodeJsonPrefix(s: string, at: string): { value: Value; consumed: number } | { err: string } {
  const end = scanJsonValueEnd(s);
  if (typeof end === 'string') return { err: end };
  const parsed = parseJsonText(s.slice(0, end), at);
  return 'err' in parsed ? parsed : { value: parsed.value, consumed: end };
}

/** helm 4's MergeMaps of a whole --set-json object into the values: maps merge, the rest replaces. */
function mergeJsonObject(dest: ValueMap, src: ValueMap, path: string, rec: Recorder): void {
  for (const key of Object.keys(src)) {
    const s = src[key]!;
    const d = dest[key];
    const childPath = appendPath(path, key);
    if (isMap(s) && d !== undefined && isMap(d)) mergeJsonObject(d, s, childPath, rec);
    else {
      dest[key] = s;
      rec.tree(childPath, s);
    }
  }
}
