import * as core from "@actions/core";
import path from "node:path";
import type { ExperimentResult } from "./action-context.js";
import type { VerdictLabel } from "../core/check-conclusion.js";
import { formatFraction } from "../core/stats.js";

// The worst verdict of several experiments: a failure, then no verdict, then no baseline yet.
const VERDICTS_WORST_FIRST: readonly VerdictLabel[] = ["fail", "not_comparable", "inconclusive", "no-baseline", "pass"];

/**
 * PRODUCT.md's outputs. With several experiments: the worst verdict, summed counts, the pass
 * rate over all of them, space-separated run ids, comment URLs and report URLs, and the
 * directory of the report files.
 */
export async function setActionOutputs(results: readonly ExperimentResult[]): Promise<void> {
  const verdict = VERDICTS_WORST_FIRST.find((label) => results.some((r) => r.verdict === label)) ?? "pass";
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  const baselineRates = results.flatMap((r) => (r.baselinePassRate === undefined ? [] : [r.baselinePassRate]));
  core.setOutput("run-id", results.map((r) => r.runId).join(" "));
  core.setOutput("verdict", verdict);
  core.setOutput("pass-rate", formatFraction(mean(results.map((r) => r.passRate))));
  core.setOutput("baseline-pass-rate", baselineRates.length ? formatFraction(mean(baselineRates)) : "");
  core.setOutput("regressions", String(results.reduce((sum, r) => sum + r.regressions, 0)));
  core.setOutput("fixes", String(results.reduce((sum, r) => sum + r.fixes, 0)));
  core.setOutput("report-path", results.length === 1 ? results[0]!.reportFile : path.dirname(results[0]!.reportFile));
  core.setOutput("comment-url", results.flatMap((r) => (r.commentUrl ? [r.commentUrl] : [])).join(" "));
  core.setOutput("report-url", results.flatMap((r) => (r.reportUrl ? [r.reportUrl] : [])).join(" "));
  const htmlFiles = results.flatMap((r) => (r.htmlReportFile ? [r.htmlReportFile] : []));
  // Every report is in the one work dir: several experiments give that directory, as report-path does.
  core.setOutput("html-report-path", htmlFiles.length === 1 ? htmlFiles[0]! : htmlFiles.length > 1 ? path.dirname(htmlFiles[0]!) : "");
}
