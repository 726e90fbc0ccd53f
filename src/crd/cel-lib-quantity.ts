// Kubernetes CEL quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go) on exact
// rationals, so comparisons never suffer float rounding.
import { celFunc, celMethod, CelScalar, type CelFunc, type CelMap, type CelValue } from '@bufbuild/cel';
import { expectOpaque, field, opaque } from './cel-opaque.js';

const { STRING, BOOL, INT, DOUBLE, DYN } = CelScalar;

export interface Rational {
  num: bigint;
  den: bigint;
}

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))((?:[KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;
const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function reduce(num: bigint, den: bigint): Rational {
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** resource.ParseQuantity's grammar; returns undefined when the text is not a quantity. */
export function parseQuantity(text: string): Rational | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, number, suffix = ''] = m as unknown as [string, string, string | undefined];
  const neg = number.startsWith('-');
  const digits = number.replace(/^[+-]/, '');
  const [intPart = '', fracPart = ''] = digits.split('.');
  let num = BigInt((intPart + fracPart) || '0') * (neg ? -1n : 1n);
  let den = 10n ** BigInt(fracPart.length);
  if (suffix in BINARY) num *= BINARY[suffix]!;
  else {
    const exp = suffix in DECIMAL ? DECIMAL[suffix]! : suffix === '' ? 0 : Number(suffix.slice(1));
    if (Math.abs(exp) > 1000) return undefined;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return reduce(num, den);
}

function q(r: Rational): CelMap {
  return opaque('kubernetes.Quantity', { num: r.num, den: r.den });
}

function rat(v: CelValue, fn: string): Rational {
  if (typeof v === 'bigint') return { num: v, den: 1n };
  const m = expectOpaque(v, 'kubernetes.Quantity', fn);
  return { num: field<bigint>(m, 'num'), den: field<bigint>(m, 'den') };
}

function cmp(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

export const quantityFuncs: CelFunc[] = [
  celFunc('quantity', [STRING], DYN, (s) => {
    const r = parseQuantity(s);
    if (!r) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    return q(r);
  }),
  celFunc('isQuantity', [STRING], BOOL, (s) => parseQuantity(s) !== undefined),
  celMethod('sign', DYN, [], INT, function () {
    return BigInt(Math.sign(Number(rat(this, 'sign').num)));
  }),
  celMethod('isInteger', DYN, [], BOOL, function () {
    const r = rat(this, 'isInteger');
    return r.den === 1n && r.num <= INT64_MAX && r.num >= INT64_MIN;
  }),
  celMethod('asInteger', DYN, [], INT, function () {
    const r = rat(this, 'asInteger');
    if (r.den !== 1n || r.num > INT64_MAX || r.num < INT64_MIN) throw new Error('cannot convert value to integer');
    return r.num;
  }),
  celMethod('asApproximateFloat', DYN, [], DOUBLE, function () {
    const r = rat(this, 'asApproximateFloat');
    return Number(r.num) / Number(r.den);
  }),
  celMethod('add', DYN, [DYN], DYN, function (o) {
    const a = rat(this, 'add');
    const b = rat(o, 'add');
    return q(reduce(a.num * b.den + b.num * a.den, a.den * b.den));
  }),
  celMethod('sub', DYN, [DYN], DYN, function (o) {
    const a = rat(this, 'sub');
    const b = rat(o, 'sub');
    return q(reduce(a.num * b.den - b.num * a.den, a.den * b.den));
  }),
  celMethod('compareTo', DYN, [DYN], INT, function (o) {
    return BigInt(cmp(rat(this, 'compareTo'), rat(o, 'compareTo')));
  }),
  celMethod('isGreaterThan', DYN, [DYN], BOOL, function (o) {
    return cmp(rat(this, 'isGreaterThan'), rat(o, 'isGreaterThan')) > 0;
  }),
  celMethod('isLessThan', DYN, [DYN], BOOL, function (o) {
    return cmp(rat(this, 'isLessThan'), rat(o, 'isLessThan')) < 0;
  }),
];
