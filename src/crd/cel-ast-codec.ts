// A compact, exact text form of the expression trees @bufbuild/cel's parser returns, so the on-disk CRD cache
// can keep every rule parsed: that parser needs ~0.3-1 ms per rule even when warm, which was most
// of a warm `validate --crds` run. The form is generic rather than tied to the Expr schema, so a
// decoded tree has the same objects, keys (in the same order), and bigint/number/bytes types as
// the parser's; encodeParsed() checks that round trip and refuses anything it cannot reproduce.
//
//   [shape, v1, v2, …]  an object: shapes[shape] lists its keys, plus the values of its
//                       `$typeName` and `case` keys (constant per shape, so not repeated)
//   [-1, …items]        an array
//   n                   a JSON number is a bigint (CEL ids and int64/uint64 constants)
//   [-2, "s"]           a bigint beyond 2^53
//   [-3, "base64"]      a Uint8Array (bytes constants)
//   [-4]                a key present with the value undefined
//   [-5, "x"]           a JS number (double constants), as String(x), "-0" for -0
//   string, boolean, null as themselves
//
// If @bufbuild/cel's parser output changes, cached trees from the old parser must not be read:
// test/crd/cel-ast-codec.test.ts pins a fingerprint of its output; bump CEL_AST_FORMAT with it.

/** Part of the CRD cache's format: bump when @bufbuild/cel's parser output changes. */
export const CEL_AST_FORMAT = 2;

const ARRAY = -1;
const BIG = -2;
const BYTES = -3;
const UNDEFINED = -4;
const DOUBLE = -5;

/** Object shapes shared by every tree of one cache entry: its keys, `$typeName` and `case`. */
export type Shape = [keys: string[], typeName: string | null, kase: string | null];

/** Encodes trees against one growing shape table (one per cache entry). */
export class AstEncoder {
  readonly shapes: Shape[] = [];
  private readonly index = new Map<string, number>();

  /** The tree as JSON text, or undefined when it holds something this form cannot reproduce. */
  encodeParsed(tree: unknown): string | undefined {
    let text: string;
    try {
      text = JSON.stringify(this.encode(tree));
    } catch {
      return undefined;
    }
    // Exactness is checked, not assumed: a tree that does not come back identical is not cached.
    return canonical(decodeAst(text, this.shapes)) === canonical(tree) ? text : undefined;
  }

  private shapeOf(o: Record<string, unknown>): number {
    const keys = Object.keys(o);
    const typeName = typeof o['$typeName'] === 'string' ? o['$typeName'] : undefined;
    const kase = typeof o['case'] === 'string' ? o['case'] : undefined;
    const id = JSON.stringify([keys, typeName ?? null, kase ?? null]);
    let n = this.index.get(id);
    if (n === undefined) {
      n = this.shapes.length;
      this.shapes.push([keys, typeName ?? null, kase ?? null]);
      this.index.set(id, n);
    }
    return n;
  }

  private encode(v: unknown): unknown {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'bigint':
        return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : [BIG, v.toString()];
      case 'number':
        return [DOUBLE, Object.is(v, -0) ? '-0' : String(v)];
      case 'undefined':
        return [UNDEFINED];
      case 'object': {
        if (v === null) return null;
        if (v instanceof Uint8Array) return [BYTES, Buffer.from(v).toString('base64')];
        if (Array.isArray(v)) return [ARRAY, ...v.map((x) => this.encode(x))];
        if (Object.getPrototypeOf(v) !== Object.prototype) throw new TypeError('not a plain object');
        const o = v as Record<string, unknown>;
        const shape = this.shapeOf(o);
        const out: unknown[] = [shape];
        for (const k of Object.keys(o)) if (!((k === '$typeName' || k === 'case') && typeof o[k] === 'string')) out.push(this.encode(o[k]));
        return out;
      }
      default:
        throw new TypeError(`cannot encode a ${typeof v}`);
    }
  }
}

/** The tree encodeParsed() encoded, as fresh objects (callers may mutate them). */
export function decodeAst(text: string, shapes: readonly Shape[]): unknown {
  return decode(JSON.parse(text), shapes);
}

function decode(v: unknown, shapes: readonly Shape[]): unknown {
  if (typeof v === 'number') return BigInt(v);
  if (!Array.isArray(v)) return v; // string, boolean, null
  const tag = v[0] as number;
  switch (tag) {
    case ARRAY: {
      const out = new Array<unknown>(v.length - 1);
      for (let i = 1; i < v.length; i++) out[i - 1] = decode(v[i], shapes);
      return out;
    }
    case BIG:
      return BigInt(v[1] as string);
    case BYTES:
      return new Uint8Array(Buffer.from(v[1] as string, 'base64'));
    case UNDEFINED:
      return undefined;
    case DOUBLE:
      return Number(v[1]);
    default: {
      const shape = shapes[tag];
      if (!shape) throw new TypeError(`unknown AST shape ${tag}`);
      const [keys, typeName, kase] = shape;
      const o: Record<string, unknown> = {};
      let i = 1;
      for (const k of keys) {
        if (k === '__proto__') throw new TypeError('bad AST key'); // a damaged entry: parse instead
        if (k === '$typeName' && typeName !== null) o[k] = typeName;
        else if (k === 'case' && kase !== null) o[k] = kase;
        else o[k] = decode(v[i++], shapes);
      }
      return o;
    }
  }
}

/** A text that differs whenever two trees differ in keys, key order, values or value types. */
function canonical(tree: unknown): string {
  return JSON.stringify(tree, function (this: unknown, _key, value: unknown) {
    if (typeof value === 'bigint') return `<bigint ${value}>`;
    if (typeof value === 'number') return `<number ${Object.is(value, -0) ? '-0' : String(value)}>`;
    if (value === undefined) return '<undefined>';
    if (value instanceof Uint8Array) return `<bytes ${Buffer.from(value).toString('base64')}>`;
    if (typeof value === 'string') return `"${value}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return '<exotic>';
    return value;
  });
}
