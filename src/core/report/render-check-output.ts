import { formatCount } from "../stats.js";
import { fitLine, GITHUB_LIMITS, type TextLimit } from "./fit-text.js";
import { countOf } from "./markdown-parts.js";
import { COMMENT_DETAILS, type PrCommentInput } from "./pr-report-input.js";
import { passRateText, shownComparison } from "./pr-report-summary.js";
import { fitPrReport } from "./render-pr-report.js";
import { isNoVerdictWord, VERDICT_WORDS } from "./verdict-words.js";

export interface CheckOutput {
  /** Plain text in the checks list; at most 100 characters. */
  title: string;
  /** Markdown; GitHub allows 65,535 characters. */
  summary: string;
  text?: string;
}

// GitHub takes 255 characters (GITHUB_LIMITS.checkTitle); the checks list shows about 100.
const TITLE_LIMIT: TextLimit = { limit: 100, unit: "characters" };

/**
 * The check run's output: a one-line title and the same report as the PR comment, without its
 * hidden lines. An inconclusive or not-comparable check (concluded `action_required`) says in
 * its title that it blocks merging until someone acts; its summary says what to do.
 */
export function renderCheckOutput(input: PrCommentInput): CheckOutput {
  return {
    title: checkTitle(input),
    summary: fitPrReport(input, COMMENT_DETAILS, GITHUB_LIMITS.checkSummary),
  };
}

/**
 * "FAIL: 6 regressions, 9 fixes, pass rate 88.0% vs baseline 82.0%, p = 0.04"; a no-verdict names what
 * blocks it: "INCONCLUSIVE, blocks merging: only 20 items are shared with the baseline, …".
 * Plain text, not Markdown.
 */
export function checkTitle(input: PrCommentInput): string {
  const comparison = shownComparison(input);
  const label = input.verdictLabel;
  if (isNoVerdictWord(label)) {
    const reason = input.verdict.reasons[0] ?? passRateText(input);
    const blocks = input.conclusion === "neutral" ? "" : ", blocks merging";
    return fitLine(`${VERDICT_WORDS[label]}${blocks}: ${reason}`, TITLE_LIMIT);
  }
  const parts =
    comparison === undefined
      ? [`${passRateText(input)} over ${countOf(input.candidate.summary?.total ?? 0, "item")}`]
      : [
          countOf(comparison.regressions.count, "regression"),
          `${formatCount(comparison.fixes.count)} ${comparison.fixes.count === 1 ? "fix" : "fixes"}`,
          passRateText(input),
        ];
  return fitLine(`${VERDICT_WORDS[label]}: ${parts.join(", ")}`, TITLE_LIMIT);
}
