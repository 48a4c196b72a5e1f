import { UserError } from "../errors.js";
import { nestingExceeds } from "../json-depth.js";

/**
 * The header row. Columns `input` / `input.<field>`, `expected` / `expected.<field>`, `id`,
 * `metadata`, `scorers` and `scorers_mode` are the item's; the others join `metadata`, or, when
 * there is no input column at all, make up the input (as in a JSONL record without an `input` key).
 */
export interface CsvHeader {
  names: string[];
}

const NESTED = /^(input|expected)\.(.+)$/;

/** Columns whose empty cell means the field is absent (a `scorers` cell holds a JSON list). */
const OPTIONAL_COLUMNS = new Set(["id", "expected", "scorers", "scorers_mode"]);

/** `quoteContent` false: no message names a column (the file is outside the project). */
export function csvHeader(cells: string[], where: string, quoteContent: boolean): CsvHeader {
  const names = cells.map((cell) => cell.trim());
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === "") throw new UserError(`${where}: the header has an empty column name (column ${index + 1})`);
    const first = seen.get(name);
    if (first !== undefined) {
      throw new UserError(
        quoteContent
          ? `${where}: column "${name}" appears twice in the header`
          : `${where}: column ${index + 1} of the header repeats the name of column ${first + 1}`,
      );
    }
    seen.set(name, index);
  });
  for (const field of ["input", "expected"]) {
    if (seen.has(field) && names.some((name) => name.startsWith(`${field}.`))) {
      throw new UserError(
        `${where}: write either an "${field}" column or "${field}.<field>" columns, not both`,
      );
    }
  }
  return { names };
}

/**
 * A CSV row as a record for `recordToItem`: `input.question` columns build `input.question`, a
 * cell holding a JSON object or array is parsed, and an empty `id` or `expected` is absent.
 */
export function csvRowToRecord(header: CsvHeader, cells: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const others: Record<string, unknown> = {};
  header.names.forEach((name, index) => {
    const cell = cells[index] ?? "";
    const nested = NESTED.exec(name);
    if (nested !== null) {
      const [, field, key] = nested as unknown as [string, string, string];
      const target = (record[field] ??= {}) as Record<string, unknown>;
      target[key] = cellValue(cell);
    } else if (OPTIONAL_COLUMNS.has(name) && cell === "") {
      // An empty cell means "none": the id is derived, the item has no expected value or scorers of its own.
    } else if (name === "id" || name === "input" || name === "expected" || name === "metadata") {
      record[name] = name === "id" ? cell : cellValue(cell);
    } else {
      others[name] = cellValue(cell);
    }
  });
  return { ...others, ...record };
}

// A cell that is not JSON, or is nested too deeply to be an item's value, stays text.
function cellValue(cell: string): unknown {
  const first = cell.trimStart()[0];
  if (first !== "{" && first !== "[") return cell;
  try {
    const value = JSON.parse(cell) as unknown;
    return nestingExceeds(value) ? cell : value;
  } catch {
    return cell;
  }
}
