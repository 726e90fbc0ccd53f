/**
 * Line diffs: Myers' O((N+M)·D) shortest edit script, grouped into unified-diff hunks with N
 * lines of context (`@@ -a,b +c,d @@`, as `diff -u` and `git diff` print them, so `patch` can
 * apply them).
 */

export type Op = { op: ' ' | '-' | '+'; line: string };

/**
 * The saved frontiers cost (D + 1)·(2(N + M) + 3) integers; past this many the script is given up
 * for "remove every old line, add every new one", still a correct diff, so that two huge, wholly
 * different objects cannot exhaust memory.
 */
const MAX_TRACE = 16_000_000;

/** The shortest edit script turning `a` into `b` (or, when that is too costly to find, a correct longer one). */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    if ((d + 1) * v.length > MAX_TRACE) return [...a.map((line) => ({ op: '-' as const, line })), ...b.map((line) => ({ op: '+' as const, line }))];
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ op: ' ', line: a[--x]! }), y--;
    if (d === 0) break;
    if (x === prevX) ops.push({ op: '+', line: b[--y]! });
    else ops.push({ op: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ op: ' ', line: a[--x]! }), y--;
  return ops.reverse();
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  ops: Op[];
}

/** Hunks with `context` unchanged lines around each change; nearby changes share a hunk. */
export function hunks(ops: readonly Op[], context: number): Hunk[] {
  const out: Hunk[] = [];
  const changed = ops.map((o, i) => (o.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return out;
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = Math.min(ops.length, changed[i]! + context + 1);
    while (i + 1 < changed.length && changed[i + 1]! - context <= end) {
      i++;
      end = Math.min(ops.length, changed[i]! + context + 1);
    }
    let oldLine = 1;
    let newLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]!.op !== '+') oldLine++;
      if (ops[j]!.op !== '-') newLine++;
    }
    const slice = ops.slice(start, end);
    const oldLines = slice.filter((o) => o.op !== '+').length;
    const newLines = slice.filter((o) => o.op !== '-').length;
    // diff -u numbers an empty side by the line before it.
    out.push({ oldStart: oldLines === 0 ? oldLine - 1 : oldLine, oldLines, newStart: newLines === 0 ? newLine - 1 : newLine, newLines, ops: slice });
    i++;
  }
  return out;
}

const range = (start: number, lines: number) => (lines === 1 ? `${start}` : `${start},${lines}`);

export function formatHunks(list: readonly Hunk[]): string {
  const lines: string[] = [];
  for (const h of list) {
    lines.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    for (const o of h.ops) lines.push(`${o.op}${o.line}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Unified diff of two texts (no file header lines); '' when they are equal. */
export function unifiedDiff(oldText: string, newText: string, context: number): string {
  const split = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
  return formatHunks(hunks(diffLines(split(oldText), split(newText)), context));
}

/** Applies a unified diff made by unifiedDiff to `oldText` (the round-trip the tests check). */
export function applyUnified(oldText: string, patch: string): string {
  const src = oldText === '' ? [] : oldText.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let pos = 0;
  const lines = patch === '' ? [] : patch.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(lines[i]!);
    if (!m) throw new Error(`not a hunk header: ${lines[i]}`);
    const oldLines = m[2] === undefined ? 1 : Number(m[2]);
    const start = oldLines === 0 ? Number(m[1]) : Number(m[1]) - 1;
    while (pos < start) out.push(src[pos++]!);
    while (i + 1 < lines.length && !lines[i + 1]!.startsWith('@@')) {
      const l = lines[++i]!;
      const body = l.slice(1);
      if (l[0] === ' ') {
        if (src[pos] !== body) throw new Error(`context mismatch at line ${pos + 1}`);
        out.push(src[pos++]!);
      } else if (l[0] === '-') {
        if (src[pos] !== body) throw new Error(`removed line mismatch at line ${pos + 1}`);
        pos++;
      } else out.push(body);
    }
  }
  while (pos < src.length) out.push(src[pos++]!);
  return out.length ? `${out.join('\n')}\n` : '';
}
