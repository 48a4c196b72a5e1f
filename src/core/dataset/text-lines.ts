/** A line longer than the limit `textLines` was given; `line` is its number. */
export class LineTooLongError extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is too long`);
  }
}

/**
 * Splits chunks of text into physical lines as an editor numbers them: `\n`, `\r\n` and a lone
 * `\r` each end a line, also when a `\r\n` is split between two chunks. Holds one chunk and the
 * unfinished line, which may not grow beyond `maxLength` characters (LineTooLongError). Lines are
 * `[lineNumber, text]`, 1-based, without the line break. A byte-order mark at the start is dropped.
 *
 * Synchronous within a chunk, so a parser reading a 100,000-line file awaits once per chunk, not
 * once more per line (each await layer cost ~0.3 µs a record in the validating pass, issue 13).
 */
export class LineSplitter {
  private pending = "";
  private lineNumber = 0;
  private first = true;
  // The previous chunk ended with "\r": a "\n" starting this one belongs to that line break.
  private skipLineFeed = false;

  constructor(private readonly maxLength = Number.POSITIVE_INFINITY) {}

  /** The lines `chunk` completes. */
  *push(chunk: string): Generator<[number, string]> {
    if (chunk === "") return;
    let text = chunk;
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    if (this.skipLineFeed && text.startsWith("\n")) text = text.slice(1);
    this.skipLineFeed = false;
    const pending = this.pending + text;
    let start = 0;
    let lineFeed = pending.indexOf("\n");
    let carriageReturn = pending.indexOf("\r");
    while (lineFeed !== -1 || carriageReturn !== -1) {
      const end = lineFeed === -1 ? carriageReturn : carriageReturn === -1 ? lineFeed : Math.min(lineFeed, carriageReturn);
      let next = end + 1;
      if (end === carriageReturn) {
        if (next === pending.length) this.skipLineFeed = true;
        else if (pending.charCodeAt(next) === 0x0a) next++;
      }
      if (end - start > this.maxLength) throw new LineTooLongError(this.lineNumber + 1);
      yield [++this.lineNumber, pending.slice(start, end)];
      start = next;
      if (lineFeed !== -1 && lineFeed < start) lineFeed = pending.indexOf("\n", start);
      if (carriageReturn !== -1 && carriageReturn < start) carriageReturn = pending.indexOf("\r", start);
    }
    this.pending = pending.slice(start);
    if (this.pending.length > this.maxLength) throw new LineTooLongError(this.lineNumber + 1);
  }

  /** The last line, when the text does not end with a line break. */
  end(): [number, string] | undefined {
    return this.pending === "" ? undefined : [++this.lineNumber, this.pending];
  }
}

/** The lines of a stream of text chunks, as `LineSplitter` splits them. */
export async function* textLines(
  chunks: AsyncIterable<string>,
  maxLength = Number.POSITIVE_INFINITY,
): AsyncGenerator<[number, string]> {
  const splitter = new LineSplitter(maxLength);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  const last = splitter.end();
  if (last !== undefined) yield last;
}
