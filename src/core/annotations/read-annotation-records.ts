import { UserError } from "../errors.js";
import { describeJsonType } from "../dataset/format.js";
import type { CsvSyntaxProblem } from "../records/read-csv-rows.js";
import { readRawRecords, type RawRecord, type RecordFileFormat } from "../records/read-raw-records.js";

export type AnnotationFileFormat = RecordFileFormat;
export const ANNOTATION_FILE_FORMATS: readonly AnnotationFileFormat[] = ["json", "jsonl", "csv"];

/**
 * One record of an annotations file, as written: a JSONL line, a JSON array element, or a CSV row
 * keyed by its header (empty cells left out). `where` (`file:line`, `file:line: item [i]`)
 * prefixes every message about it; `fromCsv` says every value is text.
 */
export interface AnnotationFileRecord {
  fields: Record<string, unknown>;
  where: string;
  fromCsv: boolean;
}

const EXTENSIONS: Record<string, AnnotationFileFormat> = { ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv" };

/**
 * `--format` when given (it must be json, jsonl or csv), else the file's extension; stdin (`-`)
 * has none, so it needs `--format`.
 */
export function annotationFormatOf(file: string, format: string | undefined): AnnotationFileFormat {
  if (format !== undefined) {
    if ((ANNOTATION_FILE_FORMATS as readonly string[]).includes(format)) return format as AnnotationFileFormat;
    throw new UserError(`--format: "${format}" is not one of ${ANNOTATION_FILE_FORMATS.join(", ")}`);
  }
  const extension = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? "";
  const known = EXTENSIONS[extension];
  if (known !== undefined) return known;
  if (file === "-") throw new UserError("--file -: stdin has no file name to tell its format; add --format json, jsonl or csv");
  throw new UserError(`${file}: unknown annotations format; name the file .json, .jsonl or .csv, or add --format json|jsonl|csv`);
}

/**
 * The records of an annotations file's chunks (UTF-8 bytes or text), one at a time. A file that is
 * not well-formed (bad JSON, an unclosed CSV quote, a record that is not an object) stops here with
 * a UserError naming file and line; the fields themselves are checked by the caller.
 */
export async function* readAnnotationRecords(
  format: AnnotationFileFormat,
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
): AsyncGenerator<AnnotationFileRecord> {
  const records = readRawRecords(format, chunks, file, { csvHeader, describeCsvSyntaxProblem: csvSyntaxProblem });
  for await (const record of records) yield annotationRecordOf(record);
}

function annotationRecordOf(record: RawRecord): AnnotationFileRecord {
  const { where } = record;
  if (record.format !== "csv") return { fields: objectOf(record.value, where), where, fromCsv: false };
  const fields: Record<string, unknown> = {};
  for (const [name, cell] of Object.entries(record.value)) {
    // An empty cell is an absent field: a sheet has a metric and a label column, one of them blank.
    if (cell !== "") fields[name] = cell;
  }
  return { fields, where, fromCsv: true };
}

function objectOf(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UserError(`${where}: expected a JSON object with "run_item_id" or "item_id", "name" and "metric" or "label", got ${describeJsonType(value)}`);
  }
  return value as Record<string, unknown>;
}

/** The header row; a sheet without the columns every record needs is refused here, once, not per row. */
function csvHeader(cells: string[], where: string): string[] {
  const names = cells.map((cell) => cell.trim());
  const seen = new Set<string>();
  for (const [index, name] of names.entries()) {
    if (name === "") throw new UserError(`${where}: the header has an empty column name (column ${index + 1})`);
    if (seen.has(name)) throw new UserError(`${where}: column "${name}" appears twice in the header`);
    seen.add(name);
  }
  const missing = [
    ...(seen.has("run_item_id") || seen.has("item_id") ? [] : ['"run_item_id" or "item_id"']),
    ...(seen.has("name") ? [] : ['"name"']),
    ...(seen.has("metric") || seen.has("label") ? [] : ['"metric" or "label"']),
  ];
  if (missing.length > 0) {
    throw new UserError(`${where}: the header has no ${missing.join(", no ")} column; the columns are run_item_id or item_id, name, metric and/or label, note, author`);
  }
  return names;
}

function csvSyntaxProblem(problem: CsvSyntaxProblem, where: string): string {
  return `${where}: not valid CSV (${problem.code}); quote a cell holding a comma, a quote or a line break, and double each quote inside it`;
}
