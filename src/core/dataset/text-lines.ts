/** A line longer than the limit `textLines` was given; `line` is its number. */
export class LineTooLongError extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is too long`);
  }
}

/**
 * Splits chunks of text into physical lines as an editor numbers them: `\n`, `\r\n` and a lone
 * `\r` each end a line, also when a `\r\n` is split between two chunks. Holds one chunk and the
 * unfinished line, which may not grow beyond `maxLength` characters. Yields `[lineNumber, text]`,
 * 1-based, without the line break. A byte-order mark at the start is dropped.
 */
export async function* textLines(
  chunks: AsyncIterable<string>,
  maxLength = Number.POSITIVE_INFINITY,
): AsyncGenerator<[number, string]> {
  let pending = "";
  let lineNumber = 0;
  let first = true;
  // The previous chunk ended with "\r": a "\n" starting this one belongs to that line break.
  let skipLineFeed = false;
  for await (const chunk of chunks) {
    if (chunk === "") continue;
    let text = chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (skipLineFeed && text.startsWith("\n")) text = text.slice(1);
    skipLineFeed = false;
    pending += text;
    let start = 0;
    let lineFeed = pending.indexOf("\n");
    let carriageReturn = pending.indexOf("\r");
    while (lineFeed !== -1 || carriageReturn !== -1) {
      const end = lineFeed === -1 ? carriageReturn : carriageReturn === -1 ? lineFeed : Math.min(lineFeed, carriageReturn);
      let next = end + 1;
      if (end === carriageReturn) {
        if (next === pending.length) skipLineFeed = true;
        else if (pending.charCodeAt(next) === 0x0a) next++;
      }
      if (end - start > maxLength) throw new LineTooLongError(lineNumber + 1);
      yield [++lineNumber, pending.slice(start, end)];
      start = next;
      if (lineFeed !== -1 && lineFeed < start) lineFeed = pending.indexOf("\n", start);
      if (carriageReturn !== -1 && carriageReturn < start) carriageReturn = pending.indexOf("\r", start);
    }
    pending = pending.slice(start);
    if (pending.length > maxLength) throw new LineTooLongError(lineNumber + 1);
  }
  if (pending !== "") yield [++lineNumber, pending];
}
