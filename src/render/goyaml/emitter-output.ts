// The cursor state of go-yaml v2's emitter (column, indentation stack, whitespace/indention flags) and
// its primitive writers (put, put_break, write, write_indent, write_indicator). Line folding and
// indentation decisions all read this state, so it has to evolve exactly as in emitterc.go.

export const BEST_INDENT = 2;
export const BEST_WIDTH = 80;

// Indentation strings, made once per width (the emitter's and the templates' indent helpers).
const SPACES: string[] = [];

/** n spaces; a negative count throws, as Go's strings.Repeat panics. */
export function spaces(n: number): string {
  return n < 64 ? (SPACES[n] ??= ' '.repeat(n)) : ' '.repeat(n);
}

export class EmitterOutput {
  // One growing string: V8 appends to it cheaply, far cheaper than an array of one-character parts.
  private buf = '';
  /** Characters (code points) on the current line. */
  column = 0;
  /** Current indentation; -1 before the root node. */
  indent = -1;
  private readonly indents: number[] = [];
  /** The last thing written was whitespace, so an indicator needs no separating space. */
  whitespace = true;
  /** Only indentation has been written on the current line so far. */
  indention = true;

  text(): string {
    return this.buf;
  }

  /** put: one ASCII character. */
  put(ch: string): void {
    this.buf += ch;
    this.column++;
  }

  /**
   * What a newline writes: "\n", then `linePrefix` (sprig's `indent` of the whole document,
   * written as it goes instead of by a second pass). The prefix is not part of any column.
   */
  private readonly newline: string;

  constructor(linePrefix = '') {
    this.newline = `\n${linePrefix}`;
  }

  /** put_break: a newline. */
  putBreak(): void {
    this.buf += this.newline;
    this.column = 0;
  }

  /** write: one character of scalar content. */
  writeChar(c: number): void {
    this.buf += String.fromCodePoint(c);
    this.column++;
  }

  /** Characters of one line that are one code point per UTF-16 unit (printable ASCII). */
  writeAscii(text: string): void {
    this.buf += text;
    this.column += text.length;
  }

  /** write_break: a line break from the content; non-'\n' breaks are copied raw but still end the line. */
  writeBreakChar(c: number): void {
    if (c === 0x0a) {
      this.putBreak();
    } else {
      this.writeChar(c);
      this.column = 0;
    }
  }

  /** Whether writeIndent would start a new line now. */
  breaksAtIndent(): boolean {
    const indent = Math.max(this.indent, 0);
    return !this.indention || this.column > indent || (this.column === indent && !this.whitespace);
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (this.breaksAtIndent()) this.putBreak();
    if (this.column < indent) {
      this.buf += spaces(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    // Indicators are ASCII: one column per UTF-16 unit.
    this.buf += indicator;
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** increase_indent: a flow context (and every scalar) indents by 2 from the root; indentless keeps the level. */
  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }
}
