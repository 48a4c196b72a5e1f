import { ReadableStream } from "node:stream/web";
import { TextEncoder } from "node:util";
import { CsvError, type Options } from "csv-parse";
import { parse } from "csv-parse/stream";
import { UserError } from "../errors.js";
import { MAX_RECORD_CHARS, recordTooLongMessage, type DatasetRecord, type DatasetSource } from "./format.js";
import { csvHeader, csvRowToRecord, type CsvHeader } from "./csv-columns.js";
import { recordToItem } from "./record-to-item.js";
import { RecordStartLines } from "./record-start-lines.js";

interface CsvRow {
  record: string[];
  /** Bytes consumed when the record ended, its line break included. */
  end: number;
}

/**
 * CSV with a header row. A record ends at `\r\n`, `\n` or `\r`, in any mix; line numbers are the
 * physical lines an editor shows, also after quoted cells that span lines. Blank lines are skipped.
 */
export async function* parseCsv(chunks: AsyncIterable<string>, source: DatasetSource): AsyncGenerator<DatasetRecord> {
  const lines = new RecordStartLines();
  // Where the parser is, which can be ahead of the records read here: a stream that fails drops
  // the records it still queued, and the failing record starts after the last one parsed.
  let parsedEnd = 0;
  const options: Options<CsvRow, string[]> = {
    on_record: (record, context) => {
      parsedEnd = context.bytes;
      return { record, end: context.bytes };
    },
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // "\r\n" before "\r", so a CRLF is one line break; "\n" first, the most common.
    record_delimiter: ["\n", "\r\n", "\r"],
    max_record_size: MAX_RECORD_CHARS,
  };
  const rows = ReadableStream.from(asBytes(chunks, lines)).pipeThrough(
    parse(options as unknown as Options),
  ) as unknown as AsyncIterable<CsvRow>;
  let header: CsvHeader | undefined;
  let previousEnd = 0;
  try {
    for await (const { record, end } of rows) {
      const line = lines.lineAfter(previousEnd);
      previousEnd = end;
      const where = `${source.file}:${line}`;
      if (header === undefined) {
        header = csvHeader(record, where, source.quoteContent);
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
      throw new UserError(csvProblem(error, `${source.file}:${lines.lineAfter(parsedEnd)}`));
    }
    throw error;
  }
}

/** csv-parse's own messages quote the field, so each is said again without it. */
function csvProblem(error: CsvError, where: string): string {
  const field = `field ${((error as CsvError & { column?: number }).column ?? 0) + 1}`;
  switch (error.code) {
    case "INVALID_OPENING_QUOTE":
      return `${where}: not valid CSV (a quote inside ${field}, which does not start with one); quote the whole field and double each quote inside it: "say ""hi"""`;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return `${where}: not valid CSV (text after the closing quote of ${field}); inside a quoted field, write a quote as ""`;
    case "CSV_QUOTE_NOT_CLOSED":
      return `${where}: not valid CSV (the quote that opens ${field} of this record is never closed)`;
    case "CSV_MAX_RECORD_SIZE":
      return recordTooLongMessage(where);
    default:
      return `${where}: not valid CSV (${error.code})`;
  }
}

// csv-parse takes bytes only; its byte counts are of these bytes, so the line index reads them too.
async function* asBytes(chunks: AsyncIterable<string>, lines: RecordStartLines): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of chunks) {
    const bytes = encoder.encode(chunk);
    lines.add(bytes);
    yield bytes;
  }
}
