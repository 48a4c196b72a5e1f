import { fitLevels, type TextLimit } from "./fit-text.js";
import { comparisonExtras } from "./pr-report-extras.js";
import { flakySection, flippedSection } from "./pr-report-flipped.js";
import type { PrCommentInput, ReportDetail } from "./pr-report-input.js";
import {
  countsLine,
  datasetLine,
  footer,
  gateLine,
  headline,
  noBaselineLine,
  scorerTable,
  seeFullReport,
  shownComparison,
  verdictHeading,
} from "./pr-report-summary.js";

/**
 * The report shared by the PR comment, the check run and the job summary, at one level of
 * detail: verdict, the pass-rate headline, counts, gate reasons, dataset note, scorer table,
 * regressions, fixes, flaky items (apart from both), errors and costs, footer. Blocks are
 * separated by blank lines, which `<details>` and tables need.
 */
export function renderPrReport(input: PrCommentInput, detail: ReportDetail): string {
  const comparison = shownComparison(input);
  const more = seeFullReport(input);
  const blocks = [
    verdictHeading(input),
    headline(input),
    countsLine(input),
    gateLine(input),
    datasetLine(input),
    noBaselineLine(input),
    scorerTable(input, detail),
    ...(comparison === undefined
      ? []
      : [
          flippedSection("regression", comparison.regressions, detail, more),
          flippedSection("fix", comparison.fixes, detail, more),
          flakySection(comparison.flaky, comparison.flaky_items, detail, more),
          comparisonExtras(comparison, input.verdict, detail),
        ]),
    footer(input),
  ];
  return `${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}

/** The richest report of `levels` within `limit`, measured after escaping. */
export function fitPrReport(input: PrCommentInput, levels: readonly ReportDetail[], limit: TextLimit): string {
  return fitLevels(levels, (detail) => renderPrReport(input, detail), limit);
}
