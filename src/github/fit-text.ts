/**
 * Fitting text into GitHub's length limits. GitHub states them in characters; we count UTF-8 bytes,
 * which is never fewer, so a body that fits here fits there whatever GitHub counts.
 */

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** The longest prefix of `text` within `maxBytes`, never splitting a character. */
function prefixWithin(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = utf8Length(character);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += character.length;
  }
  return text.slice(0, end);
}

/**
 * `text` unchanged when it fits in `maxBytes`; else cut (at a line break when one is near the end)
 * and followed by `note`, all within `maxBytes`.
 */
export function fitText(text: string, maxBytes: number, note: string): string {
  if (utf8Length(text) <= maxBytes) return text;
  const budget = maxBytes - utf8Length(note);
  if (budget <= 0) return prefixWithin(note, maxBytes);
  const prefix = prefixWithin(text, budget);
  const lastBreak = prefix.lastIndexOf("\n");
  // Cutting at a line break keeps a Markdown table or list intact, unless it would drop too much.
  const cut = lastBreak >= prefix.length * 0.8 ? prefix.slice(0, lastBreak) : prefix;
  return cut + note;
}

/** One line of at most `maxBytes`, ending in "…" when shortened (status descriptions, titles). */
export function fitLine(text: string, maxBytes: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (utf8Length(line) <= maxBytes) return line;
  return `${prefixWithin(line, maxBytes - utf8Length("…")).trimEnd()}…`;
}
