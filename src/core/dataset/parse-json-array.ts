import { UserError } from "../errors.js";
import { MAX_RECORD_CHARS, recordLocation, recordTooLongMessage, type DatasetRecord, type DatasetSource } from "./format.js";
import { ElementTooLongError, JsonArrayError, JsonArraySplitter, type ArrayElementText } from "./json-array-elements.js";
import { describeJsonSyntaxError, findJsonSyntaxError } from "./json-syntax.js";
import { positionInText } from "./line-breaks.js";
import { recordToItem } from "./record-to-item.js";

/**
 * A JSON array of records, streamed element by element: the file is never parsed whole. Each
 * record is located by the physical line it starts on and its index (`file.json:12: item [3]`),
 * so a pretty-printed array points at the line an editor shows.
 */
export async function* parseJsonArray(chunks: AsyncIterable<string>, source: DatasetSource): AsyncGenerator<DatasetRecord> {
  const splitter = new JsonArraySplitter(MAX_RECORD_CHARS);
  try {
    for await (const chunk of chunks) {
      for (const element of splitter.push(chunk)) yield parseElement(element, source);
    }
    splitter.finish();
  } catch (error) {
    if (error instanceof JsonArrayError) {
      const where = recordLocation(source.file, { line: error.line, ...(error.index === undefined ? {} : { index: error.index }) });
      const at = `at column ${error.column}`;
      throw new UserError(
        error.kind === "syntax" ? `${where}: not valid JSON (${error.problem}, ${at})`
        : error.kind === "depth" ? `${where}: the record is ${error.problem} (${at})`
        : `${where}: ${error.problem}`,
      );
    }
    if (error instanceof ElementTooLongError) {
      throw new UserError(recordTooLongMessage(recordLocation(source.file, error)));
    }
    throw error;
  }
}

function parseElement(element: ArrayElementText, source: DatasetSource): DatasetRecord {
  const record = { line: element.line, index: element.index };
  let value: unknown;
  try {
    value = JSON.parse(element.text) as unknown;
  } catch {
    throw syntaxError(element, source);
  }
  return { item: recordToItem(value, recordLocation(source.file, record)), ...record };
}

/** The physical line and column of the problem inside a (possibly multi-line) element. */
function syntaxError(element: ArrayElementText, source: DatasetSource): UserError {
  const found = findJsonSyntaxError(element.text);
  if (found === undefined) return new UserError(`${recordLocation(source.file, element)}: not valid JSON`);
  const { lines, column } = positionInText(element.text, found.index);
  const line = element.line + lines;
  const where = recordLocation(source.file, { line, index: element.index });
  const at = `at column ${lines === 0 ? element.column + column - 1 : column}`;
  if (found.tooDeep) return new UserError(`${where}: the record is ${found.problem} (${at})`);
  return new UserError(`${where}: not valid JSON (${describeJsonSyntaxError(found, source.quoteContent)}, ${at})`);
}
