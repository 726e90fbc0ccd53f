// How the two commands name a place in a file: `render` prints `file:line:col: reason`, `validate`
// prints the file, then `line:col  error  reason` under it.
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches `file` followed by a line and column (any, or the given ones), in either layout. */
export function located(file: string, line?: number, col?: number): RegExp {
  const l = line === undefined ? '\\d+' : String(line);
  const c = col === undefined ? '\\d+' : String(col);
  return new RegExp(`${escape(file)}(:${l}:${c}: |\\n\\s+${l}:${c}\\s+error\\s+)`);
}

/** A stack trace line, which no expected failure may print. */
export const STACK = /\n\s+at [^\n]+:\d+:\d+\)?/;
