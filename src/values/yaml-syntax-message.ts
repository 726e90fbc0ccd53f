/**
 * A YAML syntax error in the words of the person who has to fix it. The parser reports where it
 * noticed the problem, in its own terms ("Nested mappings are not allowed in compact mappings" at
 * the end of the line *before* a mis-indented key); people need the line and column where the
 * text must change, what is wrong there and what to write instead, and the line itself quoted.
 * For a mis-indented key that is the key's line, as helm's `yaml: line N` says.
 *
 * Only the common mistakes are rephrased (indentation, tabs, unclosed quotes and brackets, a key
 * without ":"); anything else keeps the parser's message at the parser's position.
 */

export interface SyntaxExplanation {
  /** offset in the text where the text must change */
  offset: number;
  reason: string;
}

interface Lines {
  text: string;
  starts: number[];
}

function linesOf(text: string): Lines {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return { text, starts };
}

function lineAt(lines: Lines, offset: number): number {
  let lo = 0;
  let hi = lines.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function line(lines: Lines, i: number): string {
  const end = i + 1 < lines.starts.length ? lines.starts[i + 1]! - 1 : lines.text.length;
  return lines.text.slice(lines.starts[i]!, end).replace(/\r$/, '');
}

const indentOf = (s: string): number => s.length - s.trimStart().length;
const meaningful = (s: string): boolean => s.trim() !== '' && !s.trimStart().startsWith('#');

/** The key a line starts with (`name` of `  name: a`, `- name: a`), if it has one. */
function keyOf(s: string): string | undefined {
  const m = /^\s*(?:-\s+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{[][^:#]*?)\s*:(?:\s|$)/.exec(s);
  return m?.[1];
}

/** The offending line, quoted for a one-line message (tabs and odd characters escaped). */
function quoted(s: string): string {
  const t = s.trimEnd();
  return JSON.stringify(t.length > 60 ? `${t.slice(0, 59)}…` : t);
}

function at(lines: Lines, i: number, col: number): number {
  return lines.starts[i]! + col;
}

/** The nearest meaningful line before line `i`. */
function previous(lines: Lines, i: number): number | undefined {
  for (let j = i - 1; j >= 0; j--) if (meaningful(line(lines, j))) return j;
  return undefined;
}

/** The column of an opening quote on the line that is never closed, if there is one. */
function unclosedQuote(s: string, q: string): number | undefined {
  const colon = s.search(/:(\s|$)/);
  const start = s.indexOf(q, colon < 0 ? 0 : colon);
  if (start < 0) return undefined;
  const rest = s.slice(start + 1);
  const closed = q === '"' ? /(^|[^\\])(\\\\)*"/.test(rest) : rest.replace(/''/g, '').includes("'");
  return closed ? undefined : start;
}

export function explainYamlSyntax(text: string, code: string | undefined, message: string, offset: number): SyntaxExplanation | undefined {
  const lines = linesOf(text);
  const i = lineAt(lines, offset);
  const here = line(lines, i);

  if (code === 'TAB_AS_INDENT') {
    return { offset: at(lines, i, 0), reason: `a tab indents this line, and YAML indents with spaces only: replace the tab with spaces (line ${quoted(here)})` };
  }

  if (code === 'BLOCK_AS_IMPLICIT_KEY' && /Nested mappings/.test(message)) {
    // The value on line i runs on into a line indented deeper: that line's key is the mistake.
    for (let j = i + 1; j < lines.starts.length; j++) {
      const next = line(lines, j);
      if (!meaningful(next)) continue;
      if (indentOf(next) <= indentOf(here)) break;
      const owner = keyOf(here);
      const key = keyOf(next) ?? next.trim();
      const fix = owner ? `line it up with the keys above (column ${indentOf(here) + 1}), or, if it belongs under "${owner}", move the value after "${owner}:" onto a line of its own` : `line it up with the keys above (column ${indentOf(here) + 1})`;
      return { offset: at(lines, j, indentOf(next)), reason: `a key here ("${key}") is indented more than the keys above it: ${fix} (line ${quoted(next)})` };
    }
  }

  if (code === 'BLOCK_AS_IMPLICIT_KEY' && /block sequence/.test(message)) {
    return { offset: at(lines, i, indentOf(here)), reason: `a list item here stands among the keys of a map: indent it under the key it belongs to, or make it a key ("key: value") (line ${quoted(here)})` };
  }

  if (code === 'BAD_INDENT' && /same column/.test(message)) {
    const p = previous(lines, i);
    const above = p === undefined ? undefined : line(lines, p);
    if (above !== undefined && indentOf(here) === indentOf(above) && above.trimStart().startsWith('-')) {
      return { offset: at(lines, i, indentOf(here)), reason: `a key here stands at the level of the list items above it, and one level holds either keys or "- " items: indent it like the keys of its map, or make it an item (line ${quoted(here)})` };
    }
    const where = above === undefined || indentOf(here) === indentOf(above) ? '' : indentOf(here) < indentOf(above) ? ' less than the line above it and' : ' more than the line above it and';
    return { offset: at(lines, i, indentOf(here)), reason: `a key here is indented${where} does not line up with the keys of any map above it: indent it exactly like the other keys of its map (line ${quoted(here)})` };
  }

  const flow = /^Flow (sequence|map) in block collection/.exec(message);
  if (code === 'BAD_INDENT' && flow) {
    const [open, close] = flow[1] === 'sequence' ? ['[', ']'] : ['{', '}'];
    if (text.indexOf(close, offset) >= 0) {
      // Closed further down: its content starts too far left (libyaml would read it; we cannot).
      return { offset: at(lines, i, indentOf(here)), reason: `the ${flow[1] === 'sequence' ? 'list' : 'map'} opened with "${open}" above goes on at column 1: indent its content more than the key it belongs to (line ${quoted(here)})` };
    }
    const p = previous(lines, i) ?? i;
    const last = line(lines, p);
    return { offset: at(lines, p, last.trimEnd().length), reason: `the ${flow[1] === 'sequence' ? 'list' : 'map'} opened with "${open}" is not closed: add "${close}" at the end of it (line ${quoted(last)})` };
  }

  const quote = /^Missing closing (["'])quote/.exec(message);
  if (code === 'MISSING_CHAR' && quote) {
    for (let j = i; j >= 0; j--) {
      const s = line(lines, j);
      const col = unclosedQuote(s, quote[1]!);
      if (col === undefined) continue;
      return { offset: at(lines, j, s.trimEnd().length), reason: `the quoted value that starts at column ${col + 1} is never closed: add the closing ${quote[1]} at the end of it (line ${quoted(s)})` };
    }
  }

  if (code === 'MULTILINE_IMPLICIT_KEY') {
    const tight = /^\s*([^\s:#'"]+):(?=[^\s:])/.exec(here);
    if (tight) {
      return { offset: at(lines, i, tight[0].length), reason: `a ":" after a key needs a space: write "${tight[1]}: …" (line ${quoted(here)})` };
    }
    if (meaningful(here) && keyOf(here) === undefined && !here.trimStart().startsWith('-')) {
      return { offset: at(lines, i, indentOf(here)), reason: `a line here has no ":" after its key: write "key: value", or indent it under a key if it continues the value above (line ${quoted(here)})` };
    }
    return { offset, reason: `a key here runs on over more than one line: end each key with ": " on its own line, or quote text that holds ": " (line ${quoted(here)})` };
  }

  if (code === 'UNEXPECTED_TOKEN' && /at node end/.test(message)) {
    return { offset: at(lines, i, indentOf(here)), reason: `a line here does not fit the indentation of the lines above it: indent it like the keys of the map it belongs to (line ${quoted(here)})` };
  }
  return undefined;
}
