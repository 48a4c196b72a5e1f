import { displayWidth, oneLine, truncate } from "./excerpt.js";

export type ColumnAlign = "left" | "right";

export interface TableOptions {
  /** Per column; default left. */
  align?: readonly ColumnAlign[];
  /** Total width including the indent; default 80 (a standard terminal). */
  maxWidth?: number;
  indent?: string;
}

const GAP = "  ";
const MIN_COLUMN = 4;

/**
 * An aligned plain-text table that fits `maxWidth`: the widest columns shrink first and their
 * cells are cut with "…". Cells are made single-line, so a newline in data cannot break a row.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const indent = options.indent ?? "";
  const available = (options.maxWidth ?? 80) - displayWidth(indent) - GAP.length * (header.length - 1);
  const cells = [header, ...rows].map((row) =>
    header.map((_, column) => truncate(oneLine(row[column] ?? ""), Math.max(available, MIN_COLUMN))),
  );
  const widths = fitWidths(
    header.map((_, column) => Math.max(...cells.map((row) => displayWidth(row[column] ?? "")))),
    available,
  );
  const rule = widths.map((width) => "─".repeat(width));
  const lines = [cells[0] ?? [], rule, ...cells.slice(1)].map((row) =>
    (indent + row.map((cell, column) => pad(cell, widths[column] ?? 0, options.align?.[column])).join(GAP)).trimEnd(),
  );
  return lines.join("\n");
}

/** Narrows the widest column one step at a time until the row fits. */
function fitWidths(widths: number[], available: number): number[] {
  const fitted = [...widths];
  let total = fitted.reduce((sum, width) => sum + width, 0);
  while (total > available) {
    let widest = 0;
    for (let column = 1; column < fitted.length; column += 1) {
      if ((fitted[column] ?? 0) > (fitted[widest] ?? 0)) widest = column;
    }
    const width = fitted[widest] ?? 0;
    if (width <= MIN_COLUMN) break;
    fitted[widest] = width - 1;
    total -= 1;
  }
  return fitted;
}

function pad(cell: string, width: number, align: ColumnAlign | undefined): string {
  const text = truncate(cell, width);
  const space = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? space + text : text + space;
}
