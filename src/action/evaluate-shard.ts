import type { ExperimentConfig } from "../core/config/schema.js";
import { UserError } from "../core/errors.js";
import { isCompleteRun } from "../core/model/run.js";
import type { Shard } from "../core/selection/shard.js";
import { formatShard } from "../core/selection/shard.js";
import { formatPercent } from "../core/stats.js";
import type { ActionContext } from "./action-context.js";
import { runLocally } from "./run-locally.js";

export interface ShardJob {
  name: string;
  experiment: ExperimentConfig;
  shard: Shard;
  pullRequest?: number;
  headSha: string;
  headRef?: string;
  candidateUrl: string;
}

/**
 * `shard: I/N`: runs that shard and publishes its run (results branch or store-url) for the `mode: merge`
 * job. No check and no comment: a shard's pass rate is not the pull request's, so only the merge
 * job judges. Throws when the run cannot be stored, since the merge would then miss a shard.
 */
export async function evaluateShard(context: ActionContext, job: ShardJob): Promise<{ jobSummary: string }> {
  const shard = formatShard(job.shard);
  const outcome = await runLocally(
    context,
    { name: job.name, experiment: job.experiment, targetUrl: job.candidateUrl },
    {
      label: job.pullRequest !== undefined ? `pr-${job.pullRequest}` : "merge-group",
      ...(job.pullRequest !== undefined ? { pullRequest: job.pullRequest } : {}),
      role: "candidate",
      git: { commit: job.headSha, ...(job.headRef ? { branch: job.headRef } : {}) },
      selection: { mode: "shard", value: shard },
    },
  );
  await context.results.publishFrom(outcome.store, outcome.run.id);
  context.log.info(`stored run ${outcome.run.id} (shard ${shard}) on ${context.resultsName}`);
  const { run } = outcome;
  if (!isCompleteRun(run)) {
    // Stored all the same: `--resume` is not offered on a runner, but the merge names this run.
    throw new UserError(`shard ${shard} run ${run.id} is ${run.status}: ${outcome.incomplete ?? "it did not complete"}; re-run this shard's job`);
  }
  const summary = run.summary;
  return {
    jobSummary:
      `### evalgate / ${job.name}: shard ${shard}\n\n` +
      `Run \`${run.id}\` ${run.status}: ${summary?.passed ?? 0} of ${summary?.total ?? 0} items passed ` +
      `(${formatPercent(summary?.pass_rate ?? 0)}), ${summary?.errored ?? 0} errored. ` +
      `Stored on ${context.settings["store-url"] ? context.resultsName : `\`${context.resultsName}\``}; the \`mode: merge\` job joins the shards, compares with the baseline and reports.\n`,
  };
}
