/** How wide each column of a table is drawn; `undefined` for a column dropped to make room. */
export type ColumnWidths = (number | undefined)[];

/** The room left for cells when `count` columns are shown (the gaps between them taken out). */
export type RoomFor = (count: number) => number;

// Below this a cut cell says little; a column cut by `widestFirst` stops here.
export const MIN_COLUMN = 4;
// A column that gives way is shortened to this at most before it is dropped: a name cut to
// 12 columns is still recognizable, and the short ones (a status, an age) are dropped whole.
const MIN_SHORTENED = 12;

/** Narrows the widest column one column at a time until the row fits; none below MIN_COLUMN. */
export function widestFirst(natural: readonly number[], room: RoomFor): ColumnWidths {
  const fitted = [...natural];
  let total = fitted.reduce((sum, width) => sum + width, 0);
  const available = room(fitted.length);
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

/**
 * The columns in `order` make room, first to last: each is shortened (to MIN_SHORTENED at
 * most; a narrower one stays whole), and when that is not enough the first of them is dropped
 * and the rest try again with the room it gave back, and so on. Columns not in `order` are
 * never cut, so a table of them alone may stay wider than the room (an id is never cut).
 */
export function givingWay(natural: readonly number[], room: RoomFor, order: readonly number[]): ColumnWidths {
  const dropped = new Set<number>();
  for (;;) {
    const widths: ColumnWidths = natural.map((width, column) => (dropped.has(column) ? undefined : width));
    const shown = widths.filter((width) => width !== undefined);
    let excess = shown.reduce((sum, width) => sum + width, 0) - room(shown.length);
    for (const column of order) {
      const width = widths[column];
      if (excess <= 0 || width === undefined) continue;
      const cut = Math.min(excess, width - Math.min(width, MIN_SHORTENED));
      widths[column] = width - cut;
      excess -= cut;
    }
    const next = order.find((column) => !dropped.has(column));
    if (excess <= 0 || next === undefined) return widths;
    dropped.add(next);
  }
}

/**
 * One column takes whatever room the others leave, down to MIN_COLUMN, and is never dropped (a
 * row's name beside its numbers: cut, the numbers still read); if that is not enough, the widest
 * of the rest narrow as `widestFirst` does.
 */
export function shrinkingOne(natural: readonly number[], room: RoomFor, column: number): ColumnWidths {
  const fitted = [...natural];
  const excess = fitted.reduce((sum, width) => sum + width, 0) - room(fitted.length);
  const width = fitted[column] ?? 0;
  if (excess > 0) fitted[column] = Math.max(Math.min(width, MIN_COLUMN), width - excess);
  return widestFirst(fitted, room);
}
