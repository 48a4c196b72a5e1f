import { UserError } from "../errors.js";
import type { CsvSyntaxProblem } from "../records/read-csv-rows.js";
import { readRawRecords, type RawRecord } from "../records/read-raw-records.js";
import { ImportProblems } from "./import-problems.js";
import { importCsvHeader, importCsvRowToRecord } from "./import-csv-row.js";
import type { ImportFormat, ImportRecord } from "./import-record.js";
import { parseImportRecord } from "./parse-import-record.js";

/**
 * Every record of an import file (UTF-8 chunks in `format`; `file` is the name shown), checked:
 * each problem (a line that is not JSON, a missing example_id or output, a bad evaluation, an
 * example_id given twice) is named with its `file:line`, and all of them are thrown together in
 * one UserError, so nothing is stored from a file with any problem. A file with no record is
 * refused too. Records are kept in memory: the import joins them with the dataset's items.
 */
export async function readImportRecords(
  format: ImportFormat,
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
): Promise<ImportRecord[]> {
  const problems = new ImportProblems();
  const records: ImportRecord[] = [];
  const firstSeen = new Map<string, string>();
  const raws = readRawRecords(format, chunks, file, {
    csvHeader: importCsvHeader,
    // A record that is not JSON is one problem among the others, and reading goes on.
    onRecordProblem: (problem) => problems.add(problem),
    limitNesting: true,
    describeCsvSyntaxProblem: csvSyntaxProblem,
  });
  try {
    for await (const raw of raws) {
      const value = recordValue(raw, problems);
      if (value === SKIPPED) continue;
      // Checked on the raw id, so a duplicate of a record with another problem is named too.
      const id = rawExampleId(value);
      const first = id === undefined ? undefined : firstSeen.get(id);
      if (id !== undefined && first !== undefined) {
        problems.add(`${raw.where}: example_id ${JSON.stringify(id)} appears again (first at ${first}); give one record per dataset item`);
        continue;
      }
      if (id !== undefined) firstSeen.set(id, raw.where);
      const found: string[] = [];
      const record = parseImportRecord(value, raw.where, found);
      found.forEach((problem) => problems.add(problem));
      if (record !== undefined) records.push(record);
    }
  } catch (error) {
    // A problem that stops the reading (the file is not an array, a CSV quote never closes):
    // reported after those found before it.
    if (!(error instanceof UserError)) throw error;
    problems.add(error.message);
  }
  problems.throwIfAny(file);
  if (records.length === 0) {
    throw new UserError(`${file}: no records to import; write one record per dataset item with example_id and output`);
  }
  return records;
}

const SKIPPED = Symbol("skipped");

/** The record as a JSON file would hold it; a CSV row whose cells are not what its columns need is SKIPPED, its problems added. */
function recordValue(raw: RawRecord, problems: ImportProblems): unknown {
  if (raw.format !== "csv") return raw.value;
  const found: string[] = [];
  const value = importCsvRowToRecord(raw.value, raw.where, found);
  found.forEach((problem) => problems.add(problem));
  return found.length === 0 ? value : SKIPPED;
}

/** The example_id as parseImportRecord reads it, when it is one. */
function rawExampleId(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || !("example_id" in value)) return undefined;
  const id = value.example_id;
  if (typeof id === "string" && id !== "") return id;
  return typeof id === "number" && Number.isFinite(id) ? String(id) : undefined;
}

function csvSyntaxProblem(problem: CsvSyntaxProblem, where: string): string {
  return `${where}: not valid CSV (${problem.code}); quote a field with a comma, quote or line break, and double each quote inside it`;
}
