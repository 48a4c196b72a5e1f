import { UserError } from "../core/errors.js";
import { isCompleteRun, type Run } from "../core/model/run.js";
import { parseShard } from "../core/selection/shard.js";
import { mergeShardRuns } from "../engine/merge-shard-runs.js";
import type { RunStore } from "../store/run-store.js";
import type { ActionContext } from "./action-context.js";
import type { LocalRun } from "./run-locally.js";

/**
 * `mode: merge`: the shard runs the `shard` jobs published (results branch or store-url) for `headSha`, joined
 * into one run in the runner's local store (published afterwards like any candidate run). A shard
 * job retried by hand may have stored two runs of one shard: the newest complete one counts.
 */
export async function mergeCandidateShards(
  context: ActionContext,
  job: { name: string; headSha: string },
): Promise<LocalRun> {
  const refs = await context.results.findRuns({ experiment: job.name, commit: job.headSha, role: "candidate" });
  const shardRuns: Run[] = [];
  for (const ref of refs) {
    const run = await context.results.getRun(ref.runId);
    if (run?.selection?.mode === "shard") shardRuns.push(run);
  }
  if (shardRuns.length === 0) {
    throw new UserError(
      `mode: merge found no shard runs of ${job.name} for ${job.headSha.slice(0, 7)} on ${context.resultsName}: ` +
        "run the shard jobs first (shard: I/N in a matrix) and make the merge job `needs:` them",
    );
  }
  const chosen = newestPerShard(shardRuns);
  const store = await context.openLocalStore(job.name);
  for (const run of chosen) await copyRun(context, store, run);
  const merged = await mergeShardRuns(store, chosen);
  context.log.info(
    `run ${merged.run.id}: merged ${chosen.length} shard runs of ${job.name} (${chosen.map((run) => run.id).join(", ")}): ${merged.run.status}`,
  );
  return { ...merged, store, datasetVersion: merged.run.dataset_version };
}

/**
 * Newest first in, one run per shard of the newest run's shard count out: a complete run where one
 * exists, else the newest, which the merge then refuses by name as incomplete.
 */
function newestPerShard(runs: Run[]): Run[] {
  const sorted = [...runs].sort((a, b) => (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0));
  const count = parseShard(sorted[0]!.selection!.value).count;
  const byIndex = new Map<number, Run>();
  for (const run of sorted) {
    const shard = parseShard(run.selection!.value);
    if (shard.count !== count) continue;
    const kept = byIndex.get(shard.index);
    if (kept === undefined || (!isCompleteRun(kept) && isCompleteRun(run))) byIndex.set(shard.index, run);
  }
  return [...byIndex.values()];
}

async function copyRun(context: ActionContext, store: RunStore, run: Run): Promise<void> {
  if ((await store.getExperimentVersion(run.experiment, run.experiment_version)) === undefined) {
    const version = await context.results.getExperimentVersion(run.experiment, run.experiment_version);
    if (version) await store.saveExperimentVersion(version);
  }
  await store.createRun(run);
  for await (const item of context.results.runItems(run.id)) await store.putRunItem(item);
}
