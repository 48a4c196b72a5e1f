import type { Command } from "commander";
import { formatListing } from "../../core/report/format-listing.js";
import { VARIANT_TREE_COLUMNS, variantTreeRows } from "../../core/report/variant-tree-rows.js";
import type { Run } from "../../core/model/run.js";
import { findExperiment, loadConfigFile } from "../../engine/load-config.js";
import type { RunStore } from "../../store/run-store.js";
import { globalOptions, parseFormat, terminalWidth, withStore, type CliIo } from "../cli-context.js";

/** How many of an experiment's newest runs `variants list` reads to find each variant's latest. */
const RUNS_READ = 1000;

export function registerVariantsCommands(program: Command, io: CliIo): void {
  program
    .command("variants")
    .description("an experiment's variants")
    .command("list")
    .description("the variant tree (baseline at the root): effective overrides, status and pass rate of each variant's latest run")
    .argument("<experiment>", "experiment name from the config file")
    .option("--format <format>", "table, csv, json or jsonl", "table")
    .action(async (name: string, flags: { format: string }, command: Command) => {
      const format = parseFormat(flags.format);
      const { config, allowOutsideProject } = globalOptions(command);
      const experiment = findExperiment(await loadConfigFile(config, { allowOutsideProject }), name);
      await withStore(command, async (store) => {
        const state = await store.getExperimentState(name);
        const rows = variantTreeRows(experiment.variants ?? {}, await latestRunByVariant(store, name, state?.baseline_run_id), state?.status ?? "draft", format === "table");
        const giveWay = ["overrides", "completed_at", "run"];
        io.stdout.write(formatListing(rows, VARIANT_TREE_COLUMNS, format, { width: terminalWidth(io), giveWay }));
      });
    });
}

/**
 * Each variant's newest ended run ("" for the baseline). The baseline is the run that locked
 * the items when there is one, so every relative pass rate is against the same items.
 */
async function latestRunByVariant(store: RunStore, experiment: string, lockedBy: string | undefined): Promise<Map<string, Run>> {
  const latest = new Map<string, Run>();
  for (const run of await store.listRuns({ experiment, limit: RUNS_READ })) {
    // A run over part of the dataset (a sample, one shard) is not the variant's result: a merged
    // or full run is, so every relative pass rate compares the same items.
    if (run.summary === undefined || run.selection !== undefined) continue;
    const key = run.variant ?? "";
    if (!latest.has(key)) latest.set(key, run);
  }
  const locked = lockedBy === undefined ? undefined : await store.getRun(lockedBy);
  if (locked !== undefined) latest.set("", locked);
  return latest;
}
