import type { Command } from "commander";
import type { Run } from "../../core/model/run.js";
import type { RunStore } from "../../store/run-store.js";
import { formatListing } from "../../core/report/format-listing.js";
import { renderRunSummary } from "../../core/report/render-run-summary.js";
import { judgeStoredRun } from "../stored-verdict.js";
import {
  parseFormat,
  parsePositiveInt,
  requireRun,
  terminalWidth,
  withStore,
  type CliIo,
} from "../cli-context.js";
import type { ExitCode } from "../exit-codes.js";
import { registerRegressionDatasetCommand } from "./regression-dataset.js";
import { registerRunsCancelCommand } from "./runs-cancel.js";
import { registerRunsDeleteCommand } from "./runs-delete.js";
import { registerRunsMergeCommand } from "./runs-merge.js";
import { registerRunsImportCommand } from "./runs-import.js";
import { registerRunsCompareCommand } from "./runs-compare.js";
import { registerRunsAnnotateCommand } from "./runs-annotate.js";
import { summarizeAnnotations } from "../../core/annotations/summarize-annotations.js";
import { liveOwnerOf } from "../../engine/run-lease.js";
import { RUN_COLUMNS, runRow } from "./run.js";
import { RUN_TABLE_COLUMNS, RUN_TABLE_FIT, runTableRow } from "../run-table.js";
import { storedGateOf } from "../../core/stored-gate.js";
import { storedScorersOf } from "../../core/stored-scorers.js";

export function registerRunsCommands(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  const runs = program.command("runs").description("list, show and compare stored runs");
  registerRegressionDatasetCommand(runs, io, setExit);
  registerRunsCancelCommand(runs, io);
  registerRunsDeleteCommand(runs, io);
  registerRunsMergeCommand(runs, io, setExit);
  registerRunsImportCommand(runs, io, setExit);

  runs
    .command("list")
    .description("list runs, newest first")
    .argument("[experiment]", "only runs of this experiment")
    .option("--format <format>", "table, csv, json or jsonl", "table")
    .option("--limit <n>", "at most this many runs", "50")
    .action(async (experiment: string | undefined, flags: { format: string; limit: string }, command: Command) => {
      const format = parseFormat(flags.format);
      const limit = parsePositiveInt("--limit", flags.limit);
      const listed = await withStore(command, async (store) => {
        const runs = await store.listRuns({ limit, ...(experiment ? { experiment } : {}) });
        const thresholds = passedThresholds(store);
        return Promise.all(
          runs.map(async (run) => ({
            run,
            liveOwner: await liveOwnerOf(store, run),
            thresholds: await thresholds(run),
            // A run that never ended has no summary: how far it got is counted from its items.
            stored: run.summary === undefined && format === "table" ? (await store.runItemStatuses(run.id)).size : undefined,
          })),
        );
      });
      if (format === "table") {
        const now = Date.now();
        const rows = listed.map(({ run, liveOwner, thresholds, stored }) => runTableRow(run, liveOwner, now, thresholds, stored));
        io.stdout.write(formatListing(rows, RUN_TABLE_COLUMNS, format, { ...RUN_TABLE_FIT, width: terminalWidth(io) }));
      } else {
        io.stdout.write(formatListing(listed.map(({ run, liveOwner }) => runRow(run, liveOwner)), RUN_COLUMNS, format));
      }
    });

  runs
    .command("show")
    .description("show one run: configuration, counts, scorers, latency, verdict")
    .argument("<run>", "run id (or a unique prefix)")
    .option("--format <format>", "table or json", "table")
    .action(async (id: string, flags: { format: string }, command: Command) => {
      const format = parseFormat(flags.format);
      await withStore(command, async (store) => {
        const run = await requireRun(store, id);
        const annotations = summarizeAnnotations(await store.runAnnotations(run.id));
        if (format === "table") {
          const { verdict, summary } = await judgeStoredRun(store, run, undefined, undefined);
          const liveOwner = await liveOwnerOf(store, run);
          const { definition } = (await store.getExperimentVersion(run.experiment, run.experiment_version)) ?? {};
          const configuration = {
            gate: storedGateOf(run.id, run.experiment_version, definition),
            scorers: storedScorersOf(definition),
          };
          const options = { configuration, annotations, ...(liveOwner ? { liveOwner } : {}) };
          io.stdout.write(renderRunSummary({ ...run, summary }, verdict, options) + "\n");
        } else {
          const definition = await store.getExperimentVersion(run.experiment, run.experiment_version);
          const record = { ...run, experiment_definition: definition?.definition, annotations };
          io.stdout.write(format === "json" ? JSON.stringify(record, null, 2) + "\n" : JSON.stringify(record) + "\n");
        }
      });
    });

  registerRunsCompareCommand(runs, io, setExit);
  registerRunsAnnotateCommand(runs, io);
}

/**
 * The pass-rate threshold each run was judged against (its stored gate's), read once per
 * experiment version, so a listed rate never rounds onto it; none when the gate cannot be read.
 */
function passedThresholds(store: RunStore): (run: Run) => Promise<number[]> {
  const byVersion = new Map<string, Promise<number[]>>();
  return (run) => {
    const key = JSON.stringify([run.experiment, run.experiment_version]);
    let thresholds = byVersion.get(key);
    if (thresholds === undefined) {
      thresholds = store.getExperimentVersion(run.experiment, run.experiment_version).then((version) => {
        try {
          return [storedGateOf(run.id, run.experiment_version, version?.definition).gate.passed_threshold];
        } catch {
          return [];
        }
      });
      byVersion.set(key, thresholds);
    }
    return thresholds;
  };
}
