import type pg from "pg";
import type { RunItem } from "../../core/model/run-item.js";
import { INSERT_ITEMS, itemArrays, ON_ITEM_CONFLICT_REPLACE } from "./postgres-rows.js";

/**
 * The batch's items and the mark that its runs' score index is stale, in one statement: one round
 * trip, atomic without BEGIN/COMMIT. The mark writes only when the run was indexed, so the hot path
 * usually changes one row per batch at most.
 */
const STORE_ITEMS =
  `WITH stored AS (${INSERT_ITEMS} ${ON_ITEM_CONFLICT_REPLACE} RETURNING run_id) ` +
  "UPDATE evalgate.runs SET scores_indexed = false WHERE scores_indexed AND id IN (SELECT run_id FROM stored)";

/**
 * Stores a group-commit batch of run items in one statement and resolves each item's error
 * (undefined when stored). PostgreSQL's `text` cannot hold U+0000, so an id with one is that
 * item's error; the item's JSON escapes it and is stored as is.
 *
 * When the batch is refused for its data (SQLSTATE class 22 or 23: an item of a run the store does
 * not have), the items are stored one by one, so only the items that cannot be stored fail. Any
 * other failure (the connection) fails the batch.
 */
export async function writeRunItems(pool: pg.Pool, items: readonly RunItem[]): Promise<(Error | undefined)[]> {
  const errors: (Error | undefined)[] = items.map((item) =>
    item.run_id.includes("\u0000") || item.item_id.includes("\u0000")
      ? new Error(`item "${item.item_id.replace(/\u0000/g, "\\u0000")}": PostgreSQL text cannot hold the character U+0000`)
      : undefined,
  );
  const storable = items.filter((_, index) => errors[index] === undefined);
  if (storable.length === 0) return errors;
  try {
    await pool.query(STORE_ITEMS, itemArrays(latestPerKey(storable)));
    return errors;
  } catch (error) {
    if (!refusedForItsData(error)) throw error;
  }
  for (const [index, item] of items.entries()) {
    if (errors[index] !== undefined) continue;
    try {
      await pool.query(STORE_ITEMS, itemArrays([item]));
    } catch (error) {
      if (!refusedForItsData(error)) throw error;
      errors[index] = error as Error;
    }
  }
  return errors;
}

function refusedForItsData(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

/**
 * One row per (run_id, item_id), the last one given: an upsert may not change a row twice in one
 * statement, and writes of one item apply in call order (a repeated item's last write holds every
 * attempt).
 */
function latestPerKey(items: readonly RunItem[]): RunItem[] {
  const byKey = new Map<string, RunItem>();
  for (const item of items) {
    const key = `${item.run_id}\u0000${item.item_id}`;
    byKey.delete(key);
    byKey.set(key, item);
  }
  return [...byKey.values()];
}
