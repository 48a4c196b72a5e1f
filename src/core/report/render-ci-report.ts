import { markdownTable } from "markdown-table";
import type { Comparison, FlippedItem, FlippedList, MetricDelta } from "../comparison.js";
import type { GateVerdict } from "../gate.js";
import type { Run, RunSummary } from "../model/run.js";
import {
  formatCost,
  formatCount,
  formatDeltaCost,
  formatDeltaCount,
  formatDeltaMs,
  formatDeltaPp,
  formatDeltaScore,
  formatMs,
  formatPercent,
  formatScore,
} from "../stats.js";
import { escapeMarkdown } from "./escape-markdown.js";
import { valueText } from "./excerpt.js";

export interface CiReportOptions {
  /** Flipped items shown per kind; GitHub caps a comment at 65,536 characters. Default 50. */
  maxFlippedRows?: number;
}

const TABLE = { alignDelimiters: false } as const;

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
    blocks.push(scorerTable(run.summary), metricsLine(run.summary));
  }
  return `${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}

function md(text: string, maxLength = 200): string {
  return escapeMarkdown(text, { maxLength });
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

function scorerTable(summary: RunSummary): string {
  if (summary.scorers.length === 0) return "";
  const rows = summary.scorers.map((scorer) => [
    md(scorer.scorer),
    formatScore(scorer.mean),
    formatPercent(scorer.pass_rate),
    formatCount(scorer.errors),
  ]);
  return markdownTable([["scorer", "mean", "pass rate", "errors"], ...rows], { ...TABLE, align: ["l", "r", "r", "r"] });
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
  return markdownTable([header, ...rows], { ...TABLE, align: ["l", "r", "r", "r", "r", "r", "r"] });
}

function orDash(value: number | undefined, format: (value: number) => string): string {
  return value === undefined ? "—" : format(value);
}

function flippedDetails(one: string, many: string, list: FlippedList, maxRows: number): string {
  if (list.count === 0) return "";
  const shown = list.items.slice(0, maxRows);
  const rows = shown.map(flippedRow);
  const hidden = list.count - shown.length;
  return [
    `<details><summary>${count(list.count, one, many)}</summary>`,
    "",
    markdownTable([["item", "status", "changed scorers", "candidate output"], ...rows], TABLE),
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

function metricsComparisonTable(comparison: Comparison): string {
  const row = (name: string, metric: MetricDelta, format: (value: number) => string, delta: (value: number) => string) => [
    name,
    format(metric.baseline),
    format(metric.candidate),
    delta(metric.delta),
  ];
  const rows = [
    row("errors", errorDelta(comparison), formatCount, formatDeltaCount),
    row("latency p50", comparison.latency_ms.p50, formatMs, formatDeltaMs),
    row("latency p95", comparison.latency_ms.p95, formatMs, formatDeltaMs),
    row("tokens", comparison.tokens.total, formatCount, formatDeltaCount),
    row("cost", comparison.cost, formatCost, formatDeltaCost),
  ];
  return markdownTable([["", "baseline", "candidate", "Δ"], ...rows], { ...TABLE, align: ["l", "r", "r", "r"] });
}

function errorDelta(comparison: Comparison): MetricDelta {
  const { baseline, candidate } = comparison.errors;
  return { baseline, candidate, delta: candidate - baseline };
}

function count(value: number, one: string, many = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}
