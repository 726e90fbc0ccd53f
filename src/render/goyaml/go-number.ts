import { formatFloatG } from '../../go/strconv.js';

// How Go prints numbers: `%v` / strconv.FormatFloat(f, 'g', -1, 64), and what a number looks like
// after helm's toYaml sends it through encoding/json and back through go-yaml v2.

const INT64_MIN = -(2n ** 63n);
const UINT64_LIMIT = 2n ** 64n;

/** Go's strconv.FormatFloat(n, 'g', -1, 64), which is also what fmt's %v prints for a float64. */
export const goFormatFloat = formatFloatG;

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
  // The common case, without a BigInt: safe integers print as themselves ("-0" prints as 0 too).
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const jsonInteger = BigInt(String(n)); // "-0" reads back as the integer 0
    if (jsonInteger >= INT64_MIN && jsonInteger < UINT64_LIMIT) return jsonInteger.toString();
  }
  return goFormatFloat(n);
}
