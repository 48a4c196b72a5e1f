/**
 * The order run items are streamed in: by item_id, comparing Unicode code points. Code point
 * order equals UTF-8 byte order, which is what SQLite's default BINARY collation sorts by;
 * JavaScript's `<` compares UTF-16 units and disagrees for characters above U+FFFF. A store that
 * sorts in JavaScript should sort with this function.
 */
export function compareItemIds(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const unitA = a.charCodeAt(index);
    const unitB = b.charCodeAt(index);
    if (unitA === unitB) continue;
    // Surrogates (astral code points) sort after every BMP unit, as their code points do.
    const surrogateA = unitA >= 0xd800 && unitA <= 0xdfff;
    const surrogateB = unitB >= 0xd800 && unitB <= 0xdfff;
    if (surrogateA !== surrogateB) return surrogateA ? 1 : -1;
    return unitA - unitB;
  }
  return a.length - b.length;
}
