import { csvRow } from "./csv-row.js";
import { valueText } from "./excerpt.js";
import { formatTable } from "./format-table.js";

export type ListingFormat = "table" | "csv" | "json" | "jsonl";

/**
 * Rows for `runs list`, `scores list` and the like. `table` fits 80 columns; the machine formats
 * keep exactly `columns`, in that order, on every row (a missing value is null / an empty cell),
 * so scripts can rely on them.
 */
export function formatListing(rows: readonly Record<string, unknown>[], columns: readonly string[], format: ListingFormat): string {
  switch (format) {
    case "table":
      return rows.length === 0
        ? "(none)\n"
        : `${formatTable(columns, rows.map((row) => columns.map((column) => cellText(row[column]))))}\n`;
    case "csv":
      return [columns, ...rows.map((row) => columns.map((column) => cellText(row[column])))].map(csvRow).join("");
    case "json":
      return `${JSON.stringify(rows.map((row) => pick(row, columns)), null, 2)}\n`;
    case "jsonl":
      return rows.map((row) => `${JSON.stringify(pick(row, columns))}\n`).join("");
  }
}

function cellText(value: unknown): string {
  return value === undefined || value === null ? "" : valueText(value);
}

function pick(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const column of columns) picked[column] = row[column] ?? null;
  return picked;
}
