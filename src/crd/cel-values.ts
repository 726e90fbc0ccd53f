// Turns a (pruned, defaulted) JSON value into the CEL value Kubernetes binds to `self`, typed by
// the schema as apiextensions-apiserver's UnstructuredToVal does: integer → int, number → double,
// int-or-string → int or string, date-time → timestamp, duration → duration, byte → bytes,
// objects → maps whose declared property names are CEL-escaped.
import { create } from '@bufbuild/protobuf';
import { DurationSchema, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { CelInput } from '@bufbuild/cel';
import { isPlainObject, type Schema } from './schema.js';
import { parseGoDuration, parseDateTime } from './formats.js';

const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** model.Escape: the CEL name of a property, or undefined when it is not accessible from CEL. */
export function escapePropertyName(name: string): string | undefined {
  if (name === '' || /^[0-9]/.test(name)) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  let ok = true;
  const out = name.replace(/__|[-./]|[^a-zA-Z0-9_]/g, (s) => {
    switch (s) {
      case '__':
        return '__underscores__';
      case '.':
        return '__dot__';
      case '-':
        return '__dash__';
      case '/':
        return '__slash__';
      default:
        ok = false;
        return '';
    }
  });
  return ok ? out : undefined;
}

export class CelValueConverter {
  /** Each JSON node is converted once per document even when many rules look at it. */
  private readonly memo = new WeakMap<object, CelInput>();

  convert(v: unknown, s: Schema | undefined, isRoot = false): CelInput {
    if (v === null || v === undefined) return null;
    if (typeof v === 'object') {
      const hit = this.memo.get(v);
      if (hit !== undefined) return hit;
      const out = Array.isArray(v) ? this.list(v, s) : this.object(v as Record<string, unknown>, s, isRoot);
      this.memo.set(v, out);
      return out;
    }
    return scalar(v, s);
  }

  private list(v: unknown[], s: Schema | undefined): CelInput {
    return v.map((x) => this.convert(x, s?.items));
  }

  private object(v: Record<string, unknown>, s: Schema | undefined, isRoot: boolean): CelInput {
    const out = new Map<string, CelInput>();
    const props = s?.properties;
    const additional = s?.additionalProperties;
    for (const [k, x] of Object.entries(v)) {
      if (props && Object.hasOwn(props, k)) {
        const name = escapePropertyName(k);
        if (name === undefined) continue;
        if (isRoot && k === 'metadata') {
          out.set(name, this.rootMetadata(x));
          continue;
        }
        out.set(name, this.convert(x, props[k]));
      } else if (additional !== undefined) {
        out.set(k, this.convert(x, additional === true ? undefined : additional));
      } else if (!props || s?.preserveUnknownFields || s?.embeddedResource) {
        out.set(k, this.convert(x, undefined));
      }
    }
    return out;
  }

  /** At the resource root only metadata.name and metadata.generateName are visible to CEL. */
  private rootMetadata(x: unknown): CelInput {
    const out = new Map<string, CelInput>();
    if (isPlainObject(x)) {
      for (const k of ['name', 'generateName']) if (typeof x[k] === 'string') out.set(k, x[k] as string);
    }
    return out;
  }
}

function scalar(v: unknown, s: Schema | undefined): CelInput {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v;
    case 'number':
      // Untyped and integer fields hold int64 in unstructured JSON; `number` is always double.
      if (s?.type === 'number') return v;
      return Number.isInteger(v) && Number.isSafeInteger(v) ? BigInt(v) : v;
    case 'string':
      if (s?.type === 'string') return formatted(v, s.format);
      return v;
    default:
      return null;
  }
}

function formatted(v: string, format: string | undefined): CelInput {
  switch (format) {
    case 'date-time':
    case 'datetime': {
      const d = parseDateTime(v);
      return d ? (timestampFromDate(d) as unknown as CelInput) : v;
    }
    case 'duration': {
      const nanos = parseGoDuration(v);
      if (nanos === undefined) return v;
      const seconds = nanos / 1_000_000_000n;
      return create(DurationSchema, { seconds, nanos: Number(nanos % 1_000_000_000n) }) as unknown as CelInput;
    }
    case 'byte': {
      const bytes = Buffer.from(v, 'base64');
      return new Uint8Array(bytes);
    }
    default:
      return v;
  }
}
