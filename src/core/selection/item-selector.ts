import { UserError } from "../errors.js";
import type { Item } from "../model/item.js";
import type { RunSelection } from "../model/run.js";
import { inRowRanges, parseRowsSpec } from "./parse-rows-spec.js";
import { rowHash } from "./row-hash.js";
import { parseShard, shardSelector } from "./shard.js";

/** Whether a run keeps an item; `index` is its zero-based position in the dataset file. */
export type ItemSelector = (item: Item, index: number) => boolean;

/** A selection as asked for: what the run records, before its items are counted. */
export type SelectionSpec = Omit<RunSelection, "selected">;

/**
 * The selector for a recorded selection. `itemCount` is the whole dataset's (a split without a
 * seed is positional). Built from the record alone, so a resumed run keeps exactly its items.
 */
export function selectorFor(selection: SelectionSpec, itemCount: number): ItemSelector {
  switch (selection.mode) {
    case "sample": {
      const fraction = Number(selection.value) / 100;
      const seed = requireSeed(selection);
      return (_item, index) => rowHash(seed, index) < fraction;
    }
    case "rows": {
      const ranges = parseRowsSpec(selection.value);
      return (_item, index) => inRowRanges(ranges, index);
    }
    case "split": {
      const { part, percent } = parseSplit(selection.value);
      const fraction = percent / 100;
      const inTrain: (index: number) => boolean =
        selection.seed === undefined
          ? (index) => index < Math.round((itemCount * percent) / 100)
          : (index) => rowHash(selection.seed!, index) < fraction;
      return (_item, index) => inTrain(index) === (part === "train");
    }
    case "shard":
      return shardSelector(parseShard(selection.value));
  }
}

/**
 * `train:80` or `test:80`: the part to run and the train percentage P. As in the seed tool,
 * `test:P` is the complement of `train:P`, so the two parts of one seed never overlap.
 */
export function parseSplit(value: string): { part: "train" | "test"; percent: number } {
  const match = /^(train|test):(\d+)$/.exec(value.trim());
  const share = match ? Number(match[2]) : Number.NaN;
  if (!match || share < 1 || share > 99) {
    throw new UserError(`--split "${value}": write train:P or test:P with P a whole percentage from 1 to 99`);
  }
  return { part: match[1] as "train" | "test", percent: share };
}

function requireSeed(selection: SelectionSpec): number {
  if (selection.seed === undefined) throw new Error(`a ${selection.mode} selection needs a seed`);
  return selection.seed;
}
