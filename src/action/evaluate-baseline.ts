import { checkConclusionOf } from "../core/check-conclusion.js";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { ExperimentConfig } from "../core/config/schema.js";
import { renderBaselineJobSummary } from "../core/report/render-job-summary.js";
import type { ActionContext, ExperimentResult } from "./action-context.js";
import { collectHtmlReportInput } from "./collect-html-report-input.js";
import { runLocally } from "./run-locally.js";
import { publishHtmlReport } from "./upload-html-report.js";

export interface BaselineJob {
  name: string;
  experiment: ExperimentConfig;
  sha: string;
  branch: string;
  productionUrl: string;
}

/** A push to the baseline branch: run against production and store the run as that commit's baseline. */
export async function evaluateBaseline(
  context: ActionContext,
  job: BaselineJob,
): Promise<{ result: ExperimentResult; jobSummary: string }> {
  const outcome = await runLocally(
    context,
    { name: job.name, experiment: job.experiment, targetUrl: job.productionUrl },
    { label: "baseline", role: "baseline", git: { commit: job.sha, branch: job.branch } },
  );
  const { run, verdict, store } = outcome;
  if (run.status === "errored" || run.status === "cancelled") {
    // A half-finished baseline would make every later comparison wrong: keep it off the branch.
    throw new Error(`the baseline run of ${job.name} was not stored: ${verdict.reasons[0] ?? run.status}`);
  }
  await context.results.publishFrom(store, run.id);
  context.log.info(`stored baseline ${run.id} of ${job.branch}@${job.sha.slice(0, 7)} on ${context.resultsName}`);
  const html = await publishHtmlReport(context, {
    experiment: job.name,
    load: () => collectHtmlReportInput({ candidate: { run, store } }, { verdict }),
  });
  const jobSummary = renderBaselineJobSummary(run, verdict, html?.url);
  const reportFile = path.join(context.workDir, `${job.name}.report.md`);
  await writeFile(reportFile, jobSummary);
  return {
    jobSummary,
    result: {
      experiment: job.name,
      runId: run.id,
      verdict: verdict.verdict,
      conclusion: checkConclusionOf(verdict.verdict, job.experiment.gate),
      passRate: run.summary?.pass_rate ?? 0,
      regressions: 0,
      fixes: 0,
      reportFile,
      ...(html ? { htmlReportFile: html.file } : {}),
      ...((html?.url ?? context.runUrl) ? { reportUrl: html?.url ?? context.runUrl } : {}),
    },
  };
}
