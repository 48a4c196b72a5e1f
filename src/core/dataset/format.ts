import { UserError } from "../errors.js";
import type { DatasetInfo, Item } from "../model/item.js";

export type DatasetFormat = DatasetInfo["format"];

/**
 * One item as a parser yields it. `line` is the 1-based line where the record starts (JSONL,
 * CSV); for a JSON array, whose tokens carry no positions, it is the element's index.
 */
export interface DatasetRecord {
  item: Item;
  line: number;
}

/** A dataset parser: chunks of the file in, records out, holding one record at a time. */
export type DatasetParser = (
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
) => AsyncGenerator<DatasetRecord>;

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

/** `evals/x.jsonl:17` or `evals/x.json: item [17]`: the prefix of every message about a record. */
export function recordLocation(format: DatasetFormat, file: string, line: number): string {
  return format === "json" ? `${file}: item [${line}]` : `${file}:${line}`;
}

/** `line 3` or `item [3]`, for "first on line 3". */
export function positionLabel(format: DatasetFormat, line: number): string {
  return format === "json" ? `item [${line}]` : `line ${line}`;
}

/** "an array", "a string", "null": for "expected a JSON object, got …". */
export function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}
