import { evaluateGate, type GateVerdict } from "../core/gate.js";
import { newRunId, runItemId } from "../core/model/ids.js";
import type { Item } from "../core/model/item.js";
import type { Run, RunStatus, RunSummary } from "../core/model/run.js";
import type { RunItem, TargetResult } from "../core/model/run-item.js";
import { scoreItem } from "../core/scorers/score-item.js";
import { createRunSummaryAccumulator } from "../core/summarize-run.js";
import { UserError } from "../core/errors.js";
import type { RunStore } from "../store/run-store.js";
import { readDataset } from "./dataset-file.js";
import type { GitInfo } from "./git-info.js";
import { runPool } from "./pool.js";
import { StopRules, type ItemProgress } from "./stop-rules.js";
import { WriteBehind } from "./write-behind.js";
import type { PreparedExperiment } from "./prepare-experiment.js";

export interface RunOptions {
  prepared: PreparedExperiment;
  store: RunStore;
  label?: string;
  git?: GitInfo;
  /** On GitHub: what the run is for. */
  role?: "baseline" | "candidate";
  pullRequest?: number;
  /** Continue this run: only items missing from it (or that errored) are called. */
  resumeRunId?: string;
  /** `--threshold`: a fraction 0..1 that replaces the gate's passed_threshold. */
  thresholdOverride?: number;
  variant?: string;
  overrides?: Record<string, Record<string, unknown>>;
  /** Ctrl-C: stop calling, keep what finished, mark the run cancelled. */
  signal?: AbortSignal;
  onProgress?: (progress: ItemProgress) => void;
  now?: () => Date;
}

export interface RunOutcome {
  run: Run;
  verdict: GateVerdict;
  /** Why the run could not complete, when its status is `errored`. */
  incomplete?: string;
}

/** load → run → score → store, with at most `concurrency` calls in flight; then the gate. */
export async function runExperiment(options: RunOptions): Promise<RunOutcome> {
  const { prepared, store } = options;
  const now = options.now ?? (() => new Date());
  const run = await openRun(options, now);
  // Summed as items finish, so the end of a run reads nothing back; a resumed run first adds what
  // it keeps from before (errored items run again), so it ends with an uninterrupted run's summary.
  const accumulator = createRunSummaryAccumulator();
  const previous = new Map<string, RunItem["status"]>();
  if (options.resumeRunId) {
    for await (const item of store.runItems(run.id)) {
      previous.set(item.item_id, item.status);
      if (item.status !== "error") accumulator.add(item);
    }
  }
  const toRun = prepared.dataset.item_count - [...previous.values()].filter((s) => s !== "error").length;

  const rules = new StopRules(toRun, {
    itemCount: prepared.dataset.item_count,
    maxErrorRate: prepared.experiment.max_error_rate,
  });
  const signal = options.signal ?? new AbortController().signal;

  const writes = new WriteBehind(store);
  const pending = filterItems(readDataset(prepared.datasetFile, prepared.dataset.path), previous);
  const shouldStop = () => signal.aborted || rules.reason !== undefined;

  const runOne = async (item: Item): Promise<void> => {
    let result: TargetResult;
    try {
      result = await prepared.target.call(item, {
        runId: run.id,
        experiment: prepared.name,
        signal,
        ...(options.variant ? { variant: options.variant } : {}),
        ...(options.overrides ? { overrides: options.overrides } : {}),
      });
    } catch (error) {
      if (signal.aborted) return; // cancelled mid-call: the item is simply not stored
      throw error;
    }
    const scored = await scoreItem(prepared.scorers, item, result, { runId: run.id });
    const runItem = toRunItem(run.id, item, result, scored, now());
    await writes.put(runItem);
    accumulator.add(runItem);
    rules.record(scored.status, result.error);
    options.onProgress?.(rules.progress);
  };

  try {
    await runPool(pending, prepared.concurrency, runOne, shouldStop);
  } finally {
    await prepared.target.close?.();
    await writes.settled();
  }
  const stopReason = signal.aborted ? "cancelled" : rules.reason;
  return finishRun(options, run, accumulator.summary(), now, stopReason);
}

async function openRun(options: RunOptions, now: () => Date): Promise<Run> {
  const { prepared, store } = options;
  await store.saveExperimentVersion({
    experiment: prepared.name,
    version: prepared.version,
    definition: prepared.definition,
    created_at: now().toISOString(),
  });
  if (options.resumeRunId) return reopenRun(store, options.resumeRunId, prepared);
  const run: Run = {
    id: newRunId(now()),
    experiment: prepared.name,
    experiment_version: prepared.version,
    dataset_path: prepared.dataset.path,
    dataset_version: prepared.dataset.version,
    item_count: prepared.dataset.item_count,
    target: prepared.target.description,
    started_at: now().toISOString(),
    status: "running",
    ...(options.label ? { label: options.label } : {}),
    ...(options.role ? { role: options.role } : {}),
    ...(options.pullRequest ? { pull_request: options.pullRequest } : {}),
    ...(options.git?.commit ? { git_commit: options.git.commit } : {}),
    ...(options.git?.branch ? { git_branch: options.git.branch } : {}),
  };
  await store.createRun(run);
  return run;
}

/** A resumed run must be the same experiment version over the same dataset version, or its result would mix two. */
async function reopenRun(store: RunStore, runId: string, prepared: PreparedExperiment): Promise<Run> {
  const run = await store.getRun(runId);
  if (!run) throw new UserError(`--resume: no run "${runId}" in this store (see \`evalgate runs list\`)`);
  const mismatch = (what: string, stored: string, now: string) =>
    new UserError(
      `--resume ${run.id}: the ${what} changed since the run started (${stored} → ${now}); start a new run instead`,
    );
  if (run.experiment !== prepared.name) {
    throw new UserError(`--resume ${run.id}: that run is of experiment "${run.experiment}", not "${prepared.name}"`);
  }
  if (run.experiment_version !== prepared.version) throw mismatch("experiment version", run.experiment_version, prepared.version);
  if (run.dataset_version !== prepared.dataset.version) throw mismatch("dataset version", run.dataset_version, prepared.dataset.version);
  return run;
}

async function* filterItems(items: AsyncIterable<Item>, previous: Map<string, RunItem["status"]>): AsyncGenerator<Item> {
  for await (const item of items) {
    const status = previous.get(item.id);
    if (status === undefined || status === "error") yield item;
  }
}

function toRunItem(
  runId: string,
  item: Item,
  result: TargetResult,
  scored: Awaited<ReturnType<typeof scoreItem>>,
  finishedAt: Date,
): RunItem {
  return {
    id: runItemId(runId, item.id),
    run_id: runId,
    item_id: item.id,
    status: scored.status,
    input: item.input,
    ...(item.expected !== undefined ? { expected: item.expected } : {}),
    ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
    ...(result.output !== undefined ? { output: result.output } : {}),
    latency_ms: result.latency_ms,
    attempts: result.attempts,
    ...(result.tool_calls ? { tool_calls: result.tool_calls } : {}),
    ...(result.usage ? { usage: result.usage } : {}),
    ...(result.cost !== undefined ? { cost: result.cost } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    scores: scored.scores,
    finished_at: finishedAt.toISOString(),
  };
}

async function finishRun(
  options: RunOptions,
  run: Run,
  summary: RunSummary,
  now: () => Date,
  stopReason: string | undefined,
): Promise<RunOutcome> {
  const { prepared, store } = options;
  const verdict = evaluateGate(prepared.experiment.gate, { summary }, {
    ...(options.thresholdOverride !== undefined ? { thresholdOverride: options.thresholdOverride } : {}),
  });
  const incomplete = stopReason === "cancelled" ? undefined : (stopReason ?? incompleteReason(summary, prepared));
  const status: RunStatus =
    stopReason === "cancelled" ? "cancelled" : incomplete ? "errored" : verdict.verdict === "pass" ? "passed" : "failed";
  // No false green: a run that did not finish never carries a passing verdict.
  const unfinished =
    status === "cancelled"
      ? `the run was cancelled after ${summary.total} of ${run.item_count} items`
      : incomplete && `the run could not complete: ${incomplete}`;
  const ended = {
    status,
    ended_at: now().toISOString(),
    summary,
    verdict: unfinished ? ("fail" as const) : verdict.verdict,
    verdict_reasons: unfinished ? [unfinished, ...verdict.reasons] : verdict.reasons,
  };
  await store.endRun(run.id, ended);
  const finalVerdict = { ...verdict, verdict: ended.verdict, reasons: ended.verdict_reasons };
  return { run: { ...run, ...ended }, verdict: finalVerdict, ...(incomplete ? { incomplete } : {}) };
}

function incompleteReason(summary: RunSummary, prepared: PreparedExperiment): string | undefined {
  if (summary.total > 0 && summary.errored === summary.total) return `every call failed (${summary.errored} items)`;
  const { max_error_rate } = prepared.experiment;
  if (summary.errored > max_error_rate * summary.total) {
    return `${summary.errored} of ${summary.total} items errored, above max_error_rate ${max_error_rate}`;
  }
  return undefined;
}
