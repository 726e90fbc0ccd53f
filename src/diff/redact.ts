/**
 * Secrets stay out of a diff unless `--show-secrets`: a Secret's `data`/`stringData`, and values
 * that look like credentials (by their key, their env var's name, or their shape; secrets.ts).
 * Old and new are redacted together, so a changed secret still shows as a changed line, with its
 * length and not its text.
 */
import { isPlainObject } from '../crd/schema.js';
import { isSecretName, looksLikeSecret } from '../values/secrets.js';
import type { Obj } from './objects.js';

// Names of secrets (secretName, tokenRef, …) are not secrets.
const REFERENCE_KEY = /(Name|Ref|Refs|Key|Keys)$/;

function placeholder(v: unknown, other: unknown, side: 'old' | 'new'): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const same = other !== undefined && JSON.stringify(other) === JSON.stringify(v);
  return same ? '(redacted)' : `(redacted, ${Buffer.byteLength(text ?? '')} bytes${side === 'new' && other !== undefined ? ', changed' : ''})`;
}

function isSecretLeaf(key: string, v: unknown, parent: unknown): boolean {
  if (v === null || typeof v === 'object' || typeof v === 'boolean') return false;
  if (key === 'value' && isPlainObject(parent) && typeof parent['name'] === 'string' && isSecretName(parent['name'])) return true;
  if (isSecretName(key) && !REFERENCE_KEY.test(key) && key !== 'kind') return true;
  return typeof v === 'string' && looksLikeSecret(v);
}

function walk(a: unknown, b: unknown, inSecretData: boolean, key: string, parentA: unknown, parentB: unknown): [unknown, unknown] {
  if (inSecretData && (a === undefined || typeof a !== 'object') && (b === undefined || typeof b !== 'object')) {
    return [a === undefined ? a : placeholder(a, b, 'old'), b === undefined ? b : placeholder(b, a, 'new')];
  }
  const secretA = a !== undefined && isSecretLeaf(key, a, parentA);
  const secretB = b !== undefined && isSecretLeaf(key, b, parentB);
  if (secretA || secretB) return [a === undefined ? a : placeholder(a, b, 'old'), b === undefined ? b : placeholder(b, a, 'new')];
  if (Array.isArray(a) || Array.isArray(b)) {
    const la = Array.isArray(a) ? a : undefined;
    const lb = Array.isArray(b) ? b : undefined;
    const n = Math.max(la?.length ?? 0, lb?.length ?? 0);
    const outA: unknown[] = [];
    const outB: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const [x, y] = walk(la?.[i], lb?.[i], inSecretData, key, la, lb);
      if (la && i < la.length) outA.push(x);
      if (lb && i < lb.length) outB.push(y);
    }
    return [la ? outA : a, lb ? outB : b];
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    const ma = isPlainObject(a) ? a : undefined;
    const mb = isPlainObject(b) ? b : undefined;
    const outA: Obj = {};
    const outB: Obj = {};
    for (const k of new Set([...Object.keys(ma ?? {}), ...Object.keys(mb ?? {})])) {
      const [x, y] = walk(ma?.[k], mb?.[k], inSecretData, k, ma, mb);
      if (ma && Object.hasOwn(ma, k)) setOwn(outA, k, x);
      if (mb && Object.hasOwn(mb, k)) setOwn(outB, k, y);
    }
    return [ma ? outA : a, mb ? outB : b];
  }
  return [a, b];
}

/** `o[k] = v` as data: a key such as `__proto__` from a manifest is a key, never the prototype. */
function setOwn(o: Obj, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Redacted copies of one object's old and new states (either may be absent). */
export function redactPair(kind: string, oldObj: Obj | undefined, newObj: Obj | undefined): [Obj | undefined, Obj | undefined] {
  const out: [Obj | undefined, Obj | undefined] = [oldObj && {}, newObj && {}];
  const secretKind = kind === 'Secret';
  for (const k of new Set([...Object.keys(oldObj ?? {}), ...Object.keys(newObj ?? {})])) {
    const data = secretKind && (k === 'data' || k === 'stringData');
    const [x, y] = walk(oldObj?.[k], newObj?.[k], data, k, oldObj, newObj);
    if (out[0] && Object.hasOwn(oldObj!, k)) setOwn(out[0], k, x);
    if (out[1] && Object.hasOwn(newObj!, k)) setOwn(out[1], k, y);
  }
  return out;
}
