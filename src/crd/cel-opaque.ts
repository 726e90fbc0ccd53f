// Kubernetes CEL libraries return opaque values (URL, IP, CIDR, Quantity). @bufbuild/cel can
// only model messages through protobuf descriptors, so an opaque value is a CEL map carrying a
// hidden type tag. Equality then compares the canonical fields, which matches the k8s semantics
// (e.g. quantity("1k") == quantity("1000")).
import { celMap, isCelMap, isCelList, isCelUint, type CelMap, type CelValue, type CelInput } from '@bufbuild/cel';

const TAG = '@k8s.type';

export type OpaqueKind = 'kubernetes.URL' | 'net.IP' | 'net.CIDR' | 'kubernetes.Quantity' | 'optional';

export function opaque(kind: OpaqueKind, fields: Record<string, CelInput>): CelMap {
  return celMap(new Map<string, CelInput>([[TAG, kind], ...Object.entries(fields)]));
}

export function opaqueKind(v: CelValue): OpaqueKind | undefined {
  if (!isCelMap(v)) return undefined;
  const t = v.get(TAG);
  return typeof t === 'string' ? (t as OpaqueKind) : undefined;
}

/** Returns the opaque value's map, or throws the CEL "no such overload" error. */
export function expectOpaque(v: CelValue, kind: OpaqueKind, fn: string): CelMap {
  if (opaqueKind(v) !== kind) throw new Error(`no such overload: ${fn}`);
  return v as CelMap;
}

export function field<T extends CelValue>(m: CelMap, name: string): T {
  return m.get(name) as T;
}

/** CEL equality for the values the k8s libraries compare (lists of scalars, maps, numbers). */
export function celEquals(a: CelValue, b: CelValue): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    return Number(a) === Number(b) && (typeof a !== 'bigint' || typeof b !== 'bigint' || a === b);
  }
  if (isCelUint(a) && isCelUint(b)) return a.value === b.value;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (isCelList(a) && isCelList(b)) {
    if (a.size !== b.size) return false;
    for (let i = 0; i < a.size; i++) if (!celEquals(a.get(i)!, b.get(i)!)) return false;
    return true;
  }
  if (isCelMap(a) && isCelMap(b)) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      const w = b.get(k);
      if (w === undefined || !celEquals(v, w)) return false;
    }
    return true;
  }
  return a === b;
}
