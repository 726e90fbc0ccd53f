// go-yaml v2's parseTimestamp: a plain string is a timestamp when Go's time.Parse accepts it with one
// of four layouts. Only the pieces of time.Parse those layouts use are reproduced, with Go's quirks:
// one- or two-digit fields, a layout space matching any run of spaces, '.' or ',' before fractions,
// range checks per field and the day-of-month check at the end.

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'zone';
type Chunk = Field | { literal: string };

const DATE: Chunk[] = ['year', { literal: '-' }, 'month', { literal: '-' }, 'day'];
const CLOCK: Chunk[] = ['hour', { literal: ':' }, 'minute', { literal: ':' }, 'second', 'fraction'];

// The layouts of go-yaml v2's allowedTimestampFormats, in order.
const LAYOUTS: Chunk[][] = [
  [...DATE, { literal: 'T' }, ...CLOCK, 'zone'], // 2006-1-2T15:4:5.999999999Z07:00
  [...DATE, { literal: 't' }, ...CLOCK, 'zone'], // 2006-1-2t15:4:5.999999999Z07:00
  [...DATE, { literal: ' ' }, ...CLOCK], //         2006-1-2 15:4:5.999999999
  DATE, //                                          2006-1-2
];

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** time's getnum: one digit, or two when the second is a digit too (fixed demands two). */
function getnum(s: string, fixed: boolean): { n: number; rest: string } | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) return fixed ? undefined : { n: Number(s[0]), rest: s.slice(1) };
  return { n: Number(s.slice(0, 2)), rest: s.slice(2) };
}

/** time's skip(): literal layout text, where a space matches zero or more spaces (but not a non-space). */
function skipLiteral(value: string, literal: string): string | undefined {
  let v = value;
  let p = literal;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') return undefined;
      p = p.replace(/^ +/, '');
      v = v.replace(/^ +/, '');
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) return undefined;
    p = p.slice(1);
    v = v.slice(1);
  }
  return v;
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether Go's time.Parse accepts value with a layout (only success matters, not the time). */
function parsesWith(layout: readonly Chunk[], value: string): boolean {
  let v = value;
  const got: Partial<Record<Field, number>> = {};
  for (const chunk of layout) {
    if (typeof chunk === 'object') {
      const rest = skipLiteral(v, chunk.literal);
      if (rest === undefined) return false;
      v = rest;
      continue;
    }
    switch (chunk) {
      case 'year':
        if (v.length < 4 || !/^\d{4}/.test(v)) return false;
        got.year = Number(v.slice(0, 4));
        v = v.slice(4);
        break;
      case 'fraction':
        // Optional: only taken when a '.' or ',' is followed by a digit; then every digit is consumed.
        if (v.length >= 2 && (v[0] === '.' || v[0] === ',') && isDigitAt(v, 1)) v = v.slice(1).replace(/^\d+/, '');
        break;
      case 'zone': {
        if (v[0] === 'Z') {
          v = v.slice(1);
          break;
        }
        if (v.length < 6 || v[3] !== ':') return false;
        const hr = getnum(v.slice(1, 3), true);
        const mm = getnum(v.slice(4, 6), true);
        if (!hr || !mm || hr.n > 24 || mm.n > 60) return false;
        if (v[0] !== '+' && v[0] !== '-') return false;
        v = v.slice(6);
        break;
      }
      default: {
        const num = getnum(v, false);
        if (!num) return false;
        got[chunk] = num.n;
        v = num.rest;
      }
    }
  }
  if (v.length > 0) return false; // extra text
  const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = got;
  if (month < 1 || month > 12 || hour >= 24 || minute >= 60 || second >= 60) return false;
  const days = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day >= 1 && day <= days;
}

/** go-yaml v2's parseTimestamp, reduced to "would this plain string resolve to !!timestamp". */
export function isYamlTimestamp(s: string): boolean {
  // Quick check used by go-yaml: exactly four digits, then '-'.
  const m = /^\d*/.exec(s)![0].length;
  if (m !== 4 || m === s.length || s[4] !== '-') return false;
  return LAYOUTS.some((layout) => parsesWith(layout, s));
}
