import { UserError } from "../errors.js";
import { MAX_RECORD_CHARS, recordTooLongMessage, type DatasetRecord, type DatasetSource } from "./format.js";
import { nestingExceeds } from "../json-depth.js";
import { describeJsonSyntaxError, findJsonSyntaxError } from "./json-syntax.js";
import { recordToItem } from "./record-to-item.js";
import { LineTooLongError, textLines } from "./text-lines.js";

/** JSONL (one JSON object per line). Blank lines are skipped; line numbers are the file's. */
export async function* parseJsonl(chunks: AsyncIterable<string>, source: DatasetSource): AsyncGenerator<DatasetRecord> {
  try {
    for await (const [line, text] of textLines(chunks, MAX_RECORD_CHARS)) {
      if (text.trim() === "") continue;
      const where = `${source.file}:${line}`;
      yield { item: recordToItem(parseLine(text, where, source), where), line };
    }
  } catch (error) {
    if (error instanceof LineTooLongError) throw new UserError(recordTooLongMessage(`${source.file}:${error.line}`));
    throw error;
  }
}

function parseLine(text: string, where: string, source: DatasetSource): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw syntaxError(text, where, source);
  }
  if (nestingExceeds(value)) throw syntaxError(text, where, source);
  return value;
}

// Our own scanner says where and why: the engine's message would quote an excerpt of the line.
function syntaxError(text: string, where: string, source: DatasetSource): UserError {
  const found = findJsonSyntaxError(text);
  if (found === undefined) return new UserError(`${where}: not valid JSON; write one JSON object per line`);
  const at = `at column ${found.index + 1}`;
  if (found.tooDeep) return new UserError(`${where}: the record is ${found.problem} (${at})`);
  return new UserError(
    `${where}: not valid JSON (${describeJsonSyntaxError(found, source.quoteContent)}, ${at}); write one JSON object per line`,
  );
}
