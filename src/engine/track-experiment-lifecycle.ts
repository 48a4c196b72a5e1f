import {
  nextExperimentStatus,
  recoverInterruptedStatus,
  type ExperimentState,
  type ExperimentStatus,
} from "../core/experiment-lifecycle.js";
import { UserError } from "../core/errors.js";
import type { Run } from "../core/model/run.js";
import type { RunStore } from "../store/run-store.js";
import type { PreparedExperiment } from "./prepare-experiment.js";
import { formatCountOf } from "../core/stats.js";

/** The lifecycle of one run of an experiment with variants: `end` records how the run ended (undefined: it never started). */
export interface LifecycleRun {
  /** With `--locked` over a changed dataset file: the baseline's item ids, the only ones to run. */
  lockedItemIds?: ReadonlySet<string>;
  end(run: Run | undefined): Promise<void>;
}

const NOT_TRACKED: LifecycleRun = { end: async () => undefined };

/** How many of an experiment's newest runs are read to find its baseline when no state is stored. */
const RUNS_READ = 200;

/** How many missing item ids a refusal names. */
const MISSING_SHOWN = 5;

/**
 * Moves an experiment with variants to `running_baseline` or `running_variant`, after checking
 * the lock: once a baseline completed, every run must be over the baseline's items, so a dataset
 * file that changed since is refused, or with `locked` run over the baseline's item ids only.
 * Experiments without variants have no lifecycle.
 */
export async function beginLifecycleRun(
  store: RunStore,
  prepared: PreparedExperiment,
  variant: string | undefined,
  options: { locked?: boolean; now?: () => Date } = {},
): Promise<LifecycleRun> {
  const now = options.now ?? (() => new Date());
  if (prepared.experiment.variants === undefined) {
    if (options.locked) throw new UserError(`--locked: experiment "${prepared.name}" has no variants, so nothing locks its items`);
    return NOT_TRACKED;
  }
  const experiment = prepared.name;
  const stored = (await store.getExperimentState(experiment)) ?? (await stateFromRuns(store, experiment));
  const lockedBy = stored?.baseline_run_id;
  // A running status left behind by a killed process must not refuse every later run.
  const status = recoverInterruptedStatus(stored?.status ?? "draft", lockedBy !== undefined);
  const running = nextExperimentStatus(experiment, status, variant === undefined ? "start_baseline" : "start_variant");
  if (options.locked && lockedBy === undefined) {
    throw new UserError(`--locked: experiment "${experiment}" has no completed baseline yet, so no items are locked; run it without --locked`);
  }
  const lockedItemIds = lockedBy === undefined ? undefined : await lockedItems(store, prepared, lockedBy, options.locked === true);
  const save = (next: ExperimentStatus, baselineRunId: string | undefined) =>
    store.setExperimentState({
      experiment,
      status: next,
      ...(baselineRunId !== undefined ? { baseline_run_id: baselineRunId } : {}),
      updated_at: now().toISOString(),
    } satisfies ExperimentState);
  await save(running, lockedBy);
  return {
    ...(lockedItemIds !== undefined ? { lockedItemIds } : {}),
    async end(run) {
      // No run started (a refused --resume, a store error): the experiment is where it was.
      if (run === undefined) return save(status, lockedBy);
      if (running === "running_variant") return save(nextExperimentStatus(experiment, running, "variant_ended"), lockedBy);
      // A baseline over part of the dataset (a sample, rows, one shard) locks nothing: the
      // experiment stays where it was, and a full or merged baseline completes it later.
      if (run.selection !== undefined) return save(status, lockedBy);
      // A baseline whose items all ran completes, whatever its gate said; an errored or cancelled one failed.
      const completed = run.status === "passed" || run.status === "failed";
      if (completed) return save(nextExperimentStatus(experiment, running, "baseline_passed"), run.id);
      return save(nextExperimentStatus(experiment, running, "baseline_failed"), lockedBy);
    },
  };
}

/**
 * No state stored (runs made before variants were declared, or a results branch, whose staging
 * store starts empty on each runner): the newest completed baseline run, when there is one, has
 * completed the baseline and locks the items.
 */
async function stateFromRuns(store: RunStore, experiment: string): Promise<ExperimentState | undefined> {
  const runs = await store.listRuns({ experiment, limit: RUNS_READ });
  const baseline = runs.find(
    (run) => run.variant === undefined && run.selection === undefined && (run.status === "passed" || run.status === "failed"),
  );
  if (baseline === undefined) return undefined;
  return { experiment, status: "baseline_complete", baseline_run_id: baseline.id, updated_at: baseline.ended_at ?? baseline.started_at };
}

/**
 * The dataset version is a content hash of the items: the same version, the same locked items
 * (undefined: nothing to filter). A changed file is refused, or with `locked` gives the
 * baseline's item ids, each of which must still be in the file.
 */
async function lockedItems(
  store: RunStore,
  prepared: PreparedExperiment,
  baselineRunId: string,
  locked: boolean,
): Promise<ReadonlySet<string> | undefined> {
  const baseline = await store.getRun(baselineRunId);
  if (baseline === undefined || baseline.dataset_version === prepared.dataset.version) return undefined;
  const lockedBy = `its items are locked by baseline run ${baseline.id} (dataset version ${baseline.dataset_version}, ${formatCountOf(baseline.item_count, "item")})`;
  if (!locked) {
    throw new UserError(
      `experiment "${prepared.name}": ${lockedBy}, and ${prepared.dataset.path} changed since ` +
        `(dataset version ${prepared.dataset.version}); restore the file, or run over the locked items with --locked`,
    );
  }
  const ids = new Set((await store.runItemStatuses(baseline.id)).keys());
  const missing = new Set(ids);
  for await (const item of prepared.readItems()) missing.delete(item.id);
  if (missing.size > 0) {
    const shown = [...missing].slice(0, MISSING_SHOWN).join(", ");
    throw new UserError(
      `--locked: experiment "${prepared.name}": ${lockedBy}, and ${missing.size} of them are no longer in ` +
        `${prepared.dataset.path} (${shown}${missing.size > MISSING_SHOWN ? ", …" : ""}); restore them to run the locked items`,
    );
  }
  return ids;
}
