import { formatCount } from "../stats.js";
import { oneLine, truncate } from "./excerpt.js";
import { countOf } from "./markdown-parts.js";
import { COMMENT_DETAILS, type PrCommentInput } from "./pr-report-input.js";
import { passRateText, shownComparison } from "./pr-report-summary.js";
import { fitPrReport } from "./render-pr-report.js";

export interface CheckOutput {
  /** Plain text in the checks list; at most 100 characters. */
  title: string;
  /** Markdown; GitHub allows 65,535 characters. */
  summary: string;
  text?: string;
}

const TITLE_LIMIT = 100;
// GitHub's limit is 65,535; the margin matches the comment's.
export const CHECK_SUMMARY_LIMIT = 65_000;

/** The check run's output: a one-line title and the same report as the PR comment, without its hidden lines. */
export function renderCheckOutput(input: PrCommentInput): CheckOutput {
  return {
    title: checkTitle(input),
    summary: fitPrReport(input, COMMENT_DETAILS, CHECK_SUMMARY_LIMIT),
  };
}

/** "fail: 6 regressions, 9 fixes, pass rate 80.0% → 86.0% (+6.0 pp)"; plain text, not Markdown. */
export function checkTitle(input: PrCommentInput): string {
  const comparison = shownComparison(input);
  const word = input.verdictLabel === "no-baseline" ? "no baseline" : input.verdictLabel;
  const parts =
    comparison === undefined
      ? [`${passRateText(input)} over ${countOf(input.candidate.summary?.total ?? 0, "item")}`]
      : [
          countOf(comparison.regressions.count, "regression"),
          `${formatCount(comparison.fixes.count)} ${comparison.fixes.count === 1 ? "fix" : "fixes"}`,
          passRateText(input),
        ];
  return truncate(oneLine(`${word}: ${parts.join(", ")}`), TITLE_LIMIT);
}
