import { markdownTable } from "markdown-table";
import type { Comparison, FlippedItem, FlippedList } from "../comparison.js";
import type { GateVerdict } from "../gate.js";
import type { Run, RunSummary } from "../model/run.js";
import { formatCost, formatCount, formatDeltaPp, formatDeltaScore, formatMs, formatPercent, formatScore } from "../stats.js";
import { valueText } from "./excerpt.js";
import { countOf as count, MARKDOWN_TABLE, md, metricsComparisonTable, orDash, runScorerTable } from "./markdown-parts.js";

export interface CiReportOptions {
  /** Flipped items shown per kind; GitHub caps a comment at 65,536 characters. Default 50. */
  maxFlippedRows?: number;
}


/**
 * GitHub-flavoured Markdown for a job summary or a PR comment: the verdict first, then the
 * numbers, then the flipped items folded in `<details>`. Everything that came from a dataset,
 * a model or a user passes through escapeMarkdown.
 */
export function renderCiReport(
  run: Run,
  verdict: GateVerdict,
  comparison?: Comparison,
  options: CiReportOptions = {},
): string {
  const maxRows = options.maxFlippedRows ?? 50;
  const blocks = [verdictBlock(run, verdict), runLine(run)];
  if (comparison !== undefined) {
    blocks.push(comparisonHeadline(comparison));
    if (comparison.dataset_note !== undefined) blocks.push(`> **Note:** ${md(comparison.dataset_note, 400)}`);
    blocks.push(scorerComparisonTable(comparison));
    blocks.push(flippedDetails("regression", "regressions", comparison.regressions, maxRows));
    blocks.push(flippedDetails("fix", "fixes", comparison.fixes, maxRows));
    blocks.push(metricsComparisonTable(comparison));
  } else if (run.summary !== undefined) {
    blocks.push(runScorerTable(run.summary), metricsLine(run.summary));
  }
  return `${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}

function verdictBlock(run: Run, verdict: GateVerdict): string {
  const passed = verdict.verdict === "pass";
  const heading = `### ${passed ? "✅" : "❌"} evalgate: ${md(run.experiment)} ${passed ? "passed" : "failed"}`;
  const reasons = verdict.reasons.map((reason) => `- ${md(reason, 400)}`);
  return [heading, ...(reasons.length > 0 ? ["", ...reasons] : [])].join("\n");
}

function runLine(run: Run): string {
  const label = run.label !== undefined ? ` (${md(run.label)})` : "";
  const head = `Run ${md(run.id)}${label} · dataset ${md(run.dataset_version)}`;
  const summary = run.summary;
  if (summary === undefined) return `${head} · ${md(run.status)}`;
  return (
    `${head} · ${formatCount(summary.total)} items: ${formatCount(summary.passed)} passed, ` +
    `${formatCount(summary.failed)} failed, ${formatCount(summary.errored)} errored · ` +
    `pass rate **${formatPercent(summary.pass_rate)}**`
  );
}

function comparisonHeadline(comparison: Comparison): string {
  const { pass_rate: rate } = comparison;
  return (
    `**pass rate ${formatPercent(rate.baseline)} → ${formatPercent(rate.candidate)} ` +
    `(${formatDeltaPp(rate.delta)})** against baseline ${md(comparison.baseline.run_id)} over ` +
    `${formatCount(comparison.items.shared)} shared items · ${count(comparison.regressions.count, "regression")} · ` +
    `${count(comparison.fixes.count, "fix", "fixes")} · ${count(comparison.errors.new_errors.count, "new error")}`
  );
}

function metricsLine(summary: RunSummary): string {
  return (
    `latency p50 ${formatMs(summary.latency_ms.p50)} · p95 ${formatMs(summary.latency_ms.p95)} · ` +
    `tokens ${formatCount(summary.tokens.total)} · cost ${formatCost(summary.cost)} · ` +
    `retries ${formatCount(summary.retries)}`
  );
}

function scorerComparisonTable(comparison: Comparison): string {
  if (comparison.scorers.length === 0) return "";
  const rows = comparison.scorers.map((scorer) => [
    md(scorer.scorer),
    orDash(scorer.baseline?.mean, formatScore),
    orDash(scorer.candidate?.mean, formatScore),
    orDash(scorer.mean_delta ?? undefined, formatDeltaScore),
    orDash(scorer.baseline?.pass_rate, formatPercent),
    orDash(scorer.candidate?.pass_rate, formatPercent),
    orDash(scorer.pass_rate_delta ?? undefined, formatDeltaPp),
  ]);
  const header = ["scorer", "mean (baseline)", "mean (candidate)", "Δ mean", "pass (baseline)", "pass (candidate)", "Δ pass"];
  return markdownTable([header, ...rows], { ...MARKDOWN_TABLE, align: ["l", "r", "r", "r", "r", "r", "r"] });
}

function flippedDetails(one: string, many: string, list: FlippedList, maxRows: number): string {
  if (list.count === 0) return "";
  const shown = list.items.slice(0, maxRows);
  const rows = shown.map(flippedRow);
  const hidden = list.count - shown.length;
  return [
    `<details><summary>${count(list.count, one, many)}</summary>`,
    "",
    markdownTable([["item", "status", "changed scorers", "candidate output"], ...rows], MARKDOWN_TABLE),
    ...(hidden > 0 ? ["", `… and ${formatCount(hidden)} more not shown.`] : []),
    "",
    "</details>",
  ].join("\n");
}

function flippedRow(item: FlippedItem): string[] {
  const scorers = item.changed_scorers.map((scorer) => {
    const movement = `${orDash(scorer.baseline?.score, formatScore)} → ${orDash(scorer.candidate?.score, formatScore)}`;
    return `**${md(scorer.scorer, 60)}** ${movement}: ${md(scorer.reason, 160)}`;
  });
  const output = item.candidate_error !== undefined ? `error: ${item.candidate_error}` : valueText(item.candidate_output);
  return [
    md(item.item_id, 80),
    `${item.baseline_status} → ${item.candidate_status}`,
    scorers.length > 0 ? scorers.join("<br>") : "—",
    md(output, 160),
  ];
}
