import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import { formatListing } from "../../core/report/format-listing.js";
import { parseFormat, requireRun, withStore, type CliIo } from "../cli-context.js";

const SCORE_COLUMNS = ["score_id", "item_id", "scorer", "score", "passed", "reason"];

export function registerScoresCommands(program: Command, io: CliIo): void {
  const scores = program.command("scores").description("the scores of a run and their evidence");

  scores
    .command("list")
    .description("every score of a run, one row each")
    .requiredOption("--run-id <run>", "run id (or a unique prefix)")
    .option("--format <format>", "table, csv, json or jsonl", "table")
    .option("--failed", "only scores that did not pass")
    .action(async (flags: { runId: string; format: string; failed?: boolean }, command: Command) => {
      const format = parseFormat(flags.format);
      await withStore(command, async (store) => {
        const run = await requireRun(store, flags.runId);
        const rows: Record<string, unknown>[] = [];
        for await (const item of store.runItems(run.id)) {
          for (const score of item.scores) {
            if (flags.failed && score.passed) continue;
            rows.push({
              score_id: score.id,
              item_id: item.item_id,
              scorer: score.scorer,
              score: score.score,
              passed: score.passed,
              reason: score.error ?? score.evidence.reason,
            });
          }
        }
        io.stdout.write(formatListing(rows, SCORE_COLUMNS, format));
      });
    });

  scores
    .command("evidence")
    .description("what a scorer read, what it compared, and why it decided")
    .argument("<score-id>", "a score id from `scores list`")
    .action(async (id: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const found = await store.getScore(id);
        if (!found) throw new UserError(`no score "${id}" in this store (see \`evalgate scores list --run-id RUN\`)`);
        const { score, runItem } = found;
        const record = {
          score_id: score.id,
          run_id: runItem.run_id,
          item_id: runItem.item_id,
          run_item_id: runItem.id,
          scorer: score.scorer,
          score: score.score,
          passed: score.passed,
          ...(score.error ? { error: score.error } : {}),
          evidence: score.evidence,
        };
        io.stdout.write(JSON.stringify(record, null, 2) + "\n");
      });
    });
}
