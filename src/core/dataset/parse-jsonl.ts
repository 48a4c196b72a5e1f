import { UserError } from "../errors.js";
import { MAX_RECORD_CHARS, recordTooLongMessage, type DatasetRecord, type DatasetSource } from "./format.js";
import { MAX_JSON_DEPTH, nestingExceeds } from "../json-depth.js";
import { describeJsonSyntaxError, findJsonSyntaxError } from "./json-syntax.js";
import { recordToItem } from "./record-to-item.js";
import { LineSplitter, LineTooLongError } from "./text-lines.js";

/**
 * A value nested deeper than MAX_JSON_DEPTH has more than that many opening brackets and as many
 * closing ones: a shorter line cannot be, and is not walked (the walk cost 17–22 ms of a
 * 10,000-item validating pass, issue 13).
 */
const SHORTEST_TOO_DEEP = 2 * (MAX_JSON_DEPTH + 1);

/** JSONL (one JSON object per line). Blank lines are skipped; line numbers are the file's. */
export async function* parseJsonl(chunks: AsyncIterable<string>, source: DatasetSource): AsyncGenerator<DatasetRecord> {
  const lines = new LineSplitter(MAX_RECORD_CHARS);
  try {
    for await (const chunk of chunks) {
      for (const [line, text] of lines.push(chunk)) {
        const record = recordOf(line, text, source);
        if (record !== undefined) yield record;
      }
    }
    const last = lines.end();
    const record = last === undefined ? undefined : recordOf(last[0], last[1], source);
    if (record !== undefined) yield record;
  } catch (error) {
    if (error instanceof LineTooLongError) throw new UserError(recordTooLongMessage(`${source.file}:${error.line}`));
    throw error;
  }
}

/** The record on a line; undefined for a blank line. */
function recordOf(line: number, text: string, source: DatasetSource): DatasetRecord | undefined {
  if (text.trim() === "") return undefined;
  const where = `${source.file}:${line}`;
  return { item: recordToItem(parseLine(text, where, source), where), line };
}

function parseLine(text: string, where: string, source: DatasetSource): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw syntaxError(text, where, source);
  }
  if (text.length >= SHORTEST_TOO_DEEP && nestingExceeds(value)) throw syntaxError(text, where, source);
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
