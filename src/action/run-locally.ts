import path from "node:path";
import type { ExperimentConfig } from "../core/config/schema.js";
import { prepareExperiment } from "../engine/prepare-experiment.js";
import { formatProgressLine, LOG_PROGRESS_INTERVAL_MS } from "../engine/progress-line.js";
import { runExperiment, type RunOptions, type RunOutcome } from "../engine/run-experiment.js";
import type { ItemProgress } from "../engine/stop-rules.js";
import type { RunStore } from "../store/run-store.js";
import type { ActionContext } from "./action-context.js";
import { ExperimentNotPrepared } from "./public-failure-text.js";
import { formatPercent } from "../core/stats.js";
import { resolveVariant } from "../core/resolve-variant.js";

/** A run made on the runner: the engine's outcome, the local store holding it, its dataset version. */
export interface LocalRun extends RunOutcome {
  store: RunStore;
  datasetVersion: string;
}

/** Runs one experiment on the runner into a local store (published afterwards), logging progress. */
export async function runLocally(
  context: ActionContext,
  job: { name: string; experiment: ExperimentConfig; targetUrl: string },
  options: Pick<RunOptions, "label" | "role" | "pullRequest" | "git" | "selection">,
): Promise<LocalRun> {
  const prepared = await prepareExperiment({
    name: job.name,
    experiment: job.experiment,
    configDir: context.configDir,
    env: context.configEnv,
    targetUrl: job.targetUrl,
    prices: context.prices,
    // Shared by the job's experiments: a judge asked the same question twice is asked once.
    cacheDir: path.join(context.workDir, "cache"),
  }).catch((error: unknown) => {
    throw new ExperimentNotPrepared(job.name, error);
  });
  // The `variant` input changes the candidate's runs: a baseline is, by definition, no variant.
  const variantName = options.role === "baseline" ? undefined : context.settings.variant;
  const variant = variantName === undefined ? {} : resolveVariant(job.name, job.experiment, variantName);
  const store: RunStore = await context.openLocalStore(job.name);
  const outcome = await runExperiment({ prepared, store, ...options, ...variant, onProgress: progressLogger(context, job.name) });
  const summary = outcome.run.summary;
  context.log.info(
    `run ${outcome.run.id}: ${outcome.run.status}, pass rate ${formatPercent(summary?.pass_rate ?? 0)} of ${summary?.total ?? 0} items`,
  );
  return { ...outcome, store, datasetVersion: prepared.dataset.version };
}

/** A line every 5 s in the job log, and one at the end. */
function progressLogger(context: ActionContext, name: string) {
  const started = Date.now();
  let last = 0;
  return (progress: ItemProgress) => {
    const now = Date.now();
    if (now - last < LOG_PROGRESS_INTERVAL_MS && progress.done !== progress.total) return;
    last = now;
    context.log.info(`${name}: ${formatProgressLine(progress, now - started)}`);
  };
}
