import { displayWidth, truncateToWidth } from "./display-width.js";
import { oneLine } from "./excerpt.js";

/**
 * Greedy word wrap to `width` terminal columns: the first line starts with `indent`, the
 * following ones with `hangingIndent` (default the same); words longer than a line are cut.
 */
export function wrapText(text: string, width: number, indent = "", hangingIndent = indent): string[] {
  const lines: string[] = [];
  let prefix = indent;
  let line = "";
  const room = () => Math.max(8, width - displayWidth(prefix));
  for (const word of oneLine(text).split(" ")) {
    const piece = truncateToWidth(word, room());
    if (line === "") line = piece;
    else if (displayWidth(line) + 1 + displayWidth(piece) <= room()) line += ` ${piece}`;
    else {
      lines.push(prefix + line);
      prefix = hangingIndent;
      line = truncateToWidth(word, room());
    }
  }
  if (line !== "") lines.push(prefix + line);
  return lines;
}
