import { markdownTable } from "markdown-table";
import type { CheckConclusion } from "../check-conclusion.js";
import type { Comparison, FlippedItem, FlippedList } from "../comparison.js";
import { passRateThresholds, type GateVerdict } from "../gate.js";
import type { Run, RunSummary } from "../model/run.js";
import { describeSelection } from "../selection/describe-selection.js";
import { formatCost, formatCount, formatCountOf, formatDeltaPp, formatMs, formatPercent, formatScore } from "../stats.js";
import { valueText } from "./excerpt.js";
import { fitLevels, GITHUB_LIMITS, type TextLimit } from "./fit-text.js";
import { flakyFlipMovement, flipMovement } from "./flip-movement.js";
import { countOf as count, MARKDOWN_TABLE, md, metricsComparisonTable, orDash, runScorerTable } from "./markdown-parts.js";
import { passRateHeadline, summaryPassRate } from "./pass-rate-headline.js";
import { noVerdictLead } from "./pr-report-summary.js";
import { deltaWithInterval, scorerPValue, scorerVerdictText } from "./scorer-statistic-text.js";
import { NO_VERDICT_MEANING, VERDICT_WORDS } from "./verdict-words.js";

export interface CiReportOptions {
  /** Flipped items shown per kind, at most; the report shows fewer when they do not fit. Default 50. */
  maxFlippedRows?: number;
  /** Where the report goes. Default a PR comment's 65,536 characters, which a job summary also takes. */
  limit?: TextLimit;
  /** What the check concludes: a no-verdict says it blocks merging unless this is `neutral`. */
  conclusion?: CheckConclusion;
}

/** How much of each flipped item to show; the report steps down these levels until it fits. */
interface CiReportDetail {
  flippedRows: number;
  /** Code points kept of an output before escaping (which may multiply its length). */
  excerptLength: number;
  /** Code points kept of a scorer's reason. */
  reasonLength: number;
}

/** Richest first: fewer rows, then shorter excerpts, then the counts only. */
const CI_REPORT_DETAILS: readonly CiReportDetail[] = [
  { flippedRows: 50, excerptLength: 160, reasonLength: 160 },
  { flippedRows: 30, excerptLength: 160, reasonLength: 160 },
  { flippedRows: 20, excerptLength: 120, reasonLength: 120 },
  { flippedRows: 10, excerptLength: 80, reasonLength: 80 },
  { flippedRows: 5, excerptLength: 40, reasonLength: 40 },
  { flippedRows: 0, excerptLength: 0, reasonLength: 0 },
];

/**
 * GitHub-flavoured Markdown for a job summary or a PR comment: the verdict first, then the
 * pass-rate headline and the numbers, then the flipped items folded in `<details>` (flaky items
 * apart from regressions and fixes). Everything that came from a dataset,
 * a model or a user passes through escapeMarkdown, and the escaped report is fitted to
 * `options.limit` by showing fewer and shorter flipped items.
 */
export function renderCiReport(
  run: Run,
  verdict: GateVerdict,
  comparison?: Comparison,
  options: CiReportOptions = {},
): string {
  const maxRows = options.maxFlippedRows ?? 50;
  const levels = CI_REPORT_DETAILS.map((detail) => ({ ...detail, flippedRows: Math.min(detail.flippedRows, maxRows) }));
  return fitLevels(
    levels,
    (detail) => renderAtDetail(run, verdict, comparison, detail, options.conclusion),
    options.limit ?? GITHUB_LIMITS.comment,
  );
}

function renderAtDetail(
  run: Run,
  verdict: GateVerdict,
  comparison: Comparison | undefined,
  detail: CiReportDetail,
  conclusion: CheckConclusion | undefined,
): string {
  const thresholds = passRateThresholds(verdict);
  const blocks = [verdictBlock(run, verdict, conclusion), runLine(run, thresholds)];
  if (comparison !== undefined) {
    blocks.push(comparisonHeadline(comparison, thresholds));
    if (comparison.dataset_note !== undefined) blocks.push(`> **Note:** ${md(comparison.dataset_note, 400)}`);
    blocks.push(scorerComparisonTable(comparison, thresholds));
    blocks.push(flippedDetails(count(comparison.regressions.count, "regression"), comparison.regressions, detail, flipMovement));
    blocks.push(flippedDetails(count(comparison.fixes.count, "fix", "fixes"), comparison.fixes, detail, flipMovement));
    blocks.push(flakyDetails(comparison, detail));
    blocks.push(metricsComparisonTable(comparison, verdict));
  } else if (run.summary !== undefined) {
    blocks.push(runScorerTable(run.summary, undefined, thresholds), metricsLine(run.summary));
  }
  return `${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}

const EMOJI: Record<GateVerdict["verdict"], string> = { pass: "✅", fail: "❌", inconclusive: "⚠️", not_comparable: "⚠️" };

function verdictBlock(run: Run, verdict: GateVerdict, conclusion: CheckConclusion | undefined): string {
  // A run over part of the dataset says so in its headline, not only in a note further down.
  const partial = run.selection !== undefined ? ` on ${md(describeSelection(run.selection))} of the dataset` : "";
  const heading = `### ${EMOJI[verdict.verdict]} evalgate · ${md(run.experiment)}: **${VERDICT_WORDS[verdict.verdict]}**${partial}`;
  const noVerdict =
    verdict.verdict === "inconclusive" || verdict.verdict === "not_comparable"
      ? [`**${noVerdictLead(conclusion)}** ${NO_VERDICT_MEANING[verdict.verdict]}. To get a verdict:`]
      : [];
  const reasons = verdict.reasons.map((reason) => `- ${md(reason, 400)}`);
  return [heading, ...(noVerdict.length + reasons.length > 0 ? ["", ...noVerdict, ...reasons] : [])].join("\n");
}

function runLine(run: Run, thresholds: number[]): string {
  const label = run.label !== undefined ? ` (${md(run.label)})` : "";
  const head = `Run ${md(run.id)}${label} · dataset ${md(run.dataset_version)}`;
  const summary = run.summary;
  if (summary === undefined) return `${head} · ${md(run.status)}`;
  return (
    `${head} · ${formatCountOf(summary.total, "item")}: ${formatCount(summary.passed)} passed, ` +
    `${formatCount(summary.failed)} failed, ${formatCount(summary.errored)} errored · ` +
    `pass rate **${summaryPassRate(summary, thresholds)}**`
  );
}

function comparisonHeadline(comparison: Comparison, thresholds: number[]): string {
  const flaky = comparison.flaky_items.count;
  return (
    `**${passRateHeadline(comparison, thresholds)}**\n\nagainst baseline ${md(comparison.baseline.run_id)} over ` +
    `${formatCount(comparison.items.shared)} shared items · ${count(comparison.regressions.count, "regression")} · ` +
    `${count(comparison.fixes.count, "fix", "fixes")} · ${count(comparison.errors.new_errors.count, "new error")}` +
    (flaky > 0 ? ` · ${formatCount(flaky)} flaky` : "")
  );
}

/** Latency, tokens, cost and retries of a run alone; tokens and cost only when the target reported any. */
function metricsLine(summary: RunSummary): string {
  return [
    `latency p50 ${formatMs(summary.latency_ms.p50)}`,
    `p95 ${formatMs(summary.latency_ms.p95)}`,
    ...(summary.tokens.total > 0 ? [`tokens ${formatCount(summary.tokens.total)}`] : []),
    ...(summary.cost > 0 ? [`cost ${formatCost(summary.cost)}`] : []),
    `retries ${formatCount(summary.retries)}`,
  ].join(" · ");
}

function scorerComparisonTable(comparison: Comparison, thresholds: readonly number[]): string {
  const percent = (rate: number) => formatPercent(rate, { against: thresholds });
  if (comparison.scorers.length === 0) return "";
  const rows = comparison.scorers.map((scorer) => [
    md(scorer.scorer),
    orDash(scorer.baseline?.mean, formatScore),
    orDash(scorer.candidate?.mean, formatScore),
    scorer.statistic === null ? "—" : deltaWithInterval(scorer.statistic),
    scorerPValue(scorer.statistic, comparison.statistics.alpha),
    scorerVerdictText(scorer),
    orDash(scorer.baseline?.pass_rate, percent),
    orDash(scorer.candidate?.pass_rate, percent),
    orDash(scorer.pass_rate_delta, formatDeltaPp),
  ]);
  const header = [
    "scorer",
    "mean (baseline)",
    "mean (candidate)",
    "Δ mean [95% CI]",
    "p",
    "verdict",
    "pass (baseline)",
    "pass (candidate)",
    "Δ pass",
  ];
  return markdownTable([header, ...rows], { ...MARKDOWN_TABLE, align: ["l", "r", "r", "r", "r", "l", "r", "r", "r"] });
}

function flippedDetails(title: string, list: FlippedList, detail: CiReportDetail, movement: (item: FlippedItem) => string): string {
  if (list.count === 0) return "";
  const shown = list.items.slice(0, detail.flippedRows);
  if (shown.length === 0) return `${title}: not listed, the report would be too long.`;
  const rows = shown.map((item) => flippedRow(item, detail, movement));
  const hidden = list.count - shown.length;
  return [
    `<details><summary>${title}</summary>`,
    "",
    markdownTable([["item", "status", "changed scorers", "candidate output"], ...rows], MARKDOWN_TABLE),
    ...(hidden > 0 ? ["", `… and ${formatCount(hidden)} more not shown.`] : []),
    "",
    "</details>",
  ].join("\n");
}

/** Flaky items apart: their count, and their flips read by the repeats ("passed 2 of 5 → 4 of 5"). */
function flakyDetails(comparison: Comparison, detail: CiReportDetail): string {
  const { flaky, flaky_items: flakyItems } = comparison;
  if (flakyItems.count === 0 && flaky.count === 0) return "";
  const title =
    `${count(flakyItems.count, "flaky item")}, ${formatCount(flaky.count)} flipped ` +
    "(repeats both passed and failed: neither regressions nor fixes)";
  return flaky.count === 0 ? `${title}.` : flippedDetails(title, flaky, detail, flakyFlipMovement);
}

function flippedRow(item: FlippedItem, detail: CiReportDetail, movement: (item: FlippedItem) => string): string[] {
  const scorers = item.changed_scorers.map((scorer) => {
    const movement = `${orDash(scorer.baseline?.score, formatScore)} → ${orDash(scorer.candidate?.score, formatScore)}`;
    return `**${md(scorer.scorer, 60)}** ${movement}: ${md(scorer.reason, detail.reasonLength)}`;
  });
  const output = item.candidate_error !== undefined ? `error: ${item.candidate_error}` : valueText(item.candidate_output);
  return [
    md(item.item_id, 80),
    movement(item),
    scorers.length > 0 ? scorers.join("<br>") : "—",
    md(output, detail.excerptLength),
  ];
}
