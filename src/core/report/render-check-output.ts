import { formatCount } from "../stats.js";
import { fitLine, GITHUB_LIMITS, type TextLimit } from "./fit-text.js";
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

// GitHub takes 255 characters (GITHUB_LIMITS.checkTitle); the checks list shows about 100.
const TITLE_LIMIT: TextLimit = { limit: 100, unit: "characters" };

/** The check run's output: a one-line title and the same report as the PR comment, without its hidden lines. */
export function renderCheckOutput(input: PrCommentInput): CheckOutput {
  return {
    title: checkTitle(input),
    summary: fitPrReport(input, COMMENT_DETAILS, GITHUB_LIMITS.checkSummary),
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
  return fitLine(`${word}: ${parts.join(", ")}`, TITLE_LIMIT);
}
