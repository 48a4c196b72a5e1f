import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import { annotationsByRunItem } from "../../core/annotations/summarize-annotations.js";
import type { Annotation } from "../../core/model/annotation.js";
import type { RunItem } from "../../core/model/run-item.js";
import { formatListing } from "../../core/report/format-listing.js";
import { annotationValueText } from "../../core/annotations/render-annotation-summary.js";
import { parseFormat, requireRun, withStore, type CliIo } from "../cli-context.js";

const SCORE_COLUMNS = ["score_id", "item_id", "scorer", "score", "passed", "reason"];
/**
 * Annotations are rows too, after their run item's scores: `scorer` is the annotation's name,
 * `score` a metric's number, `label` a label's text, `reason` its note. The machine formats always
 * carry these columns (label and author null on scorer rows). The table keeps its six columns:
 * an annotation's row reads "annotation" where a score has its id, and its value under score.
 */
const ANNOTATION_COLUMNS = ["source", "label", "author"];

export function registerScoresCommands(program: Command, io: CliIo): void {
  const scores = program.command("scores").description("the scores of a run and their evidence");

  scores
    .command("list")
    .description("every score of a run, one row each, and its items' annotations")
    .requiredOption("--run-id <run>", "run id (or a unique prefix)")
    .option("--format <format>", "table, csv, json or jsonl", "table")
    .option("--failed", "only scores that did not pass")
    .action(async (flags: { runId: string; format: string; failed?: boolean }, command: Command) => {
      const format = parseFormat(flags.format);
      await withStore(command, async (store) => {
        const run = await requireRun(store, flags.runId);
        const annotations = annotationsByRunItem(await store.runAnnotations(run.id));
        const rows: Record<string, unknown>[] = [];
        for await (const item of store.runItems(run.id)) rows.push(...itemRows(item, annotations.get(item.id) ?? [], flags.failed === true, format === "table"));
        if (format === "table") io.stdout.write(formatListing(rows, SCORE_COLUMNS, format));
        else io.stdout.write(formatListing(rows, [...SCORE_COLUMNS, ...ANNOTATION_COLUMNS], format));
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

/**
 * An item's scores (only those that did not pass with `failed`), then its annotations: with
 * `failed`, only for an item that has a listed score, so the failures keep their human judgements.
 */
function itemRows(item: RunItem, annotations: readonly Annotation[], failed: boolean, table: boolean): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const score of item.scores) {
    if (failed && score.passed) continue;
    rows.push({
      score_id: score.id,
      item_id: item.item_id,
      scorer: score.scorer,
      score: score.score,
      passed: score.passed,
      reason: score.error ?? score.evidence.reason,
      source: "scorer",
    });
  }
  if (failed && rows.length === 0) return rows;
  for (const annotation of annotations) rows.push(table ? annotationTableRow(annotation) : annotationRow(annotation));
  return rows;
}

function annotationRow(annotation: Annotation): Record<string, unknown> {
  return {
    item_id: annotation.item_id,
    scorer: annotation.name,
    score: annotation.kind === "metric" ? annotation.value : null,
    reason: annotation.note ?? null,
    source: "annotation",
    label: annotation.kind === "label" ? annotation.value : null,
    author: annotation.author ?? null,
  };
}

/** In the table's six columns: "annotation" where a score has its id, the value under score, note and author as the reason. */
function annotationTableRow(annotation: Annotation): Record<string, unknown> {
  const reason = [annotation.note, annotation.author === undefined ? undefined : `(by ${annotation.author})`];
  return {
    score_id: "annotation",
    item_id: annotation.item_id,
    scorer: annotation.name,
    score: annotationValueText(annotation),
    reason: reason.filter((part) => part !== undefined).join(" "),
  };
}
