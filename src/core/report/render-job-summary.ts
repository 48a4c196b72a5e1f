import { GITHUB_LIMITS } from "./fit-text.js";
import { JOB_SUMMARY_DETAILS, type PrCommentInput } from "./pr-report-input.js";
import { fitPrReport } from "./render-pr-report.js";

/** The report for `GITHUB_STEP_SUMMARY`: the PR comment's report with many more flipped items, within 1 MiB. */
export function renderJobSummary(input: PrCommentInput): string {
  return fitPrReport(input, JOB_SUMMARY_DETAILS, GITHUB_LIMITS.jobSummary);
}
