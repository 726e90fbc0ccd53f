// How Go prints numbers: `%v` / strconv.FormatFloat(f, 'g', -1, 64), and what a number looks like
// after helm's toYaml sends it through encoding/json and back through go-yaml v2.

const INT64_MIN = -(2n ** 63n);
const UINT64_LIMIT = 2n ** 64n;

/** The shortest round-trip decimal digits of |n| (no leading/trailing zeros) and the exponent of the first. */
function shortestDigits(n: number): { digits: string; exp: number } {
  // V8's toExponential() without an argument picks the same shortest, closest digits as Go.
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e') as [string, string];
  return { digits: mantissa.replace('.', ''), exp: Number(exponent) };
}

/** Go's strconv.FormatFloat(n, 'g', -1, 64), which is also what fmt's %v prints for a float64. */
export function goFormatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const sign = n < 0 ? '-' : '';
  const { digits, exp } = shortestDigits(n);
  // With shortest precision Go switches to %e when the exponent is < -4 or >= 6 (eprec = 6).
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const absExp = Math.abs(exp);
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${absExp < 10 ? '0' : ''}${absExp}`;
  }
  const dp = exp + 1; // position of the decimal point relative to the digits
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/**
 * The plain YAML token toYaml prints for a number, or undefined when encoding/json refuses it
 * (NaN and infinities), which makes helm's toYaml swallow the error and print nothing.
 *
 * encoding/json writes a float64 below 1e21 as its shortest digits padded with zeros (so 2^63 becomes
 * 9223372036854776000, exactly like JS String()); go-yaml then reads any integer text that fits int64
 * or uint64 as an integer and prints it back unchanged, and everything else as a float64 printed with %g.
 */
export function yamlNumberToken(n: number | bigint): string | undefined {
  if (typeof n === 'bigint') {
    if (n >= INT64_MIN && n < UINT64_LIMIT) return n.toString();
    return goFormatFloat(Number(n));
  }
  if (!Number.isFinite(n)) return undefined;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const jsonInteger = BigInt(String(n)); // "-0" reads back as the integer 0
    if (jsonInteger >= INT64_MIN && jsonInteger < UINT64_LIMIT) return jsonInteger.toString();
  }
  return goFormatFloat(n);
}
