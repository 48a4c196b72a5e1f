import { UserError } from "../core/errors.js";
import type { Item } from "../core/model/item.js";
import type { RunSelection } from "../core/model/run.js";
import { selectorFor, type ItemSelector, type SelectionSpec } from "../core/selection/item-selector.js";
import { parseRowsSpec } from "../core/selection/parse-rows-spec.js";
import type { PreparedExperiment } from "./prepare-experiment.js";

/**
 * A pass over the dataset before the run starts: the run's `item_count` is the number selected,
 * so progress, stop rules and the completion check count the items this run covers.
 */
export async function countSelection(prepared: PreparedExperiment, selection: SelectionSpec): Promise<RunSelection> {
  const rows = prepared.dataset.item_count;
  if (selection.mode === "rows") {
    // A row past the end is a mistake (a wrong file or an off-by-one), not a request for fewer rows.
    const last = Math.max(...parseRowsSpec(selection.value).map((range) => range.end));
    if (last >= rows) {
      throw new UserError(
        `--rows ${selection.value}: row ${last} is past the end of ${prepared.dataset.path}, whose ${rows} rows are 0–${rows - 1}`,
      );
    }
  }
  let selected = 0;
  for await (const _item of datasetItems(prepared, selection)) selected++;
  // An empty sample would end as a run of nothing that passes; an empty shard of a small dataset is
  // expected, and merges with the others.
  if (selected === 0 && selection.mode !== "shard") {
    throw new UserError(
      `--${selection.mode} ${selection.value} selects none of the ${rows} items of ${prepared.dataset.path}; ` +
        (selection.mode === "rows" ? `choose rows below ${rows}` : "choose a larger share, or another seed"),
    );
  }
  return { ...selection, selected };
}

/** The run's items: the whole dataset, or the part its recorded selection keeps. */
export function datasetItems(prepared: PreparedExperiment, selection?: SelectionSpec): AsyncIterable<Item> {
  const items = prepared.readItems();
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
