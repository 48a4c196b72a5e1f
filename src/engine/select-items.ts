import { UserError } from "../core/errors.js";
import type { Item } from "../core/model/item.js";
import type { Run, RunSelection } from "../core/model/run.js";
import { selectorFor, type ItemSelector, type SelectionSpec } from "../core/selection/item-selector.js";
import { RowOrder, selectsByPosition } from "../core/selection/row-order.js";
import { parseRowsSpec } from "../core/selection/parse-rows-spec.js";
import type { PreparedExperiment } from "./prepare-experiment.js";

/**
 * A pass over the dataset before the run starts: the run's `item_count` is the number selected,
 * so progress, stop rules and the completion check count the items this run covers. A selection
 * by row position also records the rows' order (core/selection/row-order.ts) for its resumes, and
 * is refused over a stored version, which keeps its items in id order rather than the file's.
 */
export async function countSelection(prepared: PreparedExperiment, selection: SelectionSpec): Promise<RunSelection> {
  const rows = prepared.dataset.item_count;
  const positional = selectsByPosition(selection);
  if (positional && !prepared.rowsInFileOrder) {
    throw new UserError(`${flagOf(selection)} ${POSITIONAL_OVER_STORED_VERSION}`);
  }
  if (selection.mode === "rows") {
    // A row past the end is a mistake (a wrong file or an off-by-one), not a request for fewer rows.
    const last = Math.max(...parseRowsSpec(selection.value).map((range) => range.end));
    if (last >= rows) {
      throw new UserError(
        `--rows ${selection.value}: row ${last} is past the end of ${prepared.dataset.path}, whose ${rows} rows are 0–${rows - 1}`,
      );
    }
  }
  const selector = selectionSelector(prepared, selection);
  const order = positional ? new RowOrder() : undefined;
  let selected = 0;
  let index = 0;
  for await (const item of prepared.readItems()) {
    order?.add(item.id);
    if (selector(item, index++)) selected++;
  }
  // An empty sample would end as a run of nothing that passes; an empty shard of a small dataset is
  // expected, and merges with the others.
  if (selected === 0 && selection.mode !== "shard") {
    throw new UserError(
      `--${selection.mode} ${selection.value} selects none of the ${rows} items of ${prepared.dataset.path}; ` +
        (selection.mode === "rows" ? `choose rows below ${rows}` : "choose a larger share, or another seed"),
    );
  }
  return { ...selection, selected, ...(order !== undefined ? { order: order.digest() } : {}) };
}

const POSITIONAL_OVER_STORED_VERSION =
  "picks rows by their position in the dataset file, and a stored dataset version keeps its items in id order, " +
  "not the file's, so its rows would be other items; run over the file (without --dataset-version), or select by item id with --shard I/N";

/** The selection as its flags were written: `--sample 50 --seed 7`. */
function flagOf(selection: SelectionSpec): string {
  return `--${selection.mode} ${selection.value}${selection.seed !== undefined ? ` --seed ${selection.seed}` : ""}`;
}

/**
 * A resumed run that picked rows by position must read them in the order it started with, or the
 * rest of it would be other rows than its start's (its version is the same for any order). Throws
 * `UserError` over a stored version, and when the rows' order changed; runs recorded before the
 * order was are not checked.
 */
export async function checkResumedRowOrder(run: Run, prepared: PreparedExperiment): Promise<void> {
  const selection = run.selection;
  if (selection === undefined || !selectsByPosition(selection)) return;
  const what = `that run's ${flagOf(selection)}`;
  if (!prepared.rowsInFileOrder) throw new UserError(`--resume ${run.id}: ${what} ${POSITIONAL_OVER_STORED_VERSION}`);
  if (selection.order === undefined) return;
  const order = new RowOrder();
  for await (const item of prepared.readItems()) order.add(item.id);
  if (order.digest() !== selection.order) {
    throw new UserError(
      `--resume ${run.id}: the rows of ${prepared.dataset.path} are in another order than when the run started, ` +
        `so ${what} would now pick other items; put them back in their order, or start a new run`,
    );
  }
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
