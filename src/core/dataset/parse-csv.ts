import { readCsvRows } from "../records/read-csv-rows.js";
import type { DatasetRecord, DatasetSource } from "./format.js";
import { csvHeader, csvRowToRecord } from "./csv-columns.js";
import { recordToItem } from "./record-to-item.js";

/**
 * CSV with a header row (see csv-columns.ts). A record ends at `\r\n`, `\n` or `\r`, in any mix;
 * line numbers are the physical lines an editor shows, also after quoted cells that span lines.
 * Blank lines are skipped.
 */
export async function* parseCsv(chunks: AsyncIterable<string>, source: DatasetSource): AsyncGenerator<DatasetRecord> {
  const rows = readCsvRows(chunks, source.file, {
    readHeader: (cells, where) => csvHeader(cells, where, source.quoteContent),
  });
  for await (const { header, cells, line, where } of rows) {
    yield { item: recordToItem(csvRowToRecord(header, cells), where), line };
  }
}
