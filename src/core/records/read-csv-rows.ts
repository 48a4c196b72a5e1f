import { ReadableStream } from "node:stream/web";
import { TextEncoder } from "node:util";
import { CsvError, type Options } from "csv-parse";
import { parse } from "csv-parse/stream";
import { UserError } from "../errors.js";
import { MAX_RECORD_CHARS, recordTooLongMessage } from "../dataset/format.js";
import { RecordStartLines } from "../dataset/record-start-lines.js";

/** A record csv-parse refuses: its code (`CSV_QUOTE_NOT_CLOSED`, …) and the 1-based field it stops in. */
export interface CsvSyntaxProblem {
  code: string;
  field: number;
}

/** The whole message for a CSV syntax problem in the record at `where` (`file:line`). */
export type CsvSyntaxWording = (problem: CsvSyntaxProblem, where: string) => string;

/** What the header row names; a reader may keep more about it (which columns nest, …). */
export interface CsvHeaderNames {
  readonly names: readonly string[];
}

export interface ReadCsvRowsOptions<Header extends CsvHeaderNames> {
  /** Checks the header row, throwing a UserError for one the caller cannot read. */
  readHeader: (cells: string[], where: string) => Header;
  /**
   * Takes the problem of a row whose cells do not match the header, and reading goes on past the
   * row; without it, the row is refused with a UserError.
   */
  onRowProblem?: ((message: string) => void) | undefined;
  /** How a syntax problem is said; `describeCsvSyntaxProblem` unless given. */
  describeSyntaxProblem?: CsvSyntaxWording | undefined;
}

/** A data row: as many cells as the header has names, and where the row starts. */
export interface CsvRow<Header extends CsvHeaderNames> {
  header: Header;
  cells: string[];
  /** The physical line the row starts on, as an editor numbers it. */
  line: number;
  /** `file:line`, the prefix of every message about the row. */
  where: string;
}

interface ParsedRecord {
  record: string[];
  /** Bytes consumed when the record ended, its line break included. */
  end: number;
}

/**
 * The rows of a CSV file with a header row (decoded text in). A record ends at `\r\n`, `\n` or
 * `\r`, in any mix; line numbers are the physical lines an editor shows, also after quoted cells
 * that span lines. Blank lines are skipped. A record that is not CSV or is longer than
 * MAX_RECORD_CHARS stops the reading with a UserError naming its `file:line`.
 */
export async function* readCsvRows<Header extends CsvHeaderNames>(
  chunks: AsyncIterable<string>,
  file: string,
  options: ReadCsvRowsOptions<Header>,
): AsyncGenerator<CsvRow<Header>> {
  const lines = new RecordStartLines();
  // Where the parser is, which can be ahead of the records read here: a stream that fails drops
  // the records it still queued, and the failing record starts after the last one parsed.
  let parsedEnd = 0;
  const parserOptions: Options<ParsedRecord, string[]> = {
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
  const records = ReadableStream.from(asBytes(chunks, lines)).pipeThrough(
    parse(parserOptions as unknown as Options),
  ) as unknown as AsyncIterable<ParsedRecord>;
  let header: Header | undefined;
  let previousEnd = 0;
  try {
    for await (const { record, end } of records) {
      const line = lines.lineAfter(previousEnd);
      previousEnd = end;
      const where = `${file}:${line}`;
      if (header === undefined) {
        header = options.readHeader(record, where);
        continue;
      }
      if (record.length !== header.names.length) {
        const problem = `${where}: expected ${header.names.length} columns (as in the header), got ${record.length}`;
        if (options.onRowProblem === undefined) throw new UserError(problem);
        options.onRowProblem(problem);
        continue;
      }
      yield { header, cells: record, line, where };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const where = `${file}:${lines.lineAfter(parsedEnd)}`;
      if (error.code === "CSV_MAX_RECORD_SIZE") throw new UserError(recordTooLongMessage(where));
      const field = ((error as CsvError & { column?: number }).column ?? 0) + 1;
      throw new UserError((options.describeSyntaxProblem ?? describeCsvSyntaxProblem)({ code: error.code, field }, where));
    }
    throw error;
  }
}

/** csv-parse's own messages quote the field, so each is said again without it. */
function describeCsvSyntaxProblem(problem: CsvSyntaxProblem, where: string): string {
  const field = `field ${problem.field}`;
  switch (problem.code) {
    case "INVALID_OPENING_QUOTE":
      return `${where}: not valid CSV (a quote inside ${field}, which does not start with one); quote the whole field and double each quote inside it: "say ""hi"""`;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return `${where}: not valid CSV (text after the closing quote of ${field}); inside a quoted field, write a quote as ""`;
    case "CSV_QUOTE_NOT_CLOSED":
      return `${where}: not valid CSV (the quote that opens ${field} of this record is never closed)`;
    default:
      return `${where}: not valid CSV (${problem.code})`;
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
