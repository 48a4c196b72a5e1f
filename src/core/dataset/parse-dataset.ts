import type { DatasetInfo } from "../model/item.js";
import type { DatasetFormat, DatasetParser, DatasetRecord } from "./format.js";
import { parseCsv } from "./parse-csv.js";
import { parseJsonArray } from "./parse-json-array.js";
import { parseJsonl } from "./parse-jsonl.js";
import { DatasetVersionAccumulator } from "./version-accumulator.js";

const PARSERS: Record<DatasetFormat, DatasetParser> = {
  jsonl: parseJsonl,
  csv: parseCsv,
  json: parseJsonArray,
};

/** Records of a dataset file's chunks; `file` is the path shown in messages. */
export function parseDataset(
  format: DatasetFormat,
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
): AsyncGenerator<DatasetRecord> {
  return PARSERS[format](chunks, file);
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
): Promise<DatasetInfo> {
  const accumulator = new DatasetVersionAccumulator(format, file);
  for await (const record of parseDataset(format, chunks, file)) accumulator.add(record);
  const { version, item_count } = accumulator.finish();
  return { path: file, format, version, item_count };
}
