import type { Comparison } from "../comparison.js";
import type { GateVerdict } from "../gate.js";
import type { Run } from "../model/run.js";

export type { VerdictLabel } from "../check-conclusion.js";
import type { CheckConclusion, VerdictLabel } from "../check-conclusion.js";

/** Everything the PR comment, the check run and the job summary show; all three render the same report. */
export interface PrCommentInput {
  experiment: string;
  verdict: GateVerdict;
  /** "no-baseline" when no baseline run was found; the comparison is then ignored. */
  verdictLabel: VerdictLabel;
  /**
   * What the check concludes (core/check-conclusion.ts): the text says a no-verdict blocks merging
   * only when it does (`action_required`, the default when absent), not under `on_inconclusive: neutral`.
   */
  conclusion?: CheckConclusion;
  /** The candidate run, with its summary. */
  candidate: Run;
  comparison?: Comparison;
  /** Which baseline was used and how it was found, e.g. "baseline run-… of main@abc1234 (the merge base)". Plain text. */
  baselineNote?: string;
  headSha: string;
  /** Link to the full report (the workflow run, whose job summary holds it); only http(s) URLs are linked. */
  reportUrl?: string;
  /**
   * The HTML report uploaded as a workflow artifact
   * (`https://github.com/OWNER/REPO/actions/runs/RUN_ID/artifacts/ARTIFACT_ID`), linked beside
   * the full report and where items are left out; absent when it could not be uploaded.
   */
  htmlReportUrl?: string;
  /** How to create a baseline, shown when verdictLabel is "no-baseline". Plain text: it is escaped. */
  noBaselineHelp?: string;
}

/** How much of the report to show; the renderers step down these levels until the text fits. */
export interface ReportDetail {
  /** Flipped items shown in full per kind (regressions, fixes, flaky flips). */
  flippedItems: number;
  /** Code points kept of an input, expected value or output. */
  excerptLength: number;
  /** Code points kept of a scorer's reason or an error. */
  reasonLength: number;
  /** Ids listed where items are not shown in full: flipped items, new errors, one-side items. */
  listedIds: number;
  /** The errors/latency/tokens/cost table and the id lists. */
  extras: boolean;
  scorerRows: number;
}

/**
 * Richest first. Fewer flipped items with shorter excerpts first, then ids only, then no
 * detail sections; the last level holds only capped pieces, so it always fits a comment.
 */
export const COMMENT_DETAILS: readonly ReportDetail[] = [
  { flippedItems: 30, excerptLength: 300, reasonLength: 300, listedIds: 30, extras: true, scorerRows: 100 },
  { flippedItems: 20, excerptLength: 240, reasonLength: 240, listedIds: 30, extras: true, scorerRows: 100 },
  { flippedItems: 12, excerptLength: 160, reasonLength: 160, listedIds: 20, extras: true, scorerRows: 100 },
  { flippedItems: 8, excerptLength: 120, reasonLength: 120, listedIds: 20, extras: true, scorerRows: 100 },
  { flippedItems: 4, excerptLength: 80, reasonLength: 100, listedIds: 20, extras: true, scorerRows: 100 },
  { flippedItems: 0, excerptLength: 0, reasonLength: 0, listedIds: 30, extras: true, scorerRows: 100 },
  { flippedItems: 0, excerptLength: 0, reasonLength: 0, listedIds: 0, extras: false, scorerRows: 100 },
  { flippedItems: 0, excerptLength: 0, reasonLength: 0, listedIds: 0, extras: false, scorerRows: 20 },
];

/** A job summary may hold 1 MiB, so it starts with many more flipped items. */
export const JOB_SUMMARY_DETAILS: readonly ReportDetail[] = [
  { flippedItems: 500, excerptLength: 500, reasonLength: 400, listedIds: 500, extras: true, scorerRows: 1000 },
  { flippedItems: 200, excerptLength: 300, reasonLength: 300, listedIds: 200, extras: true, scorerRows: 1000 },
  ...COMMENT_DETAILS,
];
