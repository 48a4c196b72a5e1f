import { displayWidth, truncateToWidth } from "./display-width.js";
import { oneLine } from "./excerpt.js";

// Stands in for a space inside a phrase kept on one line; a private-use character no text carries here.
const GLUE = "\uE000";

/**
 * Greedy word wrap to `width` terminal columns: the first line starts with `indent`, the
 * following ones with `hangingIndent` (default the same); words longer than a line are cut.
 * Phrases matching `keepTogether` (a global regex, e.g. /p = \S+/g) are never split across lines.
 */
export function wrapText(text: string, width: number, indent = "", hangingIndent = indent, keepTogether?: RegExp): string[] {
  const lines: string[] = [];
  let prefix = indent;
  let line = "";
  const room = () => Math.max(8, width - displayWidth(prefix));
  let flat = oneLine(text);
  if (keepTogether !== undefined) flat = flat.replace(keepTogether, (phrase) => phrase.replaceAll(" ", GLUE));
  for (const glued of flat.split(" ")) {
    const word = glued.replaceAll(GLUE, " ");
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
