import { truncateToWidth } from "./display-width.js";

/** Joins lines (some may hold several) and cuts each to `width` terminal columns; ends with a newline. */
export function fitLines(lines: readonly string[], width: number): string {
  const cut = lines.join("\n").split("\n").map((line) => truncateToWidth(line, width));
  return `${cut.join("\n")}\n`;
}
