import { UserError } from "../errors.js";
import type { DatasetInfo, Item } from "../model/item.js";

export type DatasetFormat = DatasetInfo["format"];

/**
 * One item as a parser yields it. `line` is the physical line where the record starts, as an
 * editor numbers it; a JSON array element also has its `index`.
 */
export interface DatasetRecord {
  item: Item;
  line: number;
  index?: number;
}

/** What a parser knows about the file it reads. */
export interface DatasetSource {
  /** The path shown in messages (as written in the config). */
  file: string;
  /**
   * Whether a message may quote the file's content (a column name, an id, a character). False for
   * a file outside the project (read only with --allow-outside-project): its content must never
   * reach a log, a PR comment or a check run through an error.
   */
  quoteContent: boolean;
}

/** A dataset parser: decoded text in, records out, holding one record at a time. */
export type DatasetParser = (chunks: AsyncIterable<string>, source: DatasetSource) => AsyncGenerator<DatasetRecord>;

/**
 * A record (a JSONL line, a CSV record, a JSON array element) longer than this many characters is
 * refused: the parser holds a whole record, and a file with no line break or an unclosed quote
 * would otherwise be read into memory whole.
 */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

const FORMATS: Record<string, DatasetFormat> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
  ".json": "json",
};

/** The format follows the extension, so a file never parses differently by accident. */
export function datasetFormatOf(file: string): DatasetFormat {
  const extension = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? "";
  const format = FORMATS[extension];
  if (format === undefined) {
    throw new UserError(
      `${file}: unknown dataset format; name the file .jsonl (or .ndjson), .csv or .json`,
    );
  }
  return format;
}

/** `evals/x.jsonl:17` or `evals/x.json:17: item [3]`: the prefix of every message about a record. */
export function recordLocation(file: string, record: { line: number; index?: number }): string {
  return record.index === undefined ? `${file}:${record.line}` : `${file}:${record.line}: item [${record.index}]`;
}

/** How a too-long record is refused, in every format. */
export function recordTooLongMessage(where: string): string {
  return `${where}: the record is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MiB; a missing line break or an unclosed quote usually causes this`;
}

/** "an array", "a string", "null": for "expected a JSON object, got …". */
export function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}
