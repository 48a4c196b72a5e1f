import { decideVerdict, type GateVerdict } from "../core/gate.js";
import { newRunId } from "../core/model/ids.js";
import type { Run, RunStatus } from "../core/model/run.js";
import {
  duplicateItemError,
  mergedRunItem,
  mergedTimes,
  planShardMerge,
} from "../core/selection/merge-shard-runs.js";
import { UserError } from "../core/errors.js";
import { withAttemptScoreIds } from "../core/repeats/repeat-attempt.js";
import { storedGateOf } from "../core/stored-gate.js";
import { createRunSummaryAccumulator } from "../core/summarize-run.js";
import type { RunStore } from "../store/run-store.js";

export interface MergedRun {
  run: Run;
  verdict: GateVerdict;
}

/**
 * Joins the complete shard runs `runIds` into one new run equal to an unsharded run item for item,
 * judged by the gate stored with their experiment version. Throws `UserError` for an overlap, a
 * missing or incomplete shard, or mismatched versions; checked before anything is stored, except
 * an item in two shards, found while copying (the half-merged run is then left errored).
 */
export async function mergeShardRuns(
  store: RunStore,
  runs: Run[],
  now: () => Date = () => new Date(),
): Promise<MergedRun> {
  refuseMixedRepeats(runs);
  const plan = planShardMerge(runs);
  const version = await store.getExperimentVersion(plan.base.experiment, plan.base.experiment_version);
  const { gate, maxErrorRate, cluster } = storedGateOf(plan.runs[0]!.id, plan.base.experiment_version, version?.definition);
  const times = mergedTimes(plan.runs);
  const repeat = plan.runs[0]!.repeat;
  const run: Run = {
    ...plan.base,
    id: newRunId(now()),
    started_at: times.started_at,
    status: "running",
    ...(repeat !== undefined ? { repeat } : {}),
  };
  await store.createRun(run);

  const accumulator = createRunSummaryAccumulator({ cluster });
  const seen = new Map<string, string>();
  try {
    for (const shard of plan.runs) {
      for await (const item of store.runItems(shard.id)) {
        const other = seen.get(item.item_id);
        if (other !== undefined) throw duplicateItemError(item.item_id, [other, shard.id]);
        seen.set(item.item_id, shard.id);
        const merged = withAttemptScoreIds(mergedRunItem(item, run.id), run.id);
        await store.putRunItem(merged);
        accumulator.add(merged);
      }
    }
  } catch (error) {
    await store.endRun(run.id, { status: "errored", ended_at: now().toISOString() });
    throw error;
  }
  const summary = accumulator.summary();
  // As the engine ends an unsharded run: errors above max_error_rate, or all errors, leave it errored.
  const errored = summary.errored > maxErrorRate * summary.total || (summary.total > 0 && summary.errored === summary.total);
  const verdict = decideVerdict({
    gate,
    maxErrorRate,
    status: errored ? "errored" : "ended",
    itemCount: run.item_count,
    summary,
  });
  const status: RunStatus = errored ? "errored" : verdict.verdict === "pass" ? "passed" : "failed";
  const ended = { status, ended_at: times.ended_at, summary, verdict: verdict.verdict, verdict_reasons: verdict.reasons };
  await store.endRun(run.id, ended);
  return { run: { ...run, ...ended }, verdict };
}

/**
 * Shards that call each item a different number of times are not one run: their items' statuses
 * were decided over different repeats. Checked before the versions, to say what differs.
 */
function refuseMixedRepeats(runs: readonly Run[]): void {
  const first = runs[0];
  if (first === undefined) return;
  const other = runs.find((run) => (run.repeat ?? 1) !== (first.repeat ?? 1));
  if (other === undefined) return;
  throw new UserError(
    `runs merge: run ${other.id} calls each item ${other.repeat ?? 1} time(s) but run ${first.id} ${first.repeat ?? 1}; ` +
      "merge only the shards of one run (started with the same repeat)",
  );
}
