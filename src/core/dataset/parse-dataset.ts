import type { DatasetInfo, Item } from "../model/item.js";
import { decodeUtf8Chunks } from "./decode-utf8.js";
import { recordLocation, type DatasetFormat, type DatasetParser, type DatasetRecord, type DatasetSource } from "./format.js";
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

/** The validating pass may check more of each item than the file alone can (its own scorers). */
export interface InspectOptions extends ParseOptions {
  /** Throws a UserError about the item; `where` is `file:line` (and `item [i]` in a JSON array). */
  checkItem?: (item: Item, where: string) => void;
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
  options: InspectOptions = {},
): Promise<DatasetInfo> {
  const accumulator = new DatasetVersionAccumulator(sourceOf(file, options));
  for await (const record of parseDataset(format, chunks, file, options)) {
    options.checkItem?.(record.item, recordLocation(file, record));
    accumulator.add(record);
  }
  const { version, item_count } = accumulator.finish();
  return { path: file, format, version, item_count };
}

function sourceOf(file: string, options: ParseOptions): DatasetSource {
  return { file, quoteContent: options.quoteContent ?? false };
}
