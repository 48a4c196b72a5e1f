import type { Item } from "../core/model/item.js";
import type { RepeatAttempt, RunItem, TargetResult } from "../core/model/run-item.js";
import { decideRepeats, type RepeatPlan } from "../core/repeats/decide-repeats.js";
import { toRepeatAttempt } from "../core/repeats/repeat-attempt.js";
import type { ScoredItem } from "../core/scorers/score-item.js";
import type { WriteBehind } from "./write-behind.js";

/** One call of the target and its scores; undefined when the run was stopped meanwhile. */
export type CallItem = (item: Item) => Promise<{ result: TargetResult; scored: ScoredItem } | undefined>;

/** An item's attempts while some are in flight: dropped once its last attempt is stored. */
interface ItemAttempts {
  item: Item;
  attempts: RepeatAttempt[];
  /** How many attempts the last write handed to the store held (this process's writes). */
  written: number;
  /** The item's writes, one after another (see `store`). */
  handOver: Promise<void>;
}

/** One attempt to make (`repeat`), or, with `repeat` undefined, an item whose K attempts were all kept. */
export interface RepeatTask {
  entry: ItemAttempts;
  repeat: number | undefined;
}

export interface RepeatedItemsOptions {
  runId: string;
  plan: RepeatPlan;
  writes: WriteBehind;
  /** The attempts `--resume` keeps of an item stored before (none for an item never stored). */
  keptAttempts: (item: Item) => Promise<RepeatAttempt[]>;
  /** Called once per item, when its K-th attempt is stored. */
  onItemDone: (runItem: RunItem) => void;
  now: () => Date;
}

/**
 * Runs an experiment with `repeat: K`: the pool is fed (item, repeat index) pairs, so the K
 * attempts of one item run at once on K lanes and the dataset is still read as fast as attempts
 * finish. After each attempt the item is stored with its attempts so far (a partial item is an
 * `error`, core/repeats/decide-repeats.ts), so a killed run loses only the attempts in flight.
 */
export class RepeatedItems {
  constructor(private readonly options: RepeatedItemsOptions) {}

  /** The attempts still to make, item by item: on `--resume`, the repeat indexes missing or errored. */
  async *tasks(items: AsyncIterable<Item>): AsyncGenerator<RepeatTask> {
    const { repeat } = this.options.plan;
    for await (const item of items) {
      const kept = (await this.options.keptAttempts(item)).filter((attempt) => attempt.status !== "error" && attempt.repeat < repeat);
      // written 0: the stored item still holds the errored attempts, so the next write is due.
      const entry: ItemAttempts = { item, attempts: kept, written: 0, handOver: Promise.resolve() };
      const have = new Set(kept.map((attempt) => attempt.repeat));
      const missing = Array.from({ length: repeat }, (_, index) => index).filter((index) => !have.has(index));
      if (missing.length === 0) yield { entry, repeat: undefined };
      for (const index of missing) yield { entry, repeat: index };
    }
  }

  async run(task: RepeatTask, call: CallItem): Promise<void> {
    const { entry, repeat } = task;
    const { runId, plan } = this.options;
    if (repeat !== undefined) {
      const called = await call(entry.item);
      // Stopped mid-call: the attempt is not stored and runs again on --resume.
      if (called === undefined) return;
      entry.attempts.push(toRepeatAttempt({ runId, itemId: entry.item.id, repeat }, called.result, called.scored, this.options.now()));
    }
    // Decided in the same turn as the push: exactly one task sees the item complete.
    const done = entry.attempts.length === plan.repeat ? decideRepeats(runId, entry.item, entry.attempts, plan) : undefined;
    await this.store(entry);
    if (done !== undefined) this.options.onItemDone(done);
  }

  /**
   * Stores the item with every attempt finished so far. The store replaces an item by (run_id,
   * item_id), so two writes of one item must reach it in order: each waits until the one before
   * was handed over (WriteBehind calls the store in put order; the stores commit in call order),
   * and is built only then, from the attempts known at that moment. A write that finds nothing
   * new since the last is skipped.
   */
  private store(entry: ItemAttempts): Promise<void> {
    const { runId, plan, writes } = this.options;
    entry.handOver = entry.handOver.then(() => {
      const count = entry.attempts.length;
      if (count <= entry.written) return;
      entry.written = count;
      return writes.put(decideRepeats(runId, entry.item, entry.attempts, plan));
    });
    return entry.handOver;
  }
}
