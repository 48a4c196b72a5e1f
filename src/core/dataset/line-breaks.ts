const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts physical lines in a stream of bytes as an editor shows them: LF, CRLF and a lone CR each
 * end a line (a CRLF split across two chunks counts once). UTF-8 never uses these byte values
 * inside a multi-byte character, so bytes can be counted without decoding.
 */
export class LineBreakCounter {
  private lineNumber = 1;
  private afterCr = false;

  /** The 1-based line of the next byte. */
  get line(): number {
    return this.lineNumber;
  }

  /** Counts the line breaks in `bytes[start, end)`; returns the line of the byte at `end`. */
  advance(bytes: Uint8Array, start = 0, end = bytes.length): number {
    if (start >= end) return this.lineNumber;
    // Native searches (memchr) over exactly the range, rather than a byte loop: this runs over
    // every byte of a dataset, and once per CSV record.
    const range = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
    let lineFeeds = 0;
    for (let at = range.indexOf(LF); at !== -1; at = range.indexOf(LF, at + 1)) lineFeeds++;
    let carriageReturns = 0;
    let pairs = this.afterCr && range[0] === LF ? 1 : 0;
    for (let at = range.indexOf(CR); at !== -1; at = range.indexOf(CR, at + 1)) {
      carriageReturns++;
      if (range[at + 1] === LF) pairs++;
    }
    this.lineNumber += lineFeeds + carriageReturns - pairs;
    this.afterCr = range[range.length - 1] === CR;
    return this.lineNumber;
  }
}

/**
 * Where `text[index]` is, counted as `LineBreakCounter` counts: `lines` line breaks before it, and
 * its 1-based column on its line (in UTF-16 units, as editors number columns).
 */
export function positionInText(text: string, index: number): { lines: number; column: number } {
  let lines = 0;
  let lineStart = 0;
  for (let at = 0; at < index; at++) {
    const code = text.charCodeAt(at);
    if (code === CR || (code === LF && (at === 0 || text.charCodeAt(at - 1) !== CR))) lines++;
    if (code === CR || code === LF) lineStart = at + 1;
  }
  return { lines, column: index - lineStart + 1 };
}
