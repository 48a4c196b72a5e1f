import type { ExperimentConfig } from "../core/config/schema.js";
import { prepareExperiment } from "../engine/prepare-experiment.js";
import { runExperiment, type RunOptions } from "../engine/run-experiment.js";
import type { ItemProgress } from "../engine/stop-rules.js";
import type { RunStore } from "../store/run-store.js";
import type { ActionContext } from "./action-context.js";

/** Runs one experiment on the runner into a local store (published afterwards), logging progress. */
export async function runLocally(
  context: ActionContext,
  job: { name: string; experiment: ExperimentConfig; targetUrl: string },
  options: Pick<RunOptions, "label" | "role" | "pullRequest" | "git">,
) {
  const prepared = await prepareExperiment({
    name: job.name,
    experiment: job.experiment,
    configDir: context.configDir,
    env: context.env,
    targetUrl: job.targetUrl,
  });
  const store: RunStore = await context.openLocalStore(job.name);
  const outcome = await runExperiment({ prepared, store, ...options, onProgress: progressLogger(context, job.name) });
  const summary = outcome.run.summary;
  context.log.info(
    `run ${outcome.run.id}: ${outcome.run.status}, pass rate ${((summary?.pass_rate ?? 0) * 100).toFixed(1)}% of ${summary?.total ?? 0} items`,
  );
  return { ...outcome, store, datasetVersion: prepared.dataset.version };
}

/** A line every 5 s in the job log, and one at the end. */
function progressLogger(context: ActionContext, name: string) {
  let last = 0;
  return (progress: ItemProgress) => {
    const now = Date.now();
    if (now - last < 5000 && progress.done !== progress.total) return;
    last = now;
    context.log.info(
      `${name}: ${progress.done}/${progress.total} items · ${progress.passed} passed, ${progress.failed} failed, ${progress.errored} errors`,
    );
  };
}
