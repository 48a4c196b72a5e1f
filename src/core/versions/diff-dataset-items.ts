import { canonicalJson } from "../canonical.js";
import { compareItemIds } from "../item-id-order.js";
import type { Item } from "../model/item.js";
import { orderedCursor, type OrderedCursor } from "../ordered-item-cursor.js";

/** The parts of an item a change can be in, as a dataset record writes them. */
export const ITEM_FIELDS = ["input", "expected", "metadata", "scorers", "scorers_mode"] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** An item whose id both versions have, with other content. */
export interface ChangedItem {
  id: string;
  /** The fields that differ, in ITEM_FIELDS order. */
  fields: ItemField[];
}

/** What turns dataset version `before` into `after`, by item id; each list in code point order of id. */
export interface DatasetItemsDiff {
  added: string[];
  removed: string[];
  changed: ChangedItem[];
  /** Items both versions hold as they are. */
  unchanged: number;
}

type Items = AsyncIterable<Item> | Iterable<Item>;

/**
 * Compares two dataset versions by a merge-join over their items, each ordered by id
 * (compareItemIds, as RunStore.datasetVersionItems streams them), holding one item per side and
 * the ids it reports. An id is an item's identity (PRODUCT.md): an item whose id stays and whose
 * content moved is changed, not removed and added. `names` label the streams in the error for
 * an unordered one.
 */
export async function diffDatasetItems(before: Items, after: Items, names = { before: "before", after: "after" }): Promise<DatasetItemsDiff> {
  const diff: DatasetItemsDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  const left = orderedCursorOf(before, names.before);
  const right = orderedCursorOf(after, names.after);
  try {
    let a = await left.next();
    let b = await right.next();
    while (a !== undefined || b !== undefined) {
      const order = a === undefined ? 1 : b === undefined ? -1 : compareItemIds(a.id, b.id);
      if (order < 0) {
        diff.removed.push(a!.id);
        a = await left.next();
      } else if (order > 0) {
        diff.added.push(b!.id);
        b = await right.next();
      } else {
        const fields = changedFields(a!, b!);
        if (fields.length === 0) diff.unchanged += 1;
        else diff.changed.push({ id: a!.id, fields });
        [a, b] = await Promise.all([left.next(), right.next()]);
      }
    }
  } finally {
    await Promise.all([left.close(), right.close()]);
  }
  return diff;
}

function changedFields(a: Item, b: Item): ItemField[] {
  return ITEM_FIELDS.filter((field) => canonicalJson(a[field]) !== canonicalJson(b[field]));
}

/** Refuses a stream out of id order: a merge-join over it would report shared items as added and removed. */
function orderedCursorOf(items: Items, name: string): OrderedCursor<Item> {
  return orderedCursor(items, name, "id", (item) => item.id);
}
