import { givingWay, MIN_COLUMN, shrinkingOne, widestFirst, type ColumnWidths } from "./column-widths.js";
import { displayWidth, padToWidth, truncateToWidth } from "./display-width.js";
import { oneLine } from "./excerpt.js";

export type ColumnAlign = "left" | "right";

export interface TableOptions {
  /** Per column; default left. */
  align?: readonly ColumnAlign[];
  /** Total width in terminal columns, including the indent; default 80 (a standard terminal). */
  maxWidth?: number;
  indent?: string;
  /**
   * Columns (by index) that make room when the table is too wide, first to last: shortened,
   * then dropped (column-widths.ts `givingWay`); the others are never cut. Without it the
   * widest column shrinks first.
   */
  giveWay?: readonly number[];
  /**
   * The column (by index) that alone makes room, down to a few characters, and is never dropped
   * (column-widths.ts `shrinkingOne`): a name column beside numbers. Ignored with `giveWay`.
   */
  shrink?: number;
}

const GAP = "  ";

/**
 * An aligned plain-text table that fits `maxWidth` terminal columns, measured with
 * `displayWidth` (a wide character takes two): cut cells end in "…". Cells are made
 * single-line, so a newline in data cannot break a row.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const indent = options.indent ?? "";
  const maxWidth = options.maxWidth ?? 80;
  const room = (count: number) => maxWidth - displayWidth(indent) - GAP.length * Math.max(0, count - 1);
  const giveWay = options.giveWay;
  const uncut = new Set(giveWay === undefined ? [] : header.map((_, column) => column).filter((c) => !giveWay.includes(c)));
  // A cell wider than the whole row can never show in full: cut it before measuring, so a long
  // model output costs no more than a line. Columns that are never cut are kept whole.
  const cells = [header, ...rows].map((row) =>
    header.map((_, column) => {
      const text = oneLine(row[column] ?? "");
      return uncut.has(column) ? text : truncateToWidth(text, Math.max(room(1), MIN_COLUMN));
    }),
  );
  const natural = header.map((_, column) => Math.max(...cells.map((row) => displayWidth(row[column] ?? ""))));
  const widths: ColumnWidths =
    giveWay !== undefined
      ? givingWay(natural, room, giveWay)
      : options.shrink !== undefined
        ? shrinkingOne(natural, room, options.shrink)
        : widestFirst(natural, room);
  const rule = widths.map((width) => (width === undefined ? undefined : "─".repeat(width)));
  const lines = [cells[0] ?? [], rule, ...cells.slice(1)].map((row) => {
    const shown = row.flatMap((cell, column) => {
      const width = widths[column];
      if (width === undefined) return [];
      return [padToWidth(truncateToWidth(cell ?? "", width), width, options.align?.[column])];
    });
    return (indent + shown.join(GAP)).trimEnd();
  });
  return lines.join("\n");
}
