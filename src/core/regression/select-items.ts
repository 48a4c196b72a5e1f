import type { Item } from "../model/item.js";
import type { Run } from "../model/run.js";
import type { RunItem } from "../model/run-item.js";
import { UnknownRunItemIdsError } from "./regression-errors.js";

/** Where the run items come from: any RunStore, or a read-only view of one. */
export interface RunItemSource {
  runItems(runId: string): AsyncIterable<RunItem>;
  /** The stored dataset version's items (a store that keeps them): what a regression item is copied from. */
  datasetVersionItems?(version: string): AsyncIterable<Item>;
}

/** The run items of one run that go into a regression dataset. */
export interface RunSelection {
  run: Run;
  items: RunItem[];
  /**
   * The dataset items they were run from, by item id, as the run's dataset version stored them
   * (with the item's own scorers, which a run item does not keep); empty when the store has none.
   */
  datasetItems: Map<string, Item>;
}

/**
 * The failed and errored items of each run, or (with `runItemIds`) exactly the named run items,
 * whatever their status. Throws UnknownRunItemIdsError for ids in none of the runs, with the ids
 * that could be named instead.
 */
export async function selectItems(store: RunItemSource, runs: readonly Run[], runItemIds: readonly string[]): Promise<RunSelection[]> {
  const wanted = new Set(runItemIds);
  const selections: RunSelection[] = [];
  const failedIds: string[] = [];
  for (const run of runs) {
    const items: RunItem[] = [];
    for await (const item of store.runItems(run.id)) {
      const failed = item.status !== "passed";
      if (failed) failedIds.push(item.id);
      if (wanted.size > 0 ? wanted.has(item.id) : failed) items.push(item);
    }
    if (items.length > 0) selections.push({ run, items, datasetItems: await storedItems(store, run, items) });
  }
  const foundIds = new Set(selections.flatMap((selection) => selection.items.map((item) => item.id)));
  const unknown = runItemIds.filter((id) => !foundIds.has(id));
  if (unknown.length > 0) throw new UnknownRunItemIdsError(unknown, runs.map((run) => run.id), failedIds);
  return selections;
}

/** The stored dataset items behind `items`, read from the run's dataset version in one pass. */
async function storedItems(store: RunItemSource, run: Run, items: readonly RunItem[]): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  if (store.datasetVersionItems === undefined) return found;
  const wanted = new Set(items.map((item) => item.item_id));
  for await (const item of store.datasetVersionItems(run.dataset_version)) {
    if (wanted.has(item.id)) found.set(item.id, item);
  }
  return found;
}
