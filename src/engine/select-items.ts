import { UserError } from "../core/errors.js";
import type { Item } from "../core/model/item.js";
import type { RunSelection } from "../core/model/run.js";
import { selectorFor, type ItemSelector, type SelectionSpec } from "../core/selection/item-selector.js";
import { readDataset } from "./dataset-file.js";
import type { PreparedExperiment } from "./prepare-experiment.js";

/**
 * A pass over the dataset before the run starts: the run's `item_count` is the number selected,
 * so progress, stop rules and the completion check count the items this run covers.
 */
export async function countSelection(prepared: PreparedExperiment, selection: SelectionSpec): Promise<RunSelection> {
  let selected = 0;
  for await (const _item of datasetItems(prepared, selection)) selected++;
  // An empty sample would end as a run of nothing that passes; an empty shard of a small dataset is
  // expected, and merges with the others.
  if (selected === 0 && selection.mode !== "shard") {
    throw new UserError(
      `--${selection.mode} ${selection.value} selects none of the ${prepared.dataset.item_count} items of ` +
        `${prepared.dataset.path}; choose rows below ${prepared.dataset.item_count} or a larger share`,
    );
  }
  return { ...selection, selected };
}

/** The run's items: the whole dataset, or the part its recorded selection keeps. */
export function datasetItems(prepared: PreparedExperiment, selection?: SelectionSpec): AsyncIterable<Item> {
  const items = readDataset(prepared.datasetFile, prepared.dataset.path);
  return selection === undefined ? items : selectItems(items, selectionSelector(prepared, selection));
}

function selectionSelector(prepared: PreparedExperiment, selection: SelectionSpec): ItemSelector {
  return selectorFor(selection, prepared.dataset.item_count);
}

/** `index` is the item's zero-based position in the dataset file. */
async function* selectItems(items: AsyncIterable<Item>, selector: ItemSelector): AsyncGenerator<Item> {
  let index = 0;
  for await (const item of items) {
    if (selector(item, index++)) yield item;
  }
}
