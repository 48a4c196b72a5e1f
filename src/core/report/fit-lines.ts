import { truncate } from "./excerpt.js";

/** Joins lines (some may hold several) and cuts each to `width` columns; ends with a newline. */
export function fitLines(lines: readonly string[], width: number): string {
  const cut = lines.join("\n").split("\n").map((line) => truncate(line, width));
  return `${cut.join("\n")}\n`;
}
