import type { Run } from "../model/run.js";
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

/** One dataset line: the item as the dataset had it, plus where it came from. */
export function regressionLine(item: RunItem, run: Run, addedAt: string): string {
  const provenance: RegressionProvenance = {
    source_run: run.id,
    experiment: run.experiment,
    run_item_id: item.id,
    status: item.status,
    ...(run.pull_request === undefined ? {} : { pull_request: run.pull_request }),
    added_at: addedAt,
  };
  const record = {
    id: item.item_id,
    input: item.input,
    ...(item.expected === undefined ? {} : { expected: item.expected }),
    metadata: { ...item.metadata, evalgate_regression: provenance },
  };
  return JSON.stringify(record);
}

/**
 * Appends the items not yet in the dataset (by item id), keeping every existing line as it is.
 * Running the command twice adds nothing the second time.
 */
export function appendRegressionItems(existing: string | undefined, items: readonly RunItem[], run: Run, addedAt: string): RegressionDatasetUpdate {
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
  const lines = added.map((item) => regressionLine(item, run, addedAt));
  return { content: `${prefix}${lines.join("\n")}\n`, added, alreadyPresent };
}
