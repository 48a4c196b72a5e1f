import { readFile, rename, stat, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { EXPERIMENT_NAME, MAX_EXPERIMENT_NAME_LENGTH } from "../../core/config/schema.js";
import { UserError } from "../../core/errors.js";
import type { Run } from "../../core/model/run.js";
import { planRegressionChange, regressionTargets } from "../../core/regression/plan-regression-change.js";
import { RegressionPlanError } from "../../core/regression/regression-errors.js";
import { selectItems } from "../../core/regression/select-items.js";
import { findExperiment, loadConfigFile } from "../../engine/load-config.js";
import { globalOptions, requireRun, withStore, type CliIo } from "../cli-context.js";
import type { RunStore } from "../../store/run-store.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { regressionErrorText } from "../regression-error-text.js";
import { runExperimentCommand } from "./run.js";
import { formatCountOf } from "../../core/stats.js";

interface RegressionFlags {
  name?: string;
  runItemId: string[];
  startRun?: boolean;
  targetUrl?: string;
}

/**
 * `evalgate runs regression-dataset`: the failed items of a run (or the named run items) become a
 * regression dataset beside the config, with an experiment over it — what `/eval regression`
 * commits on a pull request, written to the working tree instead.
 */
export function registerRegressionDatasetCommand(runs: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  runs
    .command("regression-dataset")
    .description("turn a run's failed items into a regression dataset and experiment in evalgate.yml")
    .argument("<run>", "run id (or a unique prefix)")
    .option("--name <name>", "the regression experiment and dataset name (default <experiment>-regressions)")
    .option("--run-item-id <id>", "only this run item (repeatable)", (id: string, ids: string[]) => [...ids, id], [])
    .option("--start-run", "run the regression experiment right away, against the source run's target")
    .option("--target-url <url>", "with --start-run: run against this deployment instead of the source run's")
    .action(async (runId: string, flags: RegressionFlags, command: Command) => {
      const { config: configFile, allowOutsideProject } = globalOptions(command);
      const written = await withStore(command, (store) =>
        writeRegressionDataset(store, runId, flags, configFile, io, allowOutsideProject),
      );
      if (!flags.startRun || written === undefined) return setExit(EXIT.pass);
      const targetUrl =
        flags.targetUrl ?? (await sourceTargetUrl(configFile, allowOutsideProject, written.experiment, written.sourceRun));
      const runFlags = { format: "table", ...(targetUrl !== undefined ? { targetUrl } : {}) };
      setExit(await runExperimentCommand(written.experiment, runFlags, command, io));
    });
}

async function writeRegressionDataset(
  store: RunStore,
  runId: string,
  flags: RegressionFlags,
  configFile: string,
  io: CliIo,
  allowOutsideProject: boolean,
): Promise<{ experiment: string; sourceRun: Run } | undefined> {
  const run = await requireRun(store, runId);
  if (flags.name !== undefined && (!EXPERIMENT_NAME.test(flags.name) || flags.name.length > MAX_EXPERIMENT_NAME_LENGTH)) {
    throw new UserError(
      `--name: use letters, digits, '.', '_' and '-', at most ${MAX_EXPERIMENT_NAME_LENGTH} characters`,
    );
  }
  // Validated first (size, UTF-8, inside the project, a valid config): only then is it rewritten.
  await loadConfigFile(configFile, { allowOutsideProject });
  const configText = await readFile(configFile, "utf8");
  const configDir = path.dirname(path.resolve(configFile));
  try {
    const selections = await selectItems(store, [run], flags.runItemId);
    if (selections.length === 0) {
      io.stderr.write(`run ${run.id} has no failed or errored items: nothing to add\n`);
      return undefined;
    }
    const targets = regressionTargets(selections, path.basename(configFile), flags.name);
    const existingDatasets = new Map<string, string>();
    for (const target of targets) {
      const text = await readExistingDataset(path.join(configDir, target.configDataset), target.configDataset);
      if (text !== undefined) existingDatasets.set(target.datasetPath, text);
    }
    const change = planRegressionChange({
      configPath: path.basename(configFile),
      configText,
      sourceConfigText: configText,
      targets,
      existingDatasets,
      addedAt: new Date().toISOString(),
      origin: `evalgate runs regression-dataset ${run.id}`,
      collected: `by evalgate runs regression-dataset ${run.id}`,
    });
    for (const file of change.files) await writeAtomically(path.join(configDir, file.path), file.content);
    for (const dataset of change.datasets) {
      const what = dataset.added.length > 0 ? `added ${formatCountOf(dataset.added.length, "item")}` : "nothing new";
      const already = dataset.alreadyPresent.length > 0 ? ` (${dataset.alreadyPresent.length} already there)` : "";
      const experiment = dataset.experimentAdded ? `; added experiment ${dataset.name} to ${configFile}` : "";
      io.stdout.write(`${dataset.configDataset}: ${what}${already}${experiment}\n`);
    }
    const experiment = targets[0]?.name;
    return experiment === undefined ? undefined : { experiment, sourceRun: run };
  } catch (error) {
    // The shared planning reports facts; the CLI words them, as a usage error.
    if (error instanceof RegressionPlanError) throw new UserError(regressionErrorText(error, run, configFile));
    throw error;
  }
}

/**
 * The base URL (`${EVALGATE_TARGET_URL}`) that made the source run's target: the regression
 * experiment copies the source's target, so the source run's URL minus the template's fixed
 * parts is the deployment it ran against. Undefined when the template does not use the variable
 * (the URL is fixed in the config). Throws `UserError` when the source run's URL does not fit
 * the template, rather than run against the config's default deployment.
 */
async function sourceTargetUrl(
  configFile: string,
  allowOutsideProject: boolean,
  experiment: string,
  sourceRun: Run,
): Promise<string | undefined> {
  const loaded = await loadConfigFile(configFile, { allowOutsideProject });
  const target = findExperiment(loaded, experiment).target;
  if (target.type !== "http") return undefined;
  const [prefix, ...rest] = target.url.split("${EVALGATE_TARGET_URL}");
  if (rest.length !== 1 || prefix !== "") return undefined;
  const suffix = rest[0]!;
  if (!sourceRun.target.endsWith(suffix) || sourceRun.target.length === suffix.length) {
    throw new UserError(
      `--start-run: cannot tell the deployment run ${sourceRun.id} called (${sourceRun.target}) from ` +
        `${experiment}'s target url ${target.url}; pass --target-url`,
    );
  }
  return sourceRun.target.slice(0, sourceRun.target.length - suffix.length);
}

/** A file is replaced whole or not at all: a crash never leaves half a dataset or config. */
/** The dataset already there, or undefined; a named pipe there is refused, not waited on forever. */
async function readExistingDataset(file: string, shown: string): Promise<string | undefined> {
  const stats = await stat(file).catch(() => undefined);
  if (stats === undefined) return undefined;
  if (!stats.isFile()) throw new UserError(`${shown}: not a file; the regression dataset must be a .jsonl file`);
  return readFile(file, "utf8").catch(() => undefined);
}

async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, content);
  await rename(partial, file);
}
