import type { Run } from "../model/run.js";
import type { Item } from "../model/item.js";
import type { RunItem } from "../model/run-item.js";
import { recordToItem } from "../dataset/record-to-item.js";

/** Where a regression item came from, kept in its metadata so a reviewer can trace it. */
export interface RegressionProvenance {
  source_run: string;
  experiment: string;
  run_item_id: string;
  status: RunItem["status"];
  pull_request?: number;
  added_at: string;
}

export interface RegressionDatasetUpdate {
  /** The whole new file; undefined when every item was already in it. */
  content: string | undefined;
  added: RunItem[];
  alreadyPresent: RunItem[];
}

/** The item ids in a JSONL dataset; a line that is not a valid item is skipped (loading the dataset reports it). */
export function datasetItemIds(text: string): Set<string> {
  const ids = new Set<string>();
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    try {
      ids.add(recordToItem(JSON.parse(line) as unknown, `line ${index + 1}`).id);
    } catch {
      // Not ours to judge here.
    }
  }
  return ids;
}

/**
 * One dataset line: the item as the dataset had it, plus where it came from. `stored` is the item
 * as the run's dataset version stored it (its own scorers included), so the line is what was run
 * even when the file changed since; without it, what the run item recorded.
 */
export function regressionLine(item: RunItem, run: Run, addedAt: string, stored?: Item): string {
  const provenance: RegressionProvenance = {
    source_run: run.id,
    experiment: run.experiment,
    run_item_id: item.id,
    status: item.status,
    ...(run.pull_request === undefined ? {} : { pull_request: run.pull_request }),
    added_at: addedAt,
  };
  const source = stored ?? { input: item.input, expected: item.expected, metadata: item.metadata };
  const record = {
    id: item.item_id,
    input: source.input,
    ...(source.expected === undefined ? {} : { expected: source.expected }),
    metadata: { ...source.metadata, evalgate_regression: provenance },
    ...(stored?.scorers === undefined ? {} : { scorers: stored.scorers }),
    ...(stored?.scorers_mode === undefined ? {} : { scorers_mode: stored.scorers_mode }),
  };
  return JSON.stringify(record);
}

/**
 * Appends the items not yet in the dataset (by item id), keeping every existing line as it is.
 * Running the command twice adds nothing the second time.
 */
export function appendRegressionItems(
  existing: string | undefined,
  items: readonly RunItem[],
  run: Run,
  addedAt: string,
  /** The run's stored dataset items by id (RunSelection.datasetItems). */
  stored: ReadonlyMap<string, Item> = new Map(),
): RegressionDatasetUpdate {
  const present = datasetItemIds(existing ?? "");
  const added: RunItem[] = [];
  const alreadyPresent: RunItem[] = [];
  for (const item of items) {
    if (present.has(item.item_id)) {
      alreadyPresent.push(item);
    } else {
      present.add(item.item_id);
      added.push(item);
    }
  }
  if (added.length === 0) return { content: undefined, added, alreadyPresent };
  const prefix = existing === undefined || existing === "" ? "" : existing.endsWith("\n") ? existing : `${existing}\n`;
  const lines = added.map((item) => regressionLine(item, run, addedAt, stored.get(item.item_id)));
  return { content: `${prefix}${lines.join("\n")}\n`, added, alreadyPresent };
}
