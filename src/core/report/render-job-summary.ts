import { passRateThresholds, type GateVerdict } from "../gate.js";
import type { Run } from "../model/run.js";
import { fitLevels, GITHUB_LIMITS } from "./fit-text.js";
import { passRateChart } from "./pass-rate-chart.js";
import { JOB_SUMMARY_DETAILS, type PrCommentInput } from "./pr-report-input.js";
import { footer, reportLink, shownComparison } from "./pr-report-summary.js";
import { renderCiReport } from "./render-ci-report.js";
import { renderPrReport } from "./render-pr-report.js";

/**
 * The report for `GITHUB_STEP_SUMMARY`: the PR comment's report with many more flipped items and,
 * above its footer, the Mermaid chart of per-scorer pass rates (pass-rate-chart.ts) when there is
 * a baseline to compare with; within 1 MiB.
 */
export function renderJobSummary(input: PrCommentInput): string {
  const comparison = shownComparison(input);
  const chart = comparison === undefined ? "" : passRateChart(comparison, passRateThresholds(input.verdict));
  return fitLevels(JOB_SUMMARY_DETAILS, (detail) => withChart(renderPrReport(input, detail), chart, footer(input)), GITHUB_LIMITS.jobSummary);
}

/**
 * A baseline run's job summary: the run's CI report, then a link to its HTML report when it was
 * uploaded as an artifact (only http(s) is linked). Without one there is no link: the summary is
 * on the workflow run's page already.
 */
export function renderBaselineJobSummary(run: Run, verdict: GateVerdict, htmlReportUrl?: string): string {
  const report = renderCiReport(run, verdict);
  const link = reportLink(htmlReportUrl);
  return link === undefined ? report : `${report.trimEnd()}\n\nThe [HTML report](${link}) shows every item of this run.\n`;
}

// The footer closes each experiment's report (several follow one another in a job summary), so
// the chart goes above it; a report that does not end with it gets the chart at its end.
function withChart(report: string, chart: string, footerText: string): string {
  if (chart === "") return report;
  const ending = `${footerText}\n`;
  if (!report.endsWith(ending)) return `${report}\n${chart}\n`;
  return `${report.slice(0, report.length - ending.length)}${chart}\n\n${ending}`;
}
