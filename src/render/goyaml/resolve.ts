// go-yaml v2 writes a string plain only if reading it back plain gives the same string. This is
// resolve.go's resolve() for an untagged plain scalar, reduced to "is the result not a string",
// plus encode.go's isBase60Float, which go-yaml quotes for the sake of YAML 1.1 readers.
import { goParseFloatOk, parseInt64, parseUint64 } from '../../go/strconv.js';
import { isYamlTimestamp } from './timestamp.js';

// Exact words that resolve to bool, null, float or merge. Case variants not listed stay strings.
const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);

// resolve() only looks further when the first byte is one of these (the "hint").
function hint(s: string): 'sign' | 'digit' | 'map' | 'dot' | undefined {
  if (s === '') return 'map';
  const c = s[0]!;
  if (c === '+' || c === '-') return 'sign';
  if (c >= '0' && c <= '9') return 'digit';
  if ('yYnNtTfFoO~'.includes(c)) return 'map';
  if (c === '.') return 'dot';
  return undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** The number / timestamp branch of resolve() for strings starting with a sign or a digit. */
function resolvesAsNumberOrTimestamp(s: string): boolean {
  if (isYamlTimestamp(s)) return true;
  // Underscores are dropped before any number parsing, so "1_" and "0x_1F" are numbers.
  const plain = s.replace(/_/g, '');
  if (parseInt64(plain, 0).ok || parseUint64(plain, 0).ok) return true;
  if (YAML_STYLE_FLOAT.test(plain) && goParseFloatOk(plain)) return true;
  // Base-2 parsing without a prefix accepts a sign after "0b": "0b-101" is an int.
  if (plain.startsWith('0b')) {
    return parseInt64(plain.slice(2), 2).ok || parseUint64(plain.slice(2), 2).ok;
  }
  if (plain.startsWith('-0b')) return parseInt64(`-${plain.slice(3)}`, 2).ok;
  // No big-integer fallback: helm 3.17.3 and 4.1.4 both print 0x10000000000000000 plain.
  return false;
}

/** Whether a plain scalar with this text would be read back by go-yaml v2 as something other than a string. */
export function resolvesToNonString(s: string): boolean {
  const h = hint(s);
  if (h === undefined) return false;
  if (RESOLVE_MAP.has(s)) return true;
  switch (h) {
    case 'map':
      return false;
    case 'dot':
      // Only "was it a float" matters; ParseFloat sees the text with its underscores.
      return goParseFloatOk(s);
    default:
      return resolvesAsNumberOrTimestamp(s);
  }
}

/** encode.go's isBase60Float: YAML 1.1 sexagesimal numbers such as 12:30 or 190:20:30. */
export function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0]!;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

/** encode.go's canUsePlain for an untagged string: plain text must read back as this same string. */
export function canUsePlain(s: string): boolean {
  return !resolvesToNonString(s) && !isBase60Float(s);
}
