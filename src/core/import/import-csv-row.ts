import { UserError } from "../errors.js";
import { nestingExceeds } from "../json-depth.js";
import { parseEvaluationColumn } from "./arize-run-schema.js";

/**
 * The column names of an import CSV, checked once, on the header: `example_id`, `output` (a JSON
 * text, else plain text), `evaluations` and `metadata` (JSON objects),
 * `eval.<name>.label|score|explanation`, `metadata.<key>`, and any other column, which joins
 * `metadata` (Arize passes extra columns through). Every problem of the header is thrown at once.
 */
export function importCsvHeader(cells: string[], where: string): string[] {
  const names = cells.map((cell) => cell.trim());
  const seen = new Set<string>();
  const problems: string[] = [];
  names.forEach((name, index) => {
    if (name === "") problems.push(`${where}: the header has an empty column name (column ${index + 1})`);
    else if (seen.has(name)) problems.push(`${where}: column "${name}" appears twice in the header`);
    seen.add(name);
    const column = parseEvaluationColumn(name);
    if (column !== undefined && column.field === undefined) {
      problems.push(`${where}: column "${name}" names no field of an evaluation; write eval.<name>.label, eval.<name>.score or eval.<name>.explanation`);
    }
  });
  const missing = ["example_id", "output"].filter((name) => !seen.has(name));
  if (missing.length > 0) {
    problems.push(`${where}: the header has no ${missing.join(" or ")} column; an import needs example_id and output (the Arize run schema)`);
  }
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  return names;
}

/**
 * A row (keyed by the header's names) as the record a JSON file would hold: an empty cell is
 * absent (no value, no score), an `output` cell that is JSON is that value (write a text that
 * looks like JSON as a JSON string: `"42"`), `eval.*` cells stay text (read as a score or a label
 * later), and `metadata.<key>` and other cells are JSON when they parse (`120` is a number) and
 * text otherwise.
 */
export function importCsvRowToRecord(row: Record<string, string>, where: string, problems: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const metadata: Record<string, unknown> = {};
  for (const [name, cell] of Object.entries(row)) {
    if (name === "output") {
      record.output = jsonOrText(cell);
      continue;
    }
    if (cell === "") continue;
    if (name === "example_id" || parseEvaluationColumn(name) !== undefined) {
      setOwn(record, name, cell);
    } else if (name === "evaluations" || name === "metadata") {
      const value = jsonOrText(cell);
      if (value === cell) problems.push(`${where}: the ${name} cell is not a JSON object`);
      else record[name] = value;
    } else if (name.startsWith("metadata.")) {
      setOwn(metadata, name.slice("metadata.".length), jsonOrText(cell));
    } else {
      setOwn(record, name, jsonOrText(cell));
    }
  }
  if (Object.keys(metadata).length > 0) {
    // `metadata.<key>` columns beside a `metadata` column: the single columns are the more specific.
    const whole = record.metadata;
    record.metadata = whole !== null && typeof whole === "object" && !Array.isArray(whole) ? { ...whole, ...metadata } : metadata;
  }
  return record;
}

/**
 * A column named `__proto__` must stay a field: plain assignment would set the record's
 * prototype instead (JSON.parse keeps such a key as an own property, so records read alike).
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * JSON when the cell parses as JSON (and nests no deeper than items may), else the text itself.
 * The export writes a text that would parse as a JSON string, so every value reads back as it was.
 */
export function jsonOrText(cell: string): unknown {
  const trimmed = cell.trim();
  if (trimmed === "") return cell;
  try {
    const value = JSON.parse(trimmed) as unknown;
    return nestingExceeds(value) ? cell : value;
  } catch {
    return cell;
  }
}
