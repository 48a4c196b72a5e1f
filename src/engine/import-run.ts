import { decideVerdict, exceedsErrorBudget, type RunGateVerdict } from "../core/gate.js";
import { UserError } from "../core/errors.js";
import type { Item } from "../core/model/item.js";
import type { Run, RunStatus } from "../core/model/run.js";
import type { TargetResult } from "../core/model/run-item.js";
import type { Annotation } from "../core/model/annotation.js";
import type { ImportRecord } from "../core/import/import-record.js";
import { scoreImportedItem } from "../core/import/score-imported-item.js";
import { annotationNameProblems, evaluationAnnotations } from "../core/import/evaluation-annotations.js";
import { toRunItem } from "../core/repeats/repeat-attempt.js";
import { scoreItem, type ScoredItem } from "../core/scorers/score-item.js";
import { createRunSummaryAccumulator } from "../core/summarize-run.js";
import { formatCount } from "../core/stats.js";
import type { RunStore } from "../store/run-store.js";
import { applyPrices } from "./apply-prices.js";
import { requireAnswer } from "../core/require-answer.js";
import type { GitInfo } from "./git-info.js";
import { runPool } from "./pool.js";
import type { PreparedExperiment } from "./prepare-experiment.js";
import { newRunOf, saveVersion } from "./open-run.js";
import { takeRunLease } from "./run-lease.js";
import { datasetItems } from "./select-items.js";
import { normalizeToolCalls } from "./targets/response-mapping.js";
import { WriteBehind } from "./write-behind.js";

export interface ImportOptions {
  prepared: PreparedExperiment;
  store: RunStore;
  /** Checked records (core/import/read-import-records.ts), at most one per example_id. */
  records: readonly ImportRecord[];
  /** The import file's name as the user gave it (`-` for stdin): the run's target is `import:<name>`. */
  source: string;
  /** `--score`: run the experiment's scorers over the outputs; the imported evaluations become annotations. */
  score: boolean;
  label?: string;
  git?: GitInfo;
  /** Ctrl-C: stop scoring, keep what is stored, end the run cancelled. */
  signal?: AbortSignal;
  now?: () => Date;
}

export interface ImportOutcome {
  run: Run;
  verdict: RunGateVerdict;
  /** Dataset items the file had no record for: stored as errors. */
  missing: number;
  /** Without `score`: items whose derived status differs from the `metadata.status` an export gave them. */
  statusChanged: string[];
  annotations: number;
}

/** Why a dataset item the import file has no record for is an error. */
export function missingRecordError(source: string): string {
  return `the import file ${source} has no record for this item`;
}

/** Unknown example_ids listed in the refusal: enough to see the pattern. */
const MAX_LISTED_IDS = 50;

/**
 * Stores an imported run like any other: a new run of the experiment's current version over its
 * dataset version, one run item per dataset item (its input, expected and metadata; the record's
 * output and call), scored from the imported evaluations or, with `score`, by the experiment's
 * scorers exactly as `evalgate run` scores a target's answers. A dataset item with no record is an
 * error item (a run covers its whole dataset version). Status and verdict come from the gate.
 *
 * Throws UserError before anything is stored when a record's example_id is not an item of the
 * dataset (every such id listed), or, with `score`, an evaluation's name is too long for an annotation.
 */
export async function importRun(options: ImportOptions): Promise<ImportOutcome> {
  const { prepared, store, records } = options;
  const now = options.now ?? (() => new Date());
  const byId = new Map(records.map((record) => [record.exampleId, record]));
  await refuseUnknownIds(prepared, byId);
  const nameProblems = options.score ? annotationNameProblems(records) : [];
  if (nameProblems.length > 0) throw new UserError([...nameProblems.slice(0, 20), "nothing was imported"].join("\n"));

  await saveVersion(store, prepared, now);
  const run: Run = {
    ...newRunOf(prepared, `import:${options.source}`, now),
    label: options.label ?? "import",
    ...(options.git?.commit ? { git_commit: options.git.commit } : {}),
    ...(options.git?.branch ? { git_branch: options.git.branch } : {}),
  };
  await store.createRun(run);
  const lease = await takeRunLease(store, run.id, now);
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  lease.startHeartbeat({ onCancelled: () => stop.abort(), onLost: () => stop.abort() });
  const accumulator = createRunSummaryAccumulator({ cluster: prepared.experiment.cluster });
  const writes = new WriteBehind(store);
  const annotations: Annotation[] = [];
  const statusChanged: string[] = [];
  let missing = 0;
  try {
    const importOne = async (item: Item): Promise<void> => {
      const record = byId.get(item.id);
      const result = record === undefined ? missingResult(options.source) : resultOf(record, prepared);
      const scored = await scoreOne(options, item, record, result, run.id, signal);
      if (scored === undefined) return;
      if (record === undefined) missing += 1;
      // Re-scored items may well change: only a status derived from the exported scores is checked.
      else if (!options.score && record.exportedStatus !== undefined && record.exportedStatus !== scored.status) statusChanged.push(item.id);
      const runItem = toRunItem(run.id, item, result, scored, now());
      await writes.put(runItem);
      accumulator.add(runItem);
      if (options.score && record !== undefined) annotations.push(...evaluationAnnotations(record, runItem, now().toISOString()));
    };
    await runPool(datasetItems(prepared), options.score ? prepared.concurrency : 1, importOne, () => signal.aborted);
  } finally {
    lease.stopHeartbeat();
    await Promise.all(prepared.scorers.map((scorer) => scorer.fn.close?.()));
    await prepared.itemScorers.close();
    await prepared.target.close?.();
    await writes.settled();
  }
  try {
    // After the items: an annotation names its run item, which must be stored first.
    if (annotations.length > 0) await store.putAnnotations(annotations);
    const summary = accumulator.summary();
    const { max_error_rate: maxErrorRate } = prepared.experiment;
    const cancelled = signal.aborted || (await lease.cancelledElsewhere());
    const completion = cancelled ? "cancelled" : exceedsErrorBudget(summary, maxErrorRate) ? "errored" : "ended";
    const verdict = decideVerdict({ gate: prepared.experiment.gate, maxErrorRate, status: completion, itemCount: run.item_count, summary });
    const status: RunStatus = completion === "ended" ? (verdict.verdict === "pass" ? "passed" : "failed") : completion;
    const ended = { status, ended_at: now().toISOString(), summary, verdict: verdict.verdict, verdict_reasons: verdict.reasons };
    await store.endRun(run.id, ended);
    return { run: { ...run, ...ended }, verdict, missing, statusChanged, annotations: annotations.length };
  } finally {
    await lease.release().catch(() => undefined);
  }
}

/** Every example_id must be an item of the dataset version: all unknown ones are named in one refusal. */
async function refuseUnknownIds(prepared: PreparedExperiment, byId: ReadonlyMap<string, ImportRecord>): Promise<void> {
  const unknown = new Set(byId.keys());
  for await (const item of datasetItems(prepared)) unknown.delete(item.id);
  if (unknown.size === 0) return;
  const listed = [...unknown].slice(0, MAX_LISTED_IDS).map((id) => `  ${JSON.stringify(id)} (${byId.get(id)!.where})`);
  const more = unknown.size - listed.length;
  throw new UserError(
    [
      `${formatCount(unknown.size)} example_id${unknown.size === 1 ? " is" : "s are"} not ${unknown.size === 1 ? "an item" : "items"} of the dataset ` +
        `${prepared.dataset.path} (version ${prepared.dataset.version}) of experiment ${prepared.name}; nothing was imported:`,
      ...listed,
      ...(more > 0 ? [`  … and ${formatCount(more)} more`] : []),
      "an example_id is the id of a dataset item: its own id field, else a hash of its content " +
        "(the item_id of every run of the experiment: `evalgate reports export RUN --artifact-format arize` lists them)",
    ].join("\n"),
  );
}

/** The record as a target's result: what `evalgate run` would have got from the target. */
function resultOf(record: ImportRecord, prepared: PreparedExperiment): TargetResult {
  const { call } = record;
  const toolCalls = normalizeToolCalls(call.tool_calls);
  const failed = call.error !== undefined;
  const result: TargetResult = {
    // On a failed call, null means the call left no output (an export writes null for none).
    ...(failed && record.output === null ? {} : { output: record.output }),
    latency_ms: call.latency_ms,
    attempts: call.attempts,
    ...(toolCalls !== undefined ? { tool_calls: toolCalls } : {}),
    ...(call.usage !== undefined ? { usage: call.usage } : {}),
    ...(call.cost !== undefined ? { cost: call.cost } : {}),
    ...(call.model !== undefined ? { model: call.model } : {}),
    ...(failed ? { error: call.error } : {}),
  };
  // As for a target's answer: a null output with no tool call is no answer (an error item, never
  // a pass), and a cost comes from the config's price table when the record gives none.
  return applyPrices(requireAnswer(result, { field: "output", response: record.output }), prepared.prices);
}

function missingResult(source: string): TargetResult {
  return { latency_ms: 0, attempts: 0, error: missingRecordError(source) };
}

/** undefined when cancelled mid-score: the item is not stored (as in a run). */
async function scoreOne(
  options: ImportOptions,
  item: Item,
  record: ImportRecord | undefined,
  result: TargetResult,
  runId: string,
  signal: AbortSignal,
): Promise<ScoredItem | undefined> {
  const { prepared } = options;
  const scorers = prepared.itemScorers.scorersFor(item);
  if (record === undefined) return { status: "error", scores: [] };
  if (!options.score) return scoreImportedItem(record, item, result, scorers, runId, prepared.passRule);
  const scored = await scoreItem(scorers, item, result, { runId, signal }, prepared.passRule);
  return signal.aborted ? undefined : scored;
}
