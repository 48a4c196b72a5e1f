import type { CheckConclusion } from "../check-conclusion.js";
import { markdownTable } from "markdown-table";
import type { Comparison, ScorerComparison } from "../comparison.js";
import { passRateThresholds } from "../gate.js";
import { formatCount, formatDeltaPp, formatPercent, formatScore } from "../stats.js";
import { countOf, MARKDOWN_TABLE, md, orDash, runScorerTable, withHiddenRows } from "./markdown-parts.js";
import { passRateHeadline, pValueText, summaryPassRate } from "./pass-rate-headline.js";
import type { PrCommentInput, ReportDetail, VerdictLabel } from "./pr-report-input.js";
import { deltaWithInterval, scorerPValue, scorerVerdictText } from "./scorer-statistic-text.js";
import { NO_VERDICT_MEANING, VERDICT_WORDS } from "./verdict-words.js";

const EMOJI: Record<VerdictLabel, string> = {
  pass: "✅",
  fail: "❌",
  inconclusive: "⚠️",
  not_comparable: "⚠️",
  "no-baseline": "⚠️",
};

const DEFAULT_NO_BASELINE_HELP =
  "No baseline run of this experiment was found, so nothing was compared. Run the evalgate " +
  "workflow on the main branch (push to it, or start the workflow there by hand) to store a " +
  "baseline; the next push to this pull request is then compared with it.";

/** The comparison to show, or undefined when the report has no baseline to compare with. */
export function shownComparison(input: PrCommentInput): Comparison | undefined {
  return input.verdictLabel === "no-baseline" ? undefined : input.comparison;
}

/** `### ❌ evalgate · support-agent-quality: **FAIL**` */
export function verdictHeading(input: PrCommentInput): string {
  const label = input.verdictLabel;
  return `### ${EMOJI[label]} evalgate · ${md(input.experiment, 100)}: **${VERDICT_WORDS[label]}**`;
}

/**
 * The line a reviewer reads in ten seconds (pass-rate-headline.ts): candidate vs baseline with
 * intervals, what the paired test says, and what this dataset can detect; without a baseline,
 * the run's own pass rate and interval.
 */
export function headline(input: PrCommentInput): string {
  const thresholds = passRateThresholds(input.verdict);
  const comparison = shownComparison(input);
  if (comparison !== undefined) return passRateHeadline(comparison, thresholds);
  const summary = input.candidate.summary;
  if (summary === undefined) return "";
  return `pass rate ${summaryPassRate(summary, thresholds)}`;
}

/** The pass rates in short, for a check's title: "pass rate 88.0% vs baseline 82.0%, p = 0.04". */
export function passRateText(input: PrCommentInput): string {
  const comparison = shownComparison(input);
  const percent = (rate: number) => formatPercent(rate, { against: passRateThresholds(input.verdict) });
  if (comparison === undefined) return `pass rate ${orDash(input.candidate.summary?.pass_rate, percent)}`;
  const rate = comparison.pass_rate;
  const { overall, alpha } = comparison.statistics;
  const test = overall.n === 0 || overall.verdict === "unchanged" ? "" : `, ${pValueText(overall.p_value, alpha)}`;
  return `pass rate ${percent(rate.candidate)} vs baseline ${percent(rate.baseline)}${test}`;
}

/** `**6 regressions** · 9 fixes · 0 new errors · 50 items · 3 flaky`, or the run's own counts without a baseline. */
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
      ...(summary.flaky !== undefined && summary.flaky > 0 ? [`${formatCount(summary.flaky)} flaky`] : []),
    ].join(" · ");
  }
  const regressions = countOf(comparison.regressions.count, "regression");
  return [
    comparison.regressions.count > 0 ? `**${regressions}**` : regressions,
    countOf(comparison.fixes.count, "fix", "fixes"),
    countOf(comparison.errors.new_errors.count, "new error"),
    countOf(comparison.items.shared, comparison.same_dataset ? "item" : "shared item"),
    ...(comparison.flaky_items.count > 0 ? [`${formatCount(comparison.flaky_items.count)} flaky`] : []),
  ].join(" · ");
}

/**
 * How a no-verdict report opens: that the check blocks merging until someone acts (concluded
 * `action_required`), or that it does not because the gate opted into `on_inconclusive: neutral`.
 */
export function noVerdictLead(conclusion: CheckConclusion | undefined): string {
  return conclusion === "neutral"
    ? "No verdict: the check is neutral (on_inconclusive: neutral), so it does not block merging."
    : "No verdict: this check blocks merging until someone acts.";
}

/**
 * The gate's reasons on one line; empty when the gate passed. A no-verdict says plainly whether
 * the check blocks merging, and its reasons say what to do.
 */
export function gateLine(input: PrCommentInput): string {
  const { verdict, reasons } = input.verdict;
  if (verdict === "pass") return "";
  const listed = reasons.map((reason) => md(reason, 400)).join(" · ");
  if (verdict === "fail") return reasons.length === 0 ? "" : `**Gate failed:** ${listed}`;
  return (
    `> **${noVerdictLead(input.conclusion)}** ${VERDICT_WORDS[verdict]}: ` +
    `${NO_VERDICT_MEANING[verdict]}.${reasons.length > 0 ? ` To get a verdict: ${listed}` : ""}`
  );
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

/**
 * Per scorer over the shared items: pass rate and mean score of each side, the changes, and the
 * paired test of the scores (the change with its 95 % interval, p, and the scorer's verdict).
 */
export function scorerTable(input: PrCommentInput, detail: ReportDetail): string {
  const comparison = shownComparison(input);
  if (comparison === undefined) {
    const summary = input.candidate.summary;
    return summary === undefined ? "" : runScorerTable(summary, detail.scorerRows, passRateThresholds(input.verdict));
  }
  if (comparison.scorers.length === 0) return "";
  const shown = comparison.scorers.slice(0, detail.scorerRows);
  const header = ["scorer", "baseline", "candidate", "Δ pass", "Δ mean [95% CI]", "p", "verdict"];
  const thresholds = passRateThresholds(input.verdict);
  const rows = shown.map((scorer) => scorerRow(scorer, thresholds, comparison.statistics.alpha));
  const table = markdownTable([header, ...rows], { ...MARKDOWN_TABLE, align: ["l", "r", "r", "r", "r", "r", "l"] });
  const caption = "Per scorer (pass rate · mean score; the paired test of the scores):";
  return `${caption}\n\n${withHiddenRows(table, comparison.scorers.length - shown.length)}`;
}

function scorerRow(scorer: ScorerComparison, thresholds: readonly number[], alpha: number): string[] {
  const side = (pass: number | undefined, mean: number | undefined) =>
    pass === undefined || mean === undefined ? "—" : `${formatPercent(pass, { against: thresholds })} · ${formatScore(mean)}`;
  const verdict = scorerVerdictText(scorer);
  return [
    md(scorer.scorer, 80),
    side(scorer.baseline?.pass_rate, scorer.baseline?.mean),
    side(scorer.candidate?.pass_rate, scorer.candidate?.mean),
    orDash(scorer.pass_rate_delta, formatDeltaPp),
    scorer.statistic === null ? "—" : deltaWithInterval(scorer.statistic),
    scorerPValue(scorer.statistic, alpha),
    scorer.statistic?.verdict === "regression" ? `**${verdict}**` : verdict,
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
  const html = reportLink(input.htmlReportUrl);
  if (html !== undefined) parts.push(`[HTML report](${html})`);
  const link = reportLink(input.reportUrl);
  if (link !== undefined) parts.push(`[full report](${link})`);
  return `---\n\n<sub>${parts.join(" · ")}</sub>`;
}

/**
 * "see the [HTML report](…)" (every item, with filters) when it was uploaded, else "see the
 * [full report](…)", or without a usable link "see the full report in the workflow run".
 */
export function seeFullReport(input: PrCommentInput): string {
  const html = reportLink(input.htmlReportUrl);
  if (html !== undefined) return `see the [HTML report](${html})`;
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
export function reportLink(url: string | undefined): string | undefined {
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
