/**
 * `render -o json`: the rendered documents as one `v1` `List`, printed the way `kubectl … -o json`
 * prints objects (Go's encoding/json: keys sorted by bytes, four-space indent, `<`, `>`, `&`,
 * U+2028 and U+2029 escaped), so `kubectl apply -f -` and tools such as `jq` take it directly.
 *
 * Each document is read the way kubectl reads YAML (sigs.k8s.io/yaml, go-yaml v2 scalar rules),
 * which is the values parser's job already.
 */
import { splitManifests } from '../render/manifest.js';
import { parseValuesYaml } from '../values/parse-yaml.js';
import { isMap, type Value } from '../values/types.js';

/** The documents of `helm template` output (framed or `--show-only`), as a kubectl List. */
export function toKubectlList(text: string): string {
  const items: Value[] = [];
  for (const doc of splitManifests(text)) {
    const { values } = parseValuesYaml(doc, doc.match(/^# Source: (.*)$/m)?.[1] ?? '<output>');
    // A document of comments only is no object; kubectl skips it too.
    if (Object.keys(values).length > 0) items.push(values);
  }
  const list: Value = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  return `${goJson(list, '')}\n`;
}

const INDENT = '    ';

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** encoding/json's MarshalIndent(v, "", "    ") for decoded YAML values. */
export function goJson(value: Value, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'string') return goString(value);
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + goJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (!isMap(value)) throw new TypeError(`cannot print ${typeof value} as JSON`);
  const keys = Object.keys(value).sort(byteOrder);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goString(k)}: ${goJson(value[k], inner)}`).join(',\n')}\n${indent}}`;
}

function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`JSON has no ${n}`);
  // Go and ECMAScript agree on the shortest digits and on when to switch to an exponent
  // (below 1e-6, from 1e21 up); Go keeps the sign of negative zero.
  return Object.is(n, -0) ? '-0' : String(n);
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

function goString(s: string): string {
  return JSON.stringify(s).replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
