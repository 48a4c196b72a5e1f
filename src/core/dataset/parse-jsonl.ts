import { UserError } from "../errors.js";
import type { DatasetRecord } from "./format.js";
import { recordToItem } from "./record-to-item.js";
import { textLines } from "./text-lines.js";

/** JSONL (one JSON object per line). Blank lines are skipped; line numbers are the file's. */
export async function* parseJsonl(
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
): AsyncGenerator<DatasetRecord> {
  for await (const [line, text] of textLines(chunks)) {
    if (text.trim() === "") continue;
    const where = `${file}:${line}`;
    yield { item: recordToItem(parseLine(text, where), where), line };
  }
}

function parseLine(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      // JSON.parse counts from the start of the line; "line 1" would contradict our line number.
      /at position (\d+)(?: \(line \d+ column \d+\))?/,
      (_, position: string) => `at column ${Number(position) + 1}`,
    );
    throw new UserError(`${where}: not valid JSON (${reason}); write one JSON object per line`);
  }
}
