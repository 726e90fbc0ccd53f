// CEL optional values, as far as x-kubernetes-validations use them: a rule with
// `optionalOldSelf: true` sees `oldSelf` as an optional (none on create and for values with no old
// counterpart) and tests it with hasValue(), value() and orValue(). @bufbuild/cel has no optional
// type, so one is an opaque value (cel-opaque.ts) holding the value or nothing.
import { celFunc, celMethod, CelScalar, type CelFunc, type CelInput, type CelMap, type CelValue } from '@bufbuild/cel';
import { opaque, opaqueKind } from './cel-opaque.js';

const { BOOL, DYN } = CelScalar;

export function optionalOf(v: CelInput): CelMap {
  return opaque('optional', { has: true, value: v });
}

export function optionalNone(): CelMap {
  return opaque('optional', { has: false });
}

function expectOptional(v: CelValue, fn: string): CelMap {
  if (opaqueKind(v) !== 'optional') throw new Error(`no such overload: ${fn}`);
  return v as CelMap;
}

function isZero(v: CelValue): boolean {
  if (v === null || v === false || v === '' || v === 0 || v === 0n) return true;
  if (v instanceof Uint8Array) return v.length === 0;
  if (typeof v === 'object' && 'size' in v && typeof (v as { size: unknown }).size === 'number') return (v as { size: number }).size === 0;
  return false;
}

export const optionalFuncs: CelFunc[] = [
  celFunc('optional.of', [DYN], DYN, (v) => optionalOf(v as CelInput)),
  celFunc('optional.none', [], DYN, () => optionalNone()),
  celFunc('optional.ofNonZeroValue', [DYN], DYN, (v) => (isZero(v) ? optionalNone() : optionalOf(v as CelInput))),
  celMethod('hasValue', DYN, [], BOOL, function () {
    return expectOptional(this, 'hasValue').get('has') === true;
  }),
  celMethod('value', DYN, [], DYN, function () {
    const o = expectOptional(this, 'value');
    if (o.get('has') !== true) throw new Error('optional.none() dereference');
    return o.get('value') as CelInput;
  }),
  celMethod('orValue', DYN, [DYN], DYN, function (alt) {
    const o = expectOptional(this, 'orValue');
    return (o.get('has') === true ? o.get('value') : alt) as CelInput;
  }),
];
