import { readFile, rename, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import { CommandError } from "../../bot/bot-deps.js";
import { planRegressionChange, regressionTargets } from "../../bot/regression/plan-regression-change.js";
import { selectItems } from "../../bot/regression/select-items.js";
import { globalOptions, requireRun, withStore, type CliIo } from "../cli-context.js";
import type { RunStore } from "../../store/run-store.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { runExperimentCommand } from "./run.js";

interface RegressionFlags {
  name?: string;
  runItemId: string[];
  startRun?: boolean;
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
    .option("--start-run", "run the regression experiment right away")
    .action(async (runId: string, flags: RegressionFlags, command: Command) => {
      const configFile = globalOptions(command).config;
      const written = await withStore(command, (store) => writeRegressionDataset(store, runId, flags, configFile, io));
      if (!flags.startRun || written === undefined) return setExit(EXIT.pass);
      setExit(await runExperimentCommand(written, { format: "table" }, command, io));
    });
}

async function writeRegressionDataset(
  store: RunStore,
  runId: string,
  flags: RegressionFlags,
  configFile: string,
  io: CliIo,
): Promise<string | undefined> {
  const run = await requireRun(store, runId);
  if (flags.name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(flags.name)) {
    throw new UserError(`--name "${flags.name}": use letters, digits, '.', '_' and '-'`);
  }
  const configText = await readFile(configFile, "utf8").catch(() => {
    throw new UserError(`${configFile}: config file not found (pass --config FILE)`);
  });
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
      const text = await readFile(path.join(configDir, target.configDataset), "utf8").catch(() => undefined);
      if (text !== undefined) existingDatasets.set(target.datasetPath, text);
    }
    const change = planRegressionChange({
      configPath: path.basename(configFile),
      configText,
      sourceConfigText: configText,
      targets,
      existingDatasets,
      pullRequest: run.pull_request ?? 0,
      addedAt: new Date().toISOString(),
      origin: `evalgate runs regression-dataset ${run.id}`,
    });
    for (const file of change.files) await writeAtomically(path.join(configDir, file.path), file.content);
    for (const dataset of change.datasets) {
      const what = dataset.added.length > 0 ? `added ${dataset.added.length} items` : "nothing new";
      const already = dataset.alreadyPresent.length > 0 ? ` (${dataset.alreadyPresent.length} already there)` : "";
      const experiment = dataset.experimentAdded ? `; added experiment ${dataset.name} to ${configFile}` : "";
      io.stdout.write(`${dataset.configDataset}: ${what}${already}${experiment}\n`);
    }
    return targets[0]?.name;
  } catch (error) {
    // The shared command code speaks to PR comments; here the same message is a usage error.
    if (error instanceof CommandError) throw new UserError(error.message.replace(/`/g, ""));
    throw error;
  }
}

/** A file is replaced whole or not at all: a crash never leaves half a dataset or config. */
async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, content);
  await rename(partial, file);
}
