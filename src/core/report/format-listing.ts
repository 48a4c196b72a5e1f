import { csvRow } from "./csv-row.js";
import { valueText } from "./excerpt.js";
import { formatTable, type ColumnAlign, type TableOptions } from "./format-table.js";

export type ListingFormat = "table" | "csv" | "json" | "jsonl";

/** How the `table` format fits a terminal; the machine formats ignore it (they are never cut). */
export interface ListingTableOptions {
  /** Terminal columns; default 80. */
  width?: number;
  /** Columns that make room, first to last (shortened, then dropped); the others are never cut. */
  giveWay?: readonly string[];
  align?: Readonly<Partial<Record<string, ColumnAlign>>>;
}

/**
 * Rows for `runs list`, `scores list` and the like. `table` fits `table.width` terminal columns;
 * the machine formats keep exactly `columns`, in that order, on every row (a missing value is
 * null / an empty cell), uncut, so scripts can rely on them.
 */
export function formatListing(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  format: ListingFormat,
  table: ListingTableOptions = {},
): string {
  switch (format) {
    case "table":
      if (rows.length === 0) return "(none)\n";
      return `${formatTable(columns, rows.map((row) => cellsOf(row, columns)), tableOptions(columns, table))}\n`;
    case "csv":
      return [columns, ...rows.map((row) => cellsOf(row, columns))].map(csvRow).join("");
    case "json":
      return `${JSON.stringify(rows.map((row) => pick(row, columns)), null, 2)}\n`;
    case "jsonl":
      return rows.map((row) => `${JSON.stringify(pick(row, columns))}\n`).join("");
  }
}

function tableOptions(columns: readonly string[], table: ListingTableOptions): TableOptions {
  const { giveWay, align } = table;
  return {
    maxWidth: table.width ?? 80,
    ...(align ? { align: columns.map((column) => align[column] ?? "left") } : {}),
    ...(giveWay ? { giveWay: giveWay.map((column) => columns.indexOf(column)).filter((index) => index >= 0) } : {}),
  };
}

function cellsOf(row: Record<string, unknown>, columns: readonly string[]): string[] {
  return columns.map((column) => cellText(row[column]));
}

function cellText(value: unknown): string {
  return value === undefined || value === null ? "" : valueText(value);
}

function pick(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const column of columns) picked[column] = row[column] ?? null;
  return picked;
}
