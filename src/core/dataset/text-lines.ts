import { TextDecoder } from "node:util";

/**
 * Splits chunks of text (or UTF-8 bytes) into lines without holding more than one chunk and the
 * unfinished line. Yields `[lineNumber, text]`, 1-based, without the line break (`\n` or `\r\n`).
 * A byte-order mark at the start is dropped.
 */
export async function* textLines(
  chunks: AsyncIterable<string | Uint8Array>,
): AsyncGenerator<[number, string]> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let lineNumber = 0;
  let first = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text !== "") {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    pending += text;
    let start = 0;
    let end = pending.indexOf("\n", start);
    while (end !== -1) {
      yield [++lineNumber, withoutCarriageReturn(pending.slice(start, end))];
      start = end + 1;
      end = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== "") yield [++lineNumber, withoutCarriageReturn(pending)];
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
