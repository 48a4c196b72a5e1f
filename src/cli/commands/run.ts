import path from "node:path";
import type { Command } from "commander";
import { renderRunSummary, statusText, type RunOwner } from "../../core/report/render-run-summary.js";
import { formatListing } from "../../core/report/format-listing.js";
import { prepareExperiment, type PreparedExperiment } from "../../engine/prepare-experiment.js";
import type { ExperimentConfig } from "../../core/config/schema.js";
import type { RunStore } from "../../store/run-store.js";
import { checkPinnedVersion, readVersionPins, type VersionFlags, type VersionPins } from "../version-pins.js";
import { runExperiment, type RunOutcome } from "../../engine/run-experiment.js";
import { readGitInfo } from "../../engine/git-info.js";
import type { Run } from "../../core/model/run.js";
import { formatCountOf, formatFraction } from "../../core/stats.js";
import { createProgressReporter } from "../progress.js";
import { findExperiment, loadConfigFile } from "../../engine/load-config.js";
import { MAX_CONCURRENCY, MAX_REPEAT } from "../../core/config/schema.js";
import { parseSamplingFlags } from "../../core/selection/parse-sampling-flags.js";
import { withShardSelection } from "../../core/selection/shard.js";
import { resolveVariant } from "../../core/resolve-variant.js";
import { UserError } from "../../core/errors.js";
import { beginLifecycleRun } from "../../engine/track-experiment-lifecycle.js";
import {
  globalOptions,
  parseFormat,
  parsePercent,
  parsePositiveInt,
  storeScheme,
  withStore,
  type CliIo,
} from "../cli-context.js";
import { exitCodeFor, type ExitCode } from "../exit-codes.js";
import { describeSelection } from "../../core/selection/describe-selection.js";
import { resumeCommand } from "../../core/resume-command.js";

export interface RunFlags {
  targetUrl?: string;
  name?: string;
  format: string;
  threshold?: string;
  concurrency?: string;
  resume?: string;
  /** false with `--no-cache`: judges are asked again. */
  cache?: boolean;
  sample?: string;
  rows?: string;
  split?: string;
  seed?: string;
  variant?: string;
  /** Run over the items the experiment's baseline locked, when the dataset file changed since. */
  locked?: boolean;
  shard?: string;
  /** Calls per item, overriding the experiment's `repeat`. */
  repeat?: string;
  /** Re-run a stored experiment version (a unique prefix is enough). */
  experimentVersion?: string;
  /** Run over a stored dataset version's items instead of the file. */
  datasetVersion?: string;
}

export function registerRunCommand(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  program
    .command("run")
    .description("run an experiment: call the target on every item, score, store, gate")
    .argument("<experiment>", "experiment name from the config file")
    .option("--target-url <url>", "base URL of the deployment (fills ${EVALGATE_TARGET_URL})")
    .option("--name <label>", "a label for this run (e.g. baseline, candidate, pr-42)")
    .option("--format <format>", "output: table, csv, json or jsonl", "table")
    .option("--threshold <percent>", "minimum pass rate in percent, overriding the gate's passed_threshold")
    .option("--concurrency <n>", "calls in flight at once, overriding the experiment's concurrency")
    .option("--resume <run-id>", "continue a killed or cancelled run: only missing or errored items run")
    .option("--no-cache", "ask LLM judges and embeddings again instead of reusing cached replies")
    .option("--sample <percent>", "run about this percentage (1-100) of the dataset's rows")
    .option("--rows <spec>", "run these zero-based rows only, e.g. 0,3-5,9")
    .option("--split <part:percent>", "run train:P (the first P% of rows, or hashed with --seed) or test:P (the rest)")
    .option("--seed <n>", "make --sample and --split reproducible: the same seed keeps the same rows")
    .option("--shard <i/n>", "run shard I of N (by a hash of each item id); join the N runs with evalgate runs merge")
    .option("--variant <name>", "run a variant of the experiment: its overrides go to the target (default: the baseline)")
    .option("--locked", "run over the items the experiment's baseline locked, though the dataset file changed since")
    .option("--repeat <k>", `call each item K times (1-${MAX_REPEAT}), overriding the experiment's repeat; pass_rule decides over the K`)
    .option("--experiment-version <v>", "re-run a stored experiment version (target, scorers, gate, settings) instead of evalgate.yml's")
    .option("--dataset-version <v>", "run over a stored dataset version's items instead of the dataset file")
    .action(async (name: string, flags: RunFlags, command: Command) => {
      setExit(await runExperimentCommand(name, flags, command, io));
    });
}

/** `evalgate run`: also what `runs regression-dataset --start-run` calls. Returns the exit code. */
export async function runExperimentCommand(name: string, flags: RunFlags, command: Command, io: CliIo): Promise<ExitCode> {
  const format = parseFormat(flags.format);
  const threshold = flags.threshold === undefined ? undefined : parsePercent("--threshold", flags.threshold);
  const concurrency =
    flags.concurrency === undefined ? undefined : parsePositiveInt("--concurrency", flags.concurrency, MAX_CONCURRENCY);
  // A run repeated otherwise is another experiment version: prepareExperiment applies it first.
  const repeat = flags.repeat === undefined ? undefined : parsePositiveInt("--repeat", flags.repeat, MAX_REPEAT);
  const selection = withShardSelection(parseSamplingFlags(flags), flags.shard);
  const { config, allowOutsideProject, store } = globalOptions(command);
  const loaded = await loadConfigFile(config, { allowOutsideProject });
  // Two `git` processes: started now, they overlap the dataset pass instead of delaying the first
  // request (10–25 ms in a 10,000-item run's profile). It never rejects.
  const git = readGitInfo(loaded.dir);
  const experiment = findExperiment(loaded, name);
  if (flags.targetUrl !== undefined && !JSON.stringify(experiment.target).includes("EVALGATE_TARGET_URL")) {
    // Said, not refused: `runs regression-dataset --start-run` passes the source run's URL to any experiment.
    io.stderr.write(
      `evalgate: warning: --target-url fills \${EVALGATE_TARGET_URL}, which experiments.${name}.target does not use, ` +
        `so ${flags.targetUrl} is not called; write url: \${EVALGATE_TARGET_URL}/… in evalgate.yml to test that deployment\n`,
    );
  }
  // Checked now, before anything is read or stored; a pinned experiment version's own variants decide below.
  if (flags.variant !== undefined && flags.experimentVersion === undefined) resolveVariant(name, experiment, flags.variant);
  if (flags.locked && selection) throw new UserError("--locked runs every locked item: leave out --sample, --rows, --split and --shard");
  if (repeat !== undefined && flags.experimentVersion !== undefined) {
    throw new UserError("--repeat makes another experiment version: leave it out with --experiment-version (the version's own repeat applies)");
  }
  const prepare = (pins?: VersionPins) =>
    prepareExperiment({
      name,
      experiment: pins?.experiment ?? experiment,
      configDir: loaded.dir,
      env: io.env,
      ...(flags.targetUrl ? { targetUrl: flags.targetUrl } : {}),
      ...(concurrency ? { concurrency } : {}),
      ...(repeat !== undefined ? { repeat } : {}),
      allowOutsideProject,
      locate: loaded.locate,
      prices: loaded.config.prices,
      ...(flags.cache !== false ? { cacheDir: judgeCacheDir(store) } : {}),
      ...(pins?.dataset ? { pinnedDataset: pins.dataset } : {}),
    });
  // Unpinned, everything is checked before the store is opened (a bad config creates no .evalgate/).
  const pinned = flags.experimentVersion !== undefined || flags.datasetVersion !== undefined;
  const preparedFromConfig = pinned ? undefined : await prepare();
  const outcome = await withStore(command, async (store) => {
    const prepared = preparedFromConfig ?? (await preparePinned(store, name, experiment, flags, prepare, io));
    const controller = new AbortController();
    const onSigint = () => {
      if (controller.signal.aborted) process.exit(130);
      io.stderr.write("\nstopping: finished items are kept (Ctrl-C again to quit at once)\n");
      controller.abort();
    };
    process.on("SIGINT", onSigint);
    const progress = createProgressReporter(io.stderr, name);
    const variant = flags.variant === undefined ? undefined : resolveVariant(name, prepared.experiment, flags.variant);
    const lifecycle = await beginLifecycleRun(store, prepared, variant?.variant, { locked: flags.locked === true });
    let ended: Run | undefined;
    try {
      const result = await runExperiment({
        prepared,
        store,
        git: await git,
        signal: controller.signal,
        onProgress: (p) => progress.update(p),
        ...(flags.name ? { label: flags.name } : {}),
        ...(flags.resume ? { resumeRunId: flags.resume } : {}),
        ...(threshold !== undefined ? { thresholdOverride: threshold } : {}),
        ...(selection ? { selection } : {}),
        ...(variant ? { variant: variant.variant, overrides: variant.overrides } : {}),
        ...(lifecycle.lockedItemIds ? { lockedItemIds: lifecycle.lockedItemIds } : {}),
      });
      ended = result.run;
      return result;
    } finally {
      await lifecycle.end(ended);
      progress.done();
      process.off("SIGINT", onSigint);
    }
  });
  io.stdout.write(renderOutcome(outcome, format));
  reportIncomplete(outcome, io);
  if (threshold !== undefined && outcome.run.verdict !== outcome.verdict.verdict) {
    io.stderr.write(
      `--threshold decided this command's verdict (${outcome.verdict.verdict}); the run is stored with ` +
        `its experiment's gate verdict (${outcome.run.verdict}), which later commands show\n`,
    );
  }
  return exitCodeFor(outcome.verdict);
}

/** Prepares a run of the stored versions `flags` name, and says on stderr which it uses. */
async function preparePinned(
  store: RunStore,
  name: string,
  experiment: ExperimentConfig,
  flags: VersionFlags,
  prepare: (pins: VersionPins) => Promise<PreparedExperiment>,
  io: CliIo,
): Promise<PreparedExperiment> {
  const pins = await readVersionPins(store, name, experiment, flags);
  const prepared = await prepare(pins);
  checkPinnedVersion(pins, prepared);
  const used = [
    ...(pins.experimentVersion ? [`experiment version ${prepared.version} (stored ${pins.experimentVersion.created_at})`] : []),
    ...(pins.dataset ? [`dataset version ${prepared.dataset.version} (stored, ${prepared.dataset.path}, ${formatCountOf(prepared.dataset.item_count, "item")})`] : []),
  ];
  io.stderr.write(`evalgate: running ${name} with ${used.join(" and ")}\n`);
  return prepared;
}

/** Beside the embedded store (`<store>/cache`); with a remote store, in the default `.evalgate/cache`. */
function judgeCacheDir(store: string): string {
  return path.join(storeScheme(store) === undefined ? store : ".evalgate", "cache");
}

function renderOutcome(outcome: RunOutcome, format: ReturnType<typeof parseFormat>): string {
  if (format === "table") return renderRunSummary(outcome.run, outcome.verdict) + "\n";
  return formatListing([runRow(outcome.run)], RUN_COLUMNS, format);
}

export const RUN_COLUMNS = [
  "id",
  "experiment",
  "label",
  "status",
  "verdict",
  "total",
  "passed",
  "failed",
  "errored",
  "pass_rate",
  "pass_rate_low",
  "pass_rate_high",
  "flaky",
  "selection",
  "started_at",
  "target",
  "experiment_version",
  "dataset_version",
];

/** `liveOwner`: the run's live lease (engine/run-lease.ts); a `running` run without one is listed as interrupted. */
export function runRow(run: Run, liveOwner?: RunOwner): Record<string, unknown> {
  return {
    id: run.id,
    experiment: run.experiment,
    label: run.label ?? null,
    status: statusText(run, liveOwner),
    verdict: run.verdict ?? null,
    // null, not "": a run that never ended has no summary, and a script must not read 0 or "".
    total: run.summary?.total ?? null,
    passed: run.summary?.passed ?? null,
    failed: run.summary?.failed ?? null,
    errored: run.summary?.errored ?? null,
    pass_rate: run.summary ? Number(formatFraction(run.summary.pass_rate)) : null,
    // The 95 % Wilson interval of the pass rate; null for runs stored before it was kept.
    pass_rate_low: run.summary?.pass_rate_ci95 ? Number(formatFraction(run.summary.pass_rate_ci95[0])) : null,
    pass_rate_high: run.summary?.pass_rate_ci95 ? Number(formatFraction(run.summary.pass_rate_ci95[1])) : null,
    flaky: run.summary?.flaky ?? null,
    // A sampled or shard run covers part of the dataset: scripts see which part.
    selection: run.selection ? describeSelection(run.selection) : null,
    started_at: run.started_at,
    target: run.target,
    // Which versions the run used: what `run --experiment-version/--dataset-version` re-runs.
    experiment_version: run.experiment_version,
    dataset_version: run.dataset_version,
  };
}

function reportIncomplete(outcome: RunOutcome, io: CliIo): void {
  const { run } = outcome;
  if (run.status === "cancelled") {
    io.stderr.write(`run ${run.id} cancelled; continue it with: ${resumeCommand(run)}\n`);
  } else if (run.status === "errored") {
    io.stderr.write(
      `run ${run.id}: ${outcome.incomplete ?? "the run could not complete"}\n` +
        `fix the target, then continue with: ${resumeCommand(run)}\n`,
    );
  } else if (run.status === "running" && outcome.incomplete !== undefined) {
    io.stderr.write(`${outcome.incomplete}\n`);
  }
}
