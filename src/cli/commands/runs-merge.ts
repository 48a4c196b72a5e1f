import type { Command } from "commander";
import { formatListing } from "../../core/report/format-listing.js";
import { renderRunSummary } from "../../core/report/render-run-summary.js";
import { mergeShardRuns } from "../../engine/merge-shard-runs.js";
import { parseFormat, requireRun, withStore, type CliIo } from "../cli-context.js";
import { exitCodeFor, type ExitCode } from "../exit-codes.js";
import { RUN_COLUMNS, runRow } from "./run.js";

export function registerRunsMergeCommand(runs: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  runs
    .command("merge")
    .description("join the shard runs of one run (evalgate run EXP --shard I/N) into one run, judged by its gate")
    .argument("<run...>", "one complete run of every shard (ids or unique prefixes)")
    .option("--format <format>", "output: table, csv, json or jsonl", "table")
    .action(async (ids: string[], flags: { format: string }, command: Command) => {
      const format = parseFormat(flags.format);
      const merged = await withStore(command, async (store) => {
        const shards = [];
        for (const id of ids) shards.push(await requireRun(store, id));
        return mergeShardRuns(store, shards);
      });
      const output =
        format === "table"
          ? renderRunSummary(merged.run, merged.verdict) + "\n"
          : formatListing([runRow(merged.run)], RUN_COLUMNS, format);
      io.stdout.write(output);
      setExit(exitCodeFor(merged.verdict));
    });
}
