import type { DatasetInfo } from "../model/item.js";
import { decodeUtf8Chunks } from "./decode-utf8.js";
import type { DatasetFormat, DatasetParser, DatasetRecord, DatasetSource } from "./format.js";
import { parseCsv } from "./parse-csv.js";
import { parseJsonArray } from "./parse-json-array.js";
import { parseJsonl } from "./parse-jsonl.js";
import { DatasetVersionAccumulator } from "./version-accumulator.js";

const PARSERS: Record<DatasetFormat, DatasetParser> = {
  jsonl: parseJsonl,
  csv: parseCsv,
  json: parseJsonArray,
};

/** How a dataset file is read; `quoteContent` is false unless the caller knows the file is the project's. */
export interface ParseOptions {
  quoteContent?: boolean;
}

/**
 * Records of a dataset file's chunks (UTF-8 bytes, or text); `file` is the path shown in messages.
 * Bytes that are not UTF-8 are refused with the line and byte offset.
 */
export function parseDataset(
  format: DatasetFormat,
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
  options: ParseOptions = {},
): AsyncGenerator<DatasetRecord> {
  return PARSERS[format](decodeUtf8Chunks(chunks, file), sourceOf(file, options));
}

/**
 * The validating pass: parses every record, rejects duplicate ids and empty datasets, and returns
 * what a run records about its dataset. Throws a UserError naming file and line on the first
 * malformed record.
 */
export async function inspectDatasetChunks(
  format: DatasetFormat,
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
  options: ParseOptions = {},
): Promise<DatasetInfo> {
  const accumulator = new DatasetVersionAccumulator(sourceOf(file, options));
  for await (const record of parseDataset(format, chunks, file, options)) accumulator.add(record);
  const { version, item_count } = accumulator.finish();
  return { path: file, format, version, item_count };
}

function sourceOf(file: string, options: ParseOptions): DatasetSource {
  return { file, quoteContent: options.quoteContent ?? false };
}
