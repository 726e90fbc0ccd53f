// The CEL environment Kubernetes gives x-kubernetes-validations rules: CEL's standard library,
// cel-go's strings extension, and the k8s libraries (lists, regex, sets, quantity, ip, cidr,
// url). See k8s.io/apiserver/pkg/cel/library and environment/base.go.
import { celEnv, celFunc, celMethod, CelScalar, listType, type CelEnv, type CelFunc, type CelInput, type CelList, type CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { celEquals } from './cel-opaque.js';
import { quantityFuncs } from './cel-lib-quantity.js';
import { netFuncs } from './cel-lib-net.js';
import { optionalFuncs } from './cel-lib-optional.js';
import { re2Engine, re2Test } from './regex.js';

const { STRING, BOOL, INT, DYN } = CelScalar;
const LIST = listType(DYN);

function items(l: CelList): CelValue[] {
  return [...l];
}

/** Orders CEL scalars of one type, as the k8s lists library requires. */
function compare(a: CelValue, b: CelValue): number {
  const num = (v: CelValue) => typeof v === 'bigint' || typeof v === 'number';
  if (num(a) && num(b)) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new Error('no such overload: list elements are not comparable');
}

function extreme(l: CelList, sign: 1 | -1, name: string): CelValue {
  const xs = items(l);
  if (xs.length === 0) throw new Error(`${name} called on empty list`);
  return xs.reduce((best, x) => (compare(x, best) * sign > 0 ? x : best));
}

const listFuncs: CelFunc[] = [
  celMethod('isSorted', LIST, [], BOOL, function () {
    const xs = items(this);
    return xs.every((x, i) => i === 0 || compare(xs[i - 1]!, x) <= 0);
  }),
  celMethod('sum', LIST, [], DYN, function () {
    const xs = items(this);
    if (xs.length === 0) return 0n;
    if (xs.every((x) => typeof x === 'bigint')) return (xs as bigint[]).reduce((a, b) => a + b, 0n);
    if (xs.every((x) => typeof x === 'number')) return (xs as number[]).reduce((a, b) => a + b, 0);
    throw new Error('no such overload: sum');
  }),
  celMethod('min', LIST, [], DYN, function () {
    return extreme(this, -1, 'min') as CelInput;
  }),
  celMethod('max', LIST, [], DYN, function () {
    return extreme(this, 1, 'max') as CelInput;
  }),
  celMethod('indexOf', LIST, [DYN], INT, function (x) {
    return BigInt(items(this).findIndex((y) => celEquals(x, y)));
  }),
  celMethod('lastIndexOf', LIST, [DYN], INT, function (x) {
    const xs = items(this);
    for (let i = xs.length - 1; i >= 0; i--) if (celEquals(x, xs[i]!)) return BigInt(i);
    return -1n;
  }),
];

/** find/findAll: RE2 validates the pattern; JS RegExp locates matches (same leftmost-first result for RE2 syntax). */
function findAll(s: string, pattern: string, limit: number): string[] {
  re2Test(pattern, ''); // throws on RE2 syntax errors
  const re = new RegExp(pattern, 'gu');
  const out: string[] = [];
  for (const m of s.matchAll(re)) {
    if (limit >= 0 && out.length >= limit) break;
    out.push(m[0]);
  }
  return out;
}

const regexFuncs: CelFunc[] = [
  celMethod('find', STRING, [STRING], STRING, function (p) {
    return findAll(this, p, 1)[0] ?? '';
  }),
  celMethod('findAll', STRING, [STRING], LIST, function (p) {
    return findAll(this, p, -1);
  }),
  celMethod('findAll', STRING, [STRING, INT], LIST, function (p, n) {
    return findAll(this, p, Number(n));
  }),
];

const contains = (a: CelList, b: CelList) => items(b).every((x) => items(a).some((y) => celEquals(x, y)));

const setFuncs: CelFunc[] = [
  celFunc('sets.contains', [LIST, LIST], BOOL, (a, b) => contains(a, b)),
  celFunc('sets.equivalent', [LIST, LIST], BOOL, (a, b) => contains(a, b) && contains(b, a)),
  celFunc('sets.intersects', [LIST, LIST], BOOL, (a, b) => items(a).some((x) => items(b).some((y) => celEquals(x, y)))),
];

/** Every function beyond CEL's standard library that rules may call. */
export const k8sFunctions: CelFunc[] = [...strings, ...listFuncs, ...regexFuncs, ...setFuncs, ...quantityFuncs, ...netFuncs, ...optionalFuncs];

let env: CelEnv | undefined;

/** One shared environment: it is immutable and planning against it is cheap. */
export function k8sCelEnv(): CelEnv {
  env ??= celEnv({ funcs: k8sFunctions, re2: re2Engine });
  return env;
}

