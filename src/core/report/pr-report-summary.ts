import { markdownTable } from "markdown-table";
import type { Comparison, ScorerComparison } from "../comparison.js";
import { formatCount, formatDeltaPp, formatDeltaScore, formatPercent, formatScore } from "../stats.js";
import { countOf, MARKDOWN_TABLE, md, orDash, runScorerTable, withHiddenRows } from "./markdown-parts.js";
import type { PrCommentInput, ReportDetail, VerdictLabel } from "./pr-report-input.js";
import { passRateThresholds } from "../gate.js";

const EMOJI: Record<VerdictLabel, string> = { pass: "✅", fail: "❌", "no-baseline": "⚠️" };
const WORD: Record<VerdictLabel, string> = { pass: "pass", fail: "fail", "no-baseline": "no baseline" };

const DEFAULT_NO_BASELINE_HELP =
  "No baseline run of this experiment was found, so nothing was compared. Run the evalgate " +
  "workflow on the main branch (push to it, or start the workflow there by hand) to store a " +
  "baseline; the next push to this pull request is then compared with it.";

/** The comparison to show, or undefined when the report has no baseline to compare with. */
export function shownComparison(input: PrCommentInput): Comparison | undefined {
  return input.verdictLabel === "no-baseline" ? undefined : input.comparison;
}

/** `### ❌ evalgate · name: **fail** — pass rate 80.0% → 86.0% (+6.0 pp)` */
export function verdictHeading(input: PrCommentInput): string {
  const label = input.verdictLabel;
  return `### ${EMOJI[label]} evalgate · ${md(input.experiment, 100)}: **${WORD[label]}** — ${passRateText(input)}`;
}

export function passRateText(input: PrCommentInput): string {
  const comparison = shownComparison(input);
  const percent = (rate: number) => formatPercent(rate, { against: passRateThresholds(input.verdict) });
  if (comparison === undefined) return `pass rate ${orDash(input.candidate.summary?.pass_rate, percent)}`;
  const rate = comparison.pass_rate;
  return `pass rate ${percent(rate.baseline)} → ${percent(rate.candidate)} (${formatDeltaPp(rate.delta)})`;
}

/** `**6 regressions** · 9 fixes · 0 new errors · 50 items`, or the run's own counts without a baseline. */
export function countsLine(input: PrCommentInput): string {
  const comparison = shownComparison(input);
  if (comparison === undefined) {
    const summary = input.candidate.summary;
    if (summary === undefined) return `run ${md(input.candidate.id, 80)}: ${md(input.candidate.status, 40)}`;
    return [
      countOf(summary.total, "item"),
      `${formatCount(summary.passed)} passed`,
      `${formatCount(summary.failed)} failed`,
      `${formatCount(summary.errored)} errored`,
    ].join(" · ");
  }
  const regressions = countOf(comparison.regressions.count, "regression");
  return [
    comparison.regressions.count > 0 ? `**${regressions}**` : regressions,
    countOf(comparison.fixes.count, "fix", "fixes"),
    countOf(comparison.errors.new_errors.count, "new error"),
    countOf(comparison.items.shared, comparison.same_dataset ? "item" : "shared item"),
  ].join(" · ");
}

/** The gate's reasons on one line; empty when the gate passed. */
export function gateLine(input: PrCommentInput): string {
  const { verdict, reasons } = input.verdict;
  if (verdict === "pass" || reasons.length === 0) return "";
  return `**Gate failed:** ${reasons.map((reason) => md(reason, 400)).join(" · ")}`;
}

/** Why the numbers cover fewer items than the run: the dataset changed between the runs. */
export function datasetLine(input: PrCommentInput): string {
  const comparison = shownComparison(input);
  if (comparison === undefined || comparison.same_dataset) return "";
  const { items } = comparison;
  return (
    `> **The dataset changed** (baseline ${md(comparison.baseline.dataset_version, 80)} → candidate ` +
    `${md(comparison.candidate.dataset_version, 80)}): compared over the ${formatCount(items.shared)} items ` +
    `both runs share; ${formatCount(items.only_baseline.count)} only in the baseline, ` +
    `${formatCount(items.only_candidate.count)} only in the candidate.`
  );
}

export function noBaselineLine(input: PrCommentInput): string {
  if (input.verdictLabel !== "no-baseline") return "";
  return `> ${md(input.noBaselineHelp ?? DEFAULT_NO_BASELINE_HELP, 800)}`;
}

/** Per scorer over the shared items: pass rate and mean score, baseline → candidate. */
export function scorerTable(input: PrCommentInput, detail: ReportDetail): string {
  const comparison = shownComparison(input);
  if (comparison === undefined) {
    const summary = input.candidate.summary;
    return summary === undefined ? "" : runScorerTable(summary, detail.scorerRows, passRateThresholds(input.verdict));
  }
  if (comparison.scorers.length === 0) return "";
  const shown = comparison.scorers.slice(0, detail.scorerRows);
  const header = ["scorer", "baseline", "candidate", "Δ"];
  const thresholds = passRateThresholds(input.verdict);
  const table = markdownTable([header, ...shown.map((scorer) => scorerRow(scorer, thresholds))], { ...MARKDOWN_TABLE, align: ["l", "r", "r", "r"] });
  const caption = "Per scorer (pass rate · mean score):";
  return `${caption}\n\n${withHiddenRows(table, comparison.scorers.length - shown.length)}`;
}

function scorerRow(scorer: ScorerComparison, thresholds: readonly number[]): string[] {
  const side = (pass: number | undefined, mean: number | undefined) =>
    pass === undefined || mean === undefined ? "—" : `${formatPercent(pass, { against: thresholds })} · ${formatScore(mean)}`;
  const delta =
    scorer.pass_rate_delta === null || scorer.mean_delta === null
      ? "—"
      : `${formatDeltaPp(scorer.pass_rate_delta)} · ${formatDeltaScore(scorer.mean_delta)}`;
  return [
    md(scorer.scorer, 80),
    side(scorer.baseline?.pass_rate, scorer.baseline?.mean),
    side(scorer.candidate?.pass_rate, scorer.candidate?.mean),
    delta,
  ];
}

/** Which baseline, which commit, which versions, and where the full report is. */
export function footer(input: PrCommentInput): string {
  const comparison = shownComparison(input);
  const { candidate } = input;
  const parts = [
    `Baseline: ${baselineText(input, comparison)}`,
    `candidate run ${md(candidate.id, 80)} at ${md(shortSha(input.headSha), 12)}`,
    `experiment ${md(input.experiment, 100)} ${versionText(candidate.experiment_version, comparison?.baseline.experiment_version)}`,
    `dataset ${versionText(candidate.dataset_version, comparison?.baseline.dataset_version)}`,
  ];
  const link = reportLink(input.reportUrl);
  if (link !== undefined) parts.push(`[full report](${link})`);
  return `---\n\n<sub>${parts.join(" · ")}</sub>`;
}

/** "see the [full report](…)" or, without a usable link, "see the full report in the workflow run". */
export function seeFullReport(input: PrCommentInput): string {
  const link = reportLink(input.reportUrl);
  return link === undefined ? "see the full report in the workflow run" : `see the [full report](${link})`;
}

function baselineText(input: PrCommentInput, comparison: Comparison | undefined): string {
  if (input.baselineNote !== undefined) return md(input.baselineNote, 300);
  if (comparison !== undefined) return `run ${md(comparison.baseline.run_id, 80)}`;
  return "none found";
}

function versionText(candidate: string, baseline: string | undefined): string {
  const version = `version ${md(candidate, 80)}`;
  return baseline === undefined || baseline === candidate ? version : `${version} (baseline ${md(baseline, 80)})`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

// Characters that could end the link destination early or start a code span or HTML inside it.
const LINK_UNSAFE = /[()<>`|[\]\\"']/g;

/** Only http(s) is linked, with what Markdown would read inside a destination percent-encoded. */
function reportLink(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  return parsed.href.replace(LINK_UNSAFE, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
