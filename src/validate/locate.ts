/**
 * Positions in YAML texts that the value sources do not carry: where a *key* is written (an
 * unknown key is reported on its own line, not on the first line of its value), the raw text of
 * a scalar (so `1.0` is suggested as `"1.0"`, not as the float64 `1`), and where a field of a
 * manifest document sits (for `--manifests`).
 */
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, type Document, type Node as YamlNode } from 'yaml';

export interface Pos {
  line: number;
  col: number;
}

/** `a.b[0]["c.d"]` → ['a', 'b', 0, 'c.d'] (the inverse of values/source.ts formatPath). */
export function parseValuesPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === '.') {
      i += 1;
      continue;
    }
    if (ch === '[') {
      if (path[i + 1] === '"') {
        // JSON string up to the matching quote
        let j = i + 2;
        while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
        out.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        i = j + 2; // past `"]`
      } else {
        const j = path.indexOf(']', i);
        out.push(Number(path.slice(i + 1, j)));
        i = j + 1;
      }
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j += 1;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

interface ParsedText {
  docs: Document.Parsed[];
  lc: LineCounter;
}

/** A few recent texts: one validate run asks about the same files many times. */
const recent = new Map<string, ParsedText>();

function parse(text: string): ParsedText {
  let hit = recent.get(text);
  if (!hit) {
    const lc = new LineCounter();
    const docs = parseAllDocuments(text.replace(/\r\n/g, '\n'), { lineCounter: lc, uniqueKeys: false, merge: true });
    hit = { docs: Array.isArray(docs) ? docs : [], lc };
    if (recent.size >= 16) recent.delete(recent.keys().next().value!);
    recent.set(text, hit);
  }
  return hit;
}

function scalarKey(node: unknown): string | undefined {
  if (isScalar(node)) return node.value === null ? 'null' : String(node.value);
  return undefined;
}

/**
 * The node at `segments` in a YAML tree: for a map entry, its key and value nodes. Where a key
 * is written twice, the last one that has the rest of the path wins, as when helm reads it.
 */
function walk(root: YamlNode | null | undefined, segments: readonly (string | number)[]): { key?: YamlNode; value?: YamlNode | null } | undefined {
  if (segments.length === 0) return { value: root };
  const [seg, ...rest] = segments;
  if (typeof seg === 'number') {
    if (!isSeq(root)) return undefined;
    const item = root.items[seg] as YamlNode | undefined;
    return item === undefined ? undefined : walk(item, rest);
  }
  if (!isMap(root)) return undefined;
  for (let i = root.items.length - 1; i >= 0; i -= 1) {
    const pair = root.items[i];
    if (!isPair(pair) || scalarKey(pair.key) !== seg) continue;
    if (rest.length === 0) return { key: pair.key as YamlNode, value: pair.value as YamlNode | null };
    const hit = walk(pair.value as YamlNode | null, rest);
    if (hit) return hit;
  }
  return undefined;
}

function posOf(lc: LineCounter, node: YamlNode | null | undefined): Pos | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const p = lc.linePos(offset);
  return { line: p.line, col: p.col };
}

/** Where the key of `path` is written in a values file (the last document that has it). */
export function keyPosition(text: string, path: string): Pos | undefined {
  const segments = parseValuesPath(path);
  if (segments.length === 0) return { line: 1, col: 1 };
  const { docs, lc } = parse(text);
  for (let d = docs.length - 1; d >= 0; d -= 1) {
    const hit = walk(docs[d]!.contents as YamlNode, segments);
    if (hit) return posOf(lc, hit.key ?? hit.value);
  }
  return undefined;
}

/** Where a document's field sits in a manifest file; `segments` is a rendered-document path. */
export function fieldPosition(text: string, docIndex: number, segments: readonly (string | number)[]): { pos: Pos; depth: number } | undefined {
  const { docs, lc } = parse(text);
  const doc = docs[docIndex];
  if (!doc) return undefined;
  // The nearest ancestor that exists: a missing required field points at its parent.
  for (let n = segments.length; n >= 0; n -= 1) {
    const hit = walk(doc.contents as YamlNode, segments.slice(0, n));
    if (hit) {
      const pos = posOf(lc, hit.key ?? hit.value) ?? posOf(lc, doc.contents as YamlNode);
      if (pos) return { pos, depth: n };
    }
  }
  return undefined;
}

/** The raw text of the scalar that starts at line:col (1-based), without a trailing comment. */
export function rawScalar(text: string, pos: Pos): string | undefined {
  const line = text.replace(/\r\n/g, '\n').split('\n')[pos.line - 1];
  if (line === undefined) return undefined;
  let rest = line.slice(pos.col - 1);
  if (rest.startsWith('"') || rest.startsWith("'")) {
    const q = rest[0]!;
    const end = rest.indexOf(q, 1);
    return end > 0 ? rest.slice(0, end + 1) : rest;
  }
  const comment = rest.search(/\s#/);
  if (comment >= 0) rest = rest.slice(0, comment);
  // inside a flow collection the scalar ends at `,` `]` `}`
  const flowEnd = rest.search(/[,\]}]/);
  if (flowEnd >= 0 && /[[{]/.test(line.slice(0, pos.col - 1))) rest = rest.slice(0, flowEnd);
  return rest.trim() || undefined;
}
