import { toRunItem } from "../core/repeats/repeat-attempt.js";
import { decideVerdict, exceedsErrorBudget, type GateVerdict, type RunVerdictSubject } from "../core/gate.js";
import { runItemId } from "../core/model/ids.js";
import type { Item } from "../core/model/item.js";
import type { Run, RunStatus, RunSummary } from "../core/model/run.js";
import type { RunItem, TargetResult } from "../core/model/run-item.js";
import { requireAnswer } from "../core/require-answer.js";
import { UnavailableError } from "../core/errors.js";
import { resumeCommand } from "../core/resume-command.js";
import { applyPrices } from "./apply-prices.js";
import { scoreItem } from "../core/scorers/score-item.js";
import { createRunSummaryAccumulator } from "../core/summarize-run.js";
import type { RunLease, RunStore } from "../store/run-store.js";
import type { SelectionSpec } from "../core/selection/item-selector.js";
import { datasetItems } from "./select-items.js";
import type { GitInfo } from "./git-info.js";
import { runPool } from "./pool.js";
import { LEASE_TTL_MS, type HeldRunLease } from "./run-lease.js";
import { keepDatasetVersion, openRun } from "./open-run.js";
import { StopRules, type ItemProgress } from "./stop-rules.js";
import { WriteBehind } from "./write-behind.js";
import { RepeatedItems, type CallItem } from "./repeated-items.js";
import type { PreparedExperiment } from "./prepare-experiment.js";
import type { CallContext } from "./targets/target.js";

export interface RunOptions {
  prepared: PreparedExperiment;
  store: RunStore;
  label?: string;
  git?: GitInfo;
  /** On GitHub: what the run is for. */
  role?: "baseline" | "candidate";
  pullRequest?: number;
  /**
   * Continue this run: only items missing from it (or that errored) are called; with repeats,
   * only their repeat indexes missing or errored.
   */
  resumeRunId?: string;
  /** `--threshold`: a fraction 0..1 that replaces the gate's passed_threshold. */
  thresholdOverride?: number;
  variant?: string;
  overrides?: Record<string, Record<string, unknown>>;
  /**
   * Run part of the dataset (`--sample`, `--rows`, `--split`, `--shard`); recorded as the run's
   * `selection`. A resumed run keeps its recorded selection.
   */
  selection?: SelectionSpec;
  /** `--locked`: only these item ids, the ones the experiment's baseline locked (engine/track-experiment-lifecycle.ts). */
  lockedItemIds?: ReadonlySet<string>;
  /** Ctrl-C: stop calling, keep what finished, mark the run cancelled (as `evalgate runs cancel` does from elsewhere). */
  signal?: AbortSignal;
  onProgress?: (progress: ItemProgress) => void;
  now?: () => Date;
}

export interface RunOutcome {
  /** The run as stored: its status and verdict are the experiment's gate's, without `thresholdOverride`. */
  run: Run;
  /** This command's verdict: the gate's, with `thresholdOverride` when one was given. */
  verdict: GateVerdict;
  /**
   * Why the run could not complete ("the run could not complete: …"), when its status is
   * `errored`; or, when it is still `running`, that another process took the run over.
   */
  incomplete?: string;
}

/**
 * load → run → score → store, with at most `concurrency` calls in flight; then the gate. The run's
 * lease is held throughout, so no other process calls the target for it meanwhile.
 */
export async function runExperiment(options: RunOptions): Promise<RunOutcome> {
  const now = options.now ?? (() => new Date());
  const { run, lease } = await openRun(options, now);
  // Written while the first calls are in flight, and waited for before the run ends: an ended
  // run's items can always be read again. A store that has the version does nothing.
  const datasetKept = keepDatasetVersion(options.store, options.prepared, now);
  datasetKept.catch(() => undefined);
  try {
    return await runHeld(options, run, lease, now, datasetKept);
  } catch (error) {
    throw error instanceof UnavailableError ? interruptedBy(run, error) : error;
  } finally {
    // A lease left behind goes stale once this process exits: nothing to do when this fails.
    await lease.release().catch(() => undefined);
  }
}

/** A store lost mid-run, said with the run it interrupted and the command that continues it. */
function interruptedBy(run: Run, error: UnavailableError): UnavailableError {
  return new UnavailableError(
    `run ${run.id} was interrupted: ${error.message}. Every item reported as stored is kept; ` +
      `once the store is back, continue it with: ${resumeCommand(run)}`,
    { cause: error },
  );
}

async function runHeld(options: RunOptions, run: Run, lease: HeldRunLease, now: () => Date, datasetKept: Promise<unknown>): Promise<RunOutcome> {
  const { prepared, store } = options;
  // Stopped from here (the heartbeat saw a cancel, or lost the lease) or by the caller (Ctrl-C).
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let takenOver: { by: RunLease | undefined } | undefined;
  lease.startHeartbeat({
    onCancelled: () => stop.abort(),
    onLost: (by) => {
      takenOver = { by };
      stop.abort();
    },
  });
  // Summed as items finish, so the end of a run reads nothing back; a resumed run first adds what
  // it keeps from before (errored items run again), so it ends with an uninterrupted run's summary.
  const accumulator = createRunSummaryAccumulator({ cluster: prepared.experiment.cluster });
  const previous = new Map<string, RunItem["status"]>();
  if (options.resumeRunId) {
    for await (const item of store.runItems(run.id)) {
      previous.set(item.item_id, item.status);
      if (item.status !== "error") accumulator.add(item);
    }
  }
  const toRun = run.item_count - [...previous.values()].filter((s) => s !== "error").length;

  const rules = new StopRules(toRun, {
    itemCount: run.item_count,
    maxErrorRate: prepared.experiment.max_error_rate,
  });

  const writes = new WriteBehind(store);
  const pending = pendingItems(datasetItems(prepared, run.selection), options.lockedItemIds, previous);
  const shouldStop = () => signal.aborted || rules.reason !== undefined;
  // The same for every call of the run: built once, not once per item.
  const callContext: CallContext = {
    runId: run.id,
    experiment: prepared.name,
    signal,
    ...(options.variant ? { variant: options.variant } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  };
  const scoreContext = { runId: run.id, signal };

  const callItem: CallItem = async (item) => {
    let result: TargetResult;
    try {
      // Every target checks its own answer; this is the net for one that forgets. Costs from the
      // price table are added here, once for every kind of target.
      result = applyPrices(requireAnswer(await prepared.target.call(item, callContext)), prepared.prices);
    } catch (error) {
      if (signal.aborted) return undefined; // cancelled mid-call: the item is simply not stored
      throw error;
    }
    const scorers = prepared.itemScorers.scorersFor(item);
    const scored = await scoreItem(scorers, item, result, scoreContext, prepared.passRule);
    // Cancelled mid-score: an aborted judge call is no verdict, so the item is not stored and runs
    // again on --resume (where a judge that had answered is read from its cache).
    if (signal.aborted) return undefined;
    return { result, scored };
  };
  // An item counts once it is stored complete: with repeats, when its K-th attempt is.
  const itemDone = (runItem: RunItem): void => {
    accumulator.add(runItem);
    rules.record(runItem.status, runItem.error);
    options.onProgress?.(rules.progress);
  };
  const runOne = async (item: Item): Promise<void> => {
    const called = await callItem(item);
    if (called === undefined) return;
    const runItem = toRunItem(run.id, item, called.result, called.scored, now());
    await writes.put(runItem);
    itemDone(runItem);
  };

  try {
    if (prepared.repeats.repeat === 1) {
      await runPool(pending, prepared.concurrency, runOne, shouldStop);
    } else {
      const repeated = new RepeatedItems({
        runId: run.id,
        plan: prepared.repeats,
        writes,
        now,
        onItemDone: itemDone,
        // Only an item stored as an error (partial, or an attempt errored) has attempts to keep:
        // read one at a time, so a resumed run holds no more than its items in flight.
        keptAttempts: async (item) =>
          previous.get(item.id) === "error" ? ((await store.getRunItem(runItemId(run.id, item.id)))?.repeats ?? []) : [],
      });
      await runPool(repeated.tasks(pending), prepared.concurrency, (task) => repeated.run(task, callItem), shouldStop);
    }
  } finally {
    lease.stopHeartbeat();
    await prepared.target.close?.();
    await Promise.all(prepared.scorers.map((scorer) => scorer.fn.close?.()));
    await prepared.itemScorers.close();
    await writes.settled();
  }
  await datasetKept;
  if (takenOver) return takenOverOutcome(options, run, accumulator.summary(), takenOver.by);
  // A cancel recorded after the last heartbeat still wins: its user was told the run is cancelled.
  const cancelled = signal.aborted || (await lease.cancelledElsewhere());
  const stopReason = cancelled ? "cancelled" : rules.reason;
  return finishRun(options, run, accumulator.summary(), now, stopReason);
}

/** Another process judged this one gone and continues the run: leave its ending to that process. */
function takenOverOutcome(options: RunOptions, run: Run, summary: RunSummary, by: RunLease | undefined): RunOutcome {
  const { prepared } = options;
  const verdict = decideVerdict({
    gate: prepared.experiment.gate,
    maxErrorRate: prepared.experiment.max_error_rate,
    status: "running",
    itemCount: run.item_count,
    summary,
    ...(options.thresholdOverride !== undefined ? { thresholdOverride: options.thresholdOverride } : {}),
  });
  const who = by === undefined ? "another process" : `pid ${by.pid} on ${by.host}`;
  const incomplete =
    `run ${run.id} was taken over by ${who}: this process missed its heartbeats for over ` +
    `${LEASE_TTL_MS / 1000} s (paused or asleep), so the run continues there`;
  return { run: { ...run, summary }, verdict, incomplete };
}

/**
 * The items this process calls: with `--locked`, only the locked ones; on `--resume`, only those
 * missing or errored. A plain run reads the dataset directly: a generator layer costs every item a
 * few promise turns (two layers measured 5–8 ms per 10,000 items).
 */
function pendingItems(
  items: AsyncIterable<Item>,
  locked: ReadonlySet<string> | undefined,
  previous: Map<string, RunItem["status"]>,
): AsyncIterable<Item> {
  if (locked === undefined && previous.size === 0) return items;
  return keptItems(items, locked, previous);
}

async function* keptItems(
  items: AsyncIterable<Item>,
  locked: ReadonlySet<string> | undefined,
  previous: Map<string, RunItem["status"]>,
): AsyncGenerator<Item> {
  for await (const item of items) {
    if (locked !== undefined && !locked.has(item.id)) continue;
    const status = previous.get(item.id);
    if (status === undefined || status === "error") yield item;
  }
}

async function finishRun(
  options: RunOptions,
  run: Run,
  summary: RunSummary,
  now: () => Date,
  stopReason: string | undefined,
): Promise<RunOutcome> {
  const { prepared, store } = options;
  const { max_error_rate: maxErrorRate } = prepared.experiment;
  // A stop rule that fired, or errors above max_error_rate in the final counts, make the run errored.
  const errored = stopReason !== undefined || exceedsErrorBudget(summary, maxErrorRate);
  const completion = stopReason === "cancelled" ? "cancelled" : errored ? "errored" : "ended";
  const subject: RunVerdictSubject = { gate: prepared.experiment.gate, maxErrorRate, status: completion, itemCount: run.item_count, summary };
  // The stored status and verdict are the experiment's gate's: a one-off --threshold decides this
  // command's verdict and exit code, never what every later command reads from the store.
  const gateVerdict = decideVerdict(subject);
  const verdict =
    options.thresholdOverride === undefined
      ? gateVerdict
      : decideVerdict({ ...subject, thresholdOverride: options.thresholdOverride });
  const status: RunStatus = completion === "ended" ? (gateVerdict.verdict === "pass" ? "passed" : "failed") : completion;
  const ended = {
    status,
    ended_at: now().toISOString(),
    summary,
    verdict: gateVerdict.verdict,
    verdict_reasons: gateVerdict.reasons,
  };
  await store.endRun(run.id, ended);
  // The stop message is the verdict's first reason: its counts come from the final summary, never
  // from the moment a stop rule fired while other calls were still in flight.
  const incomplete = status === "errored" ? withLastError(verdict.reasons[0]!, stopReason) : undefined;
  return { run: { ...run, ...ended }, verdict, ...(incomplete ? { incomplete } : {}) };
}

/** The stop rule's "(last: …)" names the error that tripped it: worth keeping beside the counts. */
function withLastError(reason: string, stopReason: string | undefined): string {
  const last = stopReason?.match(/\(last: .*\)$/)?.[0];
  return last ? `${reason} ${last}` : reason;
}
