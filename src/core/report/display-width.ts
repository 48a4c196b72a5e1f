import stringWidth from "string-width";

/**
 * Columns `text` takes in a terminal, as `string-width` measures them: East Asian wide
 * characters and emoji take two, combining marks and zero-width joiners none. Every terminal
 * table and line is measured here, so a label in Japanese cannot push a row past the width.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const ELLIPSIS = "…";

/**
 * `text` within `columns` terminal columns, ending in "…" when it was cut; never splits a
 * character (a surrogate pair, a flag, an emoji with its modifiers), so a cut before a wide
 * character may leave one column unused. Stops reading as soon as the text is known not to
 * fit, so cutting a long model output costs no more than the columns it keeps.
 */
export function truncateToWidth(text: string, columns: number): string {
  if (columns <= 0) return "";
  let used = 0;
  let cutAt = -1;
  for (const { segment, index } of GRAPHEMES.segment(text)) {
    const width = displayWidth(segment);
    if (cutAt < 0 && used + width > columns - displayWidth(ELLIPSIS)) cutAt = index;
    used += width;
    if (used > columns) return `${text.slice(0, cutAt)}${ELLIPSIS}`;
  }
  return text;
}

/** `text` padded with spaces to `columns`, on the right (or the left for `right`); never cut. */
export function padToWidth(text: string, columns: number, align: "left" | "right" = "left"): string {
  const space = " ".repeat(Math.max(0, columns - displayWidth(text)));
  return align === "right" ? space + text : text + space;
}
