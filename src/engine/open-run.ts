import { UserError } from "../core/errors.js";
import { newRunId } from "../core/model/ids.js";
import type { Run } from "../core/model/run.js";
import type { SelectionSpec } from "../core/selection/item-selector.js";
import { checkResumedSelection, withDrawnSeed } from "../core/selection/parse-sampling-flags.js";
import { selectsByPosition } from "../core/selection/row-order.js";
import { resumeCommand } from "../core/resume-command.js";
import { changedFiles } from "../core/config/experiment-version.js";
import type { RunStore } from "../store/run-store.js";
import { takeRunLease, type HeldRunLease } from "./run-lease.js";
import { checkResumedRowOrder, countSelection } from "./select-items.js";
import type { PreparedExperiment } from "./prepare-experiment.js";
import type { RunOptions } from "./run-experiment.js";

/**
 * Starts a new run, or reopens `options.resumeRunId`, and takes its lease: from here on no other
 * process calls the target for it. Saves the experiment version before the run record, so a
 * stored run always has the definition that judges it (a resume, once its checks pass). Throws
 * `UserError` for a resume that cannot be honoured, having stored nothing.
 */
export async function openRun(options: RunOptions, now: () => Date): Promise<{ run: Run; lease: HeldRunLease }> {
  const { prepared, store } = options;
  if (options.resumeRunId) return reopenRun(store, options.resumeRunId, prepared, now, options.selection, options.variant);
  const selection = options.selection ? await countSelection(prepared, withDrawnSeed(options.selection)) : undefined;
  const run: Run = {
    ...newRunOf(prepared, prepared.target.description, now),
    // A selected run covers its selected items; dataset_version stays the whole file's.
    item_count: options.lockedItemIds?.size ?? selection?.selected ?? prepared.dataset.item_count,
    ...(options.label ? { label: options.label } : {}),
    ...(options.role ? { role: options.role } : {}),
    ...(options.pullRequest ? { pull_request: options.pullRequest } : {}),
    ...(options.git?.commit ? { git_commit: options.git.commit } : {}),
    ...(options.git?.branch ? { git_branch: options.git.branch } : {}),
    ...(selection ? { selection } : {}),
    ...(options.variant ? { variant: options.variant } : {}),
    ...(prepared.repeats.repeat > 1 ? { repeat: prepared.repeats.repeat } : {}),
  };
  // Saved once nothing can refuse the run any more, and before its record.
  await saveVersion(store, prepared, now);
  await store.createRun(run);
  return { run, lease: await takeRunLease(store, run.id, now) };
}

/** Keeps the experiment version a new run is made of (once per version: saving it again changes nothing). */
export async function saveVersion(store: RunStore, prepared: PreparedExperiment, now: () => Date): Promise<void> {
  await store.saveExperimentVersion({
    experiment: prepared.name,
    version: prepared.version,
    definition: prepared.definition,
    created_at: now().toISOString(),
  });
}

/**
 * Keeps the dataset version's items in the store, once per version (a store that has it reads
 * nothing), so any run can be made again over exactly its items after the file changed
 * (`run --dataset-version`). Resolves true when it stored them now.
 */
export function keepDatasetVersion(store: RunStore, prepared: PreparedExperiment, now: () => Date): Promise<boolean> {
  const { dataset } = prepared;
  return store.putDatasetVersion(
    { version: dataset.version, dataset_path: dataset.path, item_count: dataset.item_count, created_at: now().toISOString() },
    prepared.readItems(),
  );
}

/** A new run of `prepared` over its whole dataset version, `running` from now, calling `target` (a URL, command or "import:<file>"). */
export function newRunOf(prepared: PreparedExperiment, target: string, now: () => Date): Run {
  return {
    id: newRunId(now()),
    experiment: prepared.name,
    experiment_version: prepared.version,
    dataset_path: prepared.dataset.path,
    dataset_version: prepared.dataset.version,
    item_count: prepared.dataset.item_count,
    target,
    started_at: now().toISOString(),
    status: "running",
  };
}

/**
 * A resumed run must be the same experiment version over the same dataset version, or its result
 * would mix two; and no other live process may be running it. An ended run is running again.
 */
async function reopenRun(
  store: RunStore,
  runId: string,
  prepared: PreparedExperiment,
  now: () => Date,
  selection: SelectionSpec | undefined,
  variant?: string,
): Promise<{ run: Run; lease: HeldRunLease }> {
  const run = await store.getRun(runId);
  if (!run) throw new UserError(`--resume: no run "${runId}" in this store (see \`evalgate runs list\`)`);
  if (run.experiment !== prepared.name) {
    throw new UserError(`--resume ${run.id}: that run is of experiment "${run.experiment}", not "${prepared.name}"`);
  }
  // Checked before the version (which includes repeat) to say what to type instead.
  const repeat = run.repeat ?? 1;
  if (repeat !== prepared.repeats.repeat) {
    throw new UserError(
      `--resume ${run.id}: that run calls each item ${repeat} time${repeat === 1 ? "" : "s"}, not ${prepared.repeats.repeat}; ` +
        `resume it with --repeat ${repeat}, or start a new run`,
    );
  }
  await checkResumedVersions(store, run, prepared);
  checkResumedSelection(run.id, run.selection, selection);
  await checkResumedRowOrder(run, prepared);
  // The rest of a variant's run must get the same overrides as its start.
  if (run.variant !== variant) {
    const as = (name: string | undefined) => (name === undefined ? "the baseline (no --variant)" : `variant ${name}`);
    throw new UserError(`--resume ${run.id}: that run is of ${as(run.variant)}, not ${as(variant)}; resume it with ${run.variant === undefined ? "no --variant" : `--variant ${run.variant}`}`);
  }
  // Only now: a refused resume must not leave behind a version that no run was made of.
  await saveVersion(store, prepared, now);
  const lease = await takeRunLease(store, run.id, now);
  try {
    // Read again under the lease: the previous holder may have ended the run meanwhile.
    const current = (await store.getRun(run.id)) ?? run;
    if (current.status === "running") return { run: current, lease };
    await store.reopenRun(run.id);
    return { run: runningAgain(current), lease };
  } catch (error) {
    await lease.release();
    throw error;
  }
}

/**
 * A resumed run is the same experiment version over the same dataset version, or its result would
 * mix two. When the files changed since, the run can still be continued over the versions it
 * started with, which the store keeps: the refusal names that command (not for a selection by row
 * position over a changed dataset: a stored version keeps no file order, see select-items.ts).
 */
async function checkResumedVersions(store: RunStore, run: Run, prepared: PreparedExperiment): Promise<void> {
  const experimentChanged = run.experiment_version !== prepared.version;
  const datasetChanged = run.dataset_version !== prepared.dataset.version;
  if (!experimentChanged && !datasetChanged) return;
  const changed = [
    ...(experimentChanged ? [`the experiment version (${run.experiment_version} → ${prepared.version})`] : []),
    ...(datasetChanged ? [`the dataset version (${run.dataset_version} → ${prepared.dataset.version})`] : []),
  ].join(" and ");
  throw new UserError(`--resume ${run.id}: ${changed} changed since the run started; ${await howToContinue(store, run, prepared, experimentChanged, datasetChanged)}`);
}

/** What continues a run whose files changed: its stored versions, unless what they cannot hold changed too. */
async function howToContinue(store: RunStore, run: Run, prepared: PreparedExperiment, experimentChanged: boolean, datasetChanged: boolean): Promise<string> {
  if (datasetChanged && run.selection !== undefined && selectsByPosition(run.selection)) {
    return "start a new run instead (its rows, picked by position, are not kept with a stored version)";
  }
  if (experimentChanged) {
    const stored = await store.getExperimentVersion(run.experiment, run.experiment_version);
    if (stored === undefined) return "start a new run instead";
    // A stored version knows files (scorer modules, prompt files) by digest alone: changed, they cannot be run again.
    const files = changedFiles(stored.definition, prepared.definition);
    if (files.length > 0) return `these files changed since (their content is not stored): ${files.join(", ")}; restore them to continue it, or start a new run`;
  }
  const pins = {
    ...(experimentChanged ? { experimentVersion: run.experiment_version } : {}),
    ...(datasetChanged ? { datasetVersion: run.dataset_version } : {}),
  };
  return `continue it over the versions it started with: ${resumeCommand(run, pins)}, or start a new run`;
}

function runningAgain(run: Run): Run {
  const { ended_at: _endedAt, summary: _summary, verdict: _verdict, verdict_reasons: _reasons, ...open } = run;
  return { ...open, status: "running" };
}
