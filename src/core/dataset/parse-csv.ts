import { ReadableStream } from "node:stream/web";
import { TextEncoder } from "node:util";
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/stream";
import { UserError } from "../errors.js";
import type { DatasetRecord } from "./format.js";
import { csvHeader, csvRowToRecord, type CsvHeader } from "./csv-columns.js";
import { recordToItem } from "./record-to-item.js";

interface CsvRow {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/**
 * CSV with a header row. Line numbers are the file's, even when a quoted cell spans lines: a
 * record starts on the line after the previous one ended, past any skipped blank lines.
 */
export async function* parseCsv(
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
): AsyncGenerator<DatasetRecord> {
  const rows = ReadableStream.from(asBytes(chunks)).pipeThrough(
    parse({ info: true, bom: true, skip_empty_lines: true, relax_column_count: true }),
  ) as unknown as AsyncIterable<CsvRow>;
  let header: CsvHeader | undefined;
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    for await (const { record, info } of rows) {
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      const where = `${file}:${line}`;
      if (header === undefined) {
        header = csvHeader(record, where);
        continue;
      }
      if (record.length !== header.names.length) {
        throw new UserError(
          `${where}: expected ${header.names.length} columns (as in the header), got ${record.length}`,
        );
      }
      yield { item: recordToItem(csvRowToRecord(header, record), where), line };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as CsvError & { lines?: number }).lines;
      throw new UserError(`${file}${lines === undefined ? "" : `:${lines}`}: ${error.message}`);
    }
    throw error;
  }
}

// csv-parse takes bytes only.
async function* asBytes(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of chunks) yield typeof chunk === "string" ? encoder.encode(chunk) : chunk;
}
