import { UserError } from "../errors.js";
import { nestingExceeds } from "../json-depth.js";
import { decodeUtf8Chunks } from "../dataset/decode-utf8.js";
import { MAX_RECORD_CHARS, recordLocation, recordTooLongMessage } from "../dataset/format.js";
import { ElementTooLongError, JsonArrayError, JsonArraySplitter } from "../dataset/json-array-elements.js";
import { describeJsonSyntaxError, findJsonSyntaxError } from "../dataset/json-syntax.js";
import { positionInText } from "../dataset/line-breaks.js";
import { LineTooLongError, textLines } from "../dataset/text-lines.js";
import { readCsvRows, type CsvSyntaxWording } from "./read-csv-rows.js";

/** A file of records: CSV with a header row, a JSON array, or JSON Lines. */
export type RecordFileFormat = "csv" | "json" | "jsonl";

/**
 * One record as the file writes it, before any check of its fields, and `where` it starts
 * (`file:line`, or `file:line: item [i]` in a JSON array): the prefix of every message about it.
 * A CSV row is keyed by the header's names, every cell as text ("" when empty).
 */
export type RawRecord =
  | { format: "csv"; value: Record<string, string>; where: string }
  | { format: "json" | "jsonl"; value: unknown; where: string };

export interface ReadRawRecordsOptions {
  /** Checks a CSV header row and returns its column names; throws a UserError for one the caller cannot read. */
  csvHeader: (cells: string[], where: string) => readonly string[];
  /**
   * Takes the problem of one record (its text is not JSON, a CSV row has another number of cells
   * than the header) and reading goes on past the record; without it, the problem is thrown as a
   * UserError. A problem with the file itself (not UTF-8, not an array, an unclosed CSV quote, a
   * record too long) is always thrown: nothing after it can be read.
   */
  onRecordProblem?: ((message: string) => void) | undefined;
  /**
   * Refuses a JSON record nested deeper than MAX_JSON_DEPTH, as too deep. Without it a record is
   * taken at any depth `JSON.parse` allows, and nesting past the limit in a text refused anyway
   * (a JSON array's elements are always limited) is said as a JSON syntax problem.
   */
  limitNesting?: boolean | undefined;
  /** How a CSV syntax problem is said; the dataset loader's wording unless given. */
  describeCsvSyntaxProblem?: CsvSyntaxWording | undefined;
}

/**
 * The records of a file's chunks (UTF-8 bytes, or text), one at a time, holding one record: JSONL
 * lines and JSON array elements as parsed, CSV rows as text. Blank lines are skipped. Bytes that
 * are not UTF-8, a record longer than MAX_RECORD_CHARS, text that is not JSON and a CSV quote that
 * never closes are refused with a UserError naming `file:line` (the physical line an editor shows).
 */
export function readRawRecords(
  format: RecordFileFormat,
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
  options: ReadRawRecordsOptions,
): AsyncGenerator<RawRecord> {
  const text = decodeUtf8Chunks(chunks, file);
  if (format === "jsonl") return jsonlRecords(text, file, options);
  if (format === "json") return jsonArrayRecords(text, file, options);
  return csvRecords(text, file, options);
}

async function* jsonlRecords(chunks: AsyncIterable<string>, file: string, options: ReadRawRecordsOptions): AsyncGenerator<RawRecord> {
  const report = problemReporter(options);
  try {
    for await (const [line, text] of textLines(chunks, MAX_RECORD_CHARS)) {
      if (text.trim() === "") continue;
      const where = `${file}:${line}`;
      const value = parseJson(text, options);
      if (value !== NOT_JSON) yield { format: "jsonl", value, where };
      else report(`${where}: ${jsonProblem(text, 1, options).problem}; write one JSON object per line`);
    }
  } catch (error) {
    if (error instanceof LineTooLongError) throw new UserError(recordTooLongMessage(`${file}:${error.line}`));
    throw error;
  }
}

/** Split element by element, so the file is never parsed whole; each element's problem is at its own line. */
async function* jsonArrayRecords(chunks: AsyncIterable<string>, file: string, options: ReadRawRecordsOptions): AsyncGenerator<RawRecord> {
  const report = problemReporter(options);
  const splitter = new JsonArraySplitter(MAX_RECORD_CHARS);
  try {
    for await (const chunk of chunks) {
      for (const element of splitter.push(chunk)) {
        const value = parseJson(element.text, options);
        if (value !== NOT_JSON) {
          yield { format: "json", value, where: recordLocation(file, element) };
          continue;
        }
        const { lines, problem } = jsonProblem(element.text, element.column, options);
        report(`${recordLocation(file, { line: element.line + lines, index: element.index })}: ${problem}`);
      }
    }
    splitter.finish();
  } catch (error) {
    if (error instanceof JsonArrayError) {
      const where = recordLocation(file, { line: error.line, ...(error.index === undefined ? {} : { index: error.index }) });
      const plain = error.kind === "shape" || (error.kind === "depth" && options.limitNesting === true);
      throw new UserError(plain ? `${where}: ${error.problem}` : `${where}: not valid JSON (${error.problem}, at column ${error.column})`);
    }
    if (error instanceof ElementTooLongError) throw new UserError(recordTooLongMessage(recordLocation(file, error)));
    throw error;
  }
}

async function* csvRecords(chunks: AsyncIterable<string>, file: string, options: ReadRawRecordsOptions): AsyncGenerator<RawRecord> {
  const rows = readCsvRows(chunks, file, {
    readHeader: (cells, where) => ({ names: options.csvHeader(cells, where) }),
    onRowProblem: options.onRecordProblem,
    describeSyntaxProblem: options.describeCsvSyntaxProblem,
  });
  for await (const { header, cells, where } of rows) {
    yield { format: "csv", value: Object.fromEntries(header.names.map((name, index) => [name, cells[index] ?? ""])), where };
  }
}

function problemReporter(options: ReadRawRecordsOptions): (message: string) => void {
  return (
    options.onRecordProblem ??
    ((message) => {
      throw new UserError(message);
    })
  );
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string, options: ReadRawRecordsOptions): unknown {
  try {
    const value = JSON.parse(text) as unknown;
    return options.limitNesting === true && nestingExceeds(value) ? NOT_JSON : value;
  } catch {
    return NOT_JSON;
  }
}

/**
 * Why a record's text is not JSON, by our own scanner (the engine's message would quote an excerpt
 * of the file), and `lines` line breaks into the text where. `startColumn` is the column the text
 * starts at on its first line.
 */
function jsonProblem(text: string, startColumn: number, options: ReadRawRecordsOptions): { lines: number; problem: string } {
  const found = findJsonSyntaxError(text);
  if (found === undefined) return { lines: 0, problem: "not valid JSON" };
  const { lines, column } = positionInText(text, found.index);
  const at = `at column ${lines === 0 ? startColumn + column - 1 : column}`;
  if (found.tooDeep === true && options.limitNesting === true) return { lines, problem: `the record is ${found.problem} (${at})` };
  return { lines, problem: `not valid JSON (${describeJsonSyntaxError(found, true)}, ${at})` };
}
