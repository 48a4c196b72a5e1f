import { utf8Length } from "./fit-to-limit.js";
import { JOB_SUMMARY_DETAILS, type PrCommentInput } from "./pr-report-input.js";
import { fitPrReport } from "./render-pr-report.js";

// GitHub takes at most 1 MiB of GITHUB_STEP_SUMMARY per step, counted in bytes.
export const JOB_SUMMARY_LIMIT_BYTES = 1_000_000;

/** The report for `GITHUB_STEP_SUMMARY`: the PR comment's report with many more flipped items. */
export function renderJobSummary(input: PrCommentInput): string {
  return fitPrReport(input, JOB_SUMMARY_DETAILS, JOB_SUMMARY_LIMIT_BYTES, utf8Length);
}
