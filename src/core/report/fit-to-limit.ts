/** How long a text is for a limit: GitHub counts a comment in UTF-16 code units, a file in bytes. */
export type TextMeasure = (text: string) => number;

export const utf16Length: TextMeasure = (text) => text.length;

export const utf8Length: TextMeasure = (text) => {
  let bytes = 0;
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
  }
  return bytes;
};

/**
 * Renders at each level, richest first, and returns the first text within `limit`. Whole
 * renders are compared, never a cut string, so a fitted report keeps every entity, table row
 * and `<details>` intact. The last level must be small enough by construction; if even it is
 * too long that is a bug in the levels, and this throws rather than post a body GitHub rejects.
 */
export function fitToLimit<Level>(
  levels: readonly Level[],
  render: (level: Level) => string,
  limit: number,
  measure: TextMeasure = utf16Length,
): string {
  let smallest = Number.POSITIVE_INFINITY;
  for (const level of levels) {
    const text = render(level);
    const size = measure(text);
    if (size <= limit) return text;
    smallest = Math.min(smallest, size);
  }
  throw new Error(`the report does not fit ${limit} characters even at its leanest (${smallest})`);
}
