import { writeFile } from "node:fs/promises";
import path from "node:path";
import { compareRuns } from "../core/compare-runs.js";
import type { Comparison } from "../core/comparison.js";
import type { ExperimentConfig } from "../core/config/schema.js";
import { evaluateGate } from "../core/gate.js";
import { isCommentFor, parseCommentMeta } from "../core/report/comment-marker.js";
import type { PrCommentInput, VerdictLabel } from "../core/report/pr-report-input.js";
import { renderCheckOutput } from "../core/report/render-check-output.js";
import { commentMetaOf, renderPrComment } from "../core/report/render-pr-comment.js";
import { renderJobSummary } from "../core/report/render-job-summary.js";
import { findMergeBase } from "../github/find-merge-base.js";
import { finishCheck, startCheck, type CheckHandle } from "../github/publish-check.js";
import { upsertPrComment } from "../github/upsert-pr-comment.js";
import { publishRun } from "../store/results-branch/publish-run.js";
import type { ActionContext, ExperimentResult } from "./action-context.js";
import { chooseBaseline } from "./choose-baseline.js";
import { runLocally } from "./run-locally.js";

export interface CandidateJob {
  name: string;
  experiment: ExperimentConfig;
  pullRequest: number;
  headSha: string;
  headRef?: string;
  candidateUrl: string;
  /** A fork's read-only token: report to the job summary and an artifact only. */
  readOnly: boolean;
}

export interface CandidateOutcome {
  result: ExperimentResult;
  report: PrCommentInput;
  jobSummary: string;
}

const NO_BASELINE_HELP =
  "No baseline run exists yet for this experiment. Run the evalgate workflow on a push to the baseline branch (or dispatch it there) to store one; later pull requests are compared with it.";

/** Runs one experiment on a pull request's candidate, compares with the baseline, reports, gates. */
export async function evaluateCandidate(context: ActionContext, job: CandidateJob): Promise<CandidateOutcome> {
  const { octokit, owner, repo, log } = context;
  const checkName = `evalgate / ${job.name}`;
  const check: CheckHandle | undefined = job.readOnly
    ? undefined
    : await startCheck(octokit, {
        owner,
        repo,
        name: checkName,
        headSha: job.headSha,
        ...(context.runUrl ? { detailsUrl: context.runUrl } : {}),
        log,
      });
  try {
    const outcome = await runCandidate(context, job);
    const report = await buildReport(context, job, outcome);
    const jobSummary = renderJobSummary(report);
    const reportFile = path.join(context.workDir, `${job.name}.report.md`);
    await writeFile(reportFile, jobSummary);

    let commentUrl: string | undefined;
    if (!job.readOnly) {
      commentUrl = await postComment(context, job, report);
      const output = renderCheckOutput(report);
      await finishCheck(octokit, check!, { conclusion: conclusionOf(report.verdictLabel, report), ...output });
      await publishRun(outcome.store, outcome.run.id, context.results);
      log.info(`stored run ${outcome.run.id} on ${context.settings["results-branch"]}`);
    }
    return {
      report,
      jobSummary,
      result: {
        experiment: job.name,
        runId: outcome.run.id,
        verdict: report.verdictLabel,
        passRate: report.candidate.summary?.pass_rate ?? 0,
        ...(report.comparison ? { baselinePassRate: report.comparison.pass_rate.baseline } : {}),
        regressions: report.comparison?.regressions.count ?? 0,
        fixes: report.comparison?.fixes.count ?? 0,
        ...(commentUrl ? { commentUrl } : {}),
        reportFile,
      },
    };
  } catch (error) {
    // The check must not stay "in progress" forever: close it, then let the error surface once.
    if (check) {
      const message = error instanceof Error ? error.message : String(error);
      await finishCheck(octokit, check, {
        conclusion: "failure",
        title: "evalgate could not complete",
        summary: `evalgate could not complete this evaluation:\n\n${message.slice(0, 2000)}`,
      }).catch(() => undefined);
    }
    throw error;
  }
}

function runCandidate(context: ActionContext, job: CandidateJob) {
  return runLocally(
    context,
    { name: job.name, experiment: job.experiment, targetUrl: job.candidateUrl },
    {
      label: `pr-${job.pullRequest}`,
      role: "candidate",
      pullRequest: job.pullRequest,
      git: { commit: job.headSha, ...(job.headRef ? { branch: job.headRef } : {}) },
    },
  );
}

async function buildReport(
  context: ActionContext,
  job: CandidateJob,
  outcome: Awaited<ReturnType<typeof runCandidate>>,
): Promise<PrCommentInput> {
  const baselines = await context.results.findRuns({ experiment: job.name, role: "baseline" });
  const mergeBase = baselines.length
    ? await findMergeBase(context.octokit, { owner: context.owner, repo: context.repo, base: context.baselineBranch, head: job.headSha })
    : undefined;
  const chosen = chooseBaseline(baselines, {
    datasetVersion: outcome.datasetVersion,
    baselineBranch: context.baselineBranch,
    ...(mergeBase ? { mergeBase } : {}),
  });
  let comparison: Comparison | undefined;
  if (chosen) {
    const baselineRun = await context.results.getRun(chosen.runId);
    if (baselineRun) {
      comparison = await compareRuns(
        { run: baselineRun, items: context.results.runItems(baselineRun.id) },
        { run: outcome.run, items: outcome.store.runItems(outcome.run.id) },
      );
    }
  }
  const summary = outcome.run.summary!;
  const gate = evaluateGate(job.experiment.gate, { summary, ...(comparison ? { comparison } : {}) });
  // A run that could not complete never passes, whatever its partial numbers say; the engine
  // already put the reason first in the run's verdict.
  const unfinished = outcome.run.status === "errored" || outcome.run.status === "cancelled";
  const verdict = unfinished
    ? { ...gate, verdict: "fail" as const, reasons: outcome.run.verdict_reasons ?? gate.reasons }
    : gate;
  const verdictLabel: VerdictLabel = comparison || verdict.verdict === "fail" ? verdict.verdict : "no-baseline";
  return {
    experiment: job.name,
    verdict,
    verdictLabel,
    candidate: outcome.run,
    ...(comparison ? { comparison } : {}),
    ...(chosen && comparison ? { baselineNote: chosen.note } : {}),
    headSha: job.headSha,
    ...(context.runUrl ? { reportUrl: context.runUrl } : {}),
    ...(comparison ? {} : { noBaselineHelp: NO_BASELINE_HELP }),
  };
}

async function postComment(context: ActionContext, job: CandidateJob, report: PrCommentInput): Promise<string | undefined> {
  const mode = context.settings.comment;
  if (mode === "never") return undefined;
  const meta = commentMetaOf(report);
  const result = await upsertPrComment(context.octokit, {
    owner: context.owner,
    repo: context.repo,
    issueNumber: job.pullRequest,
    body: renderPrComment(report),
    isOurs: (body) => isCommentFor(body, job.name),
    headSha: job.headSha,
    mode,
    // on-change: post only when something flipped or the verdict moved since the last comment.
    shouldPost: (previous) => {
      const before = previous ? parseCommentMeta(previous) : undefined;
      return meta.regressions + meta.fixes > 0 || before?.verdict !== meta.verdict;
    },
    log: context.log,
  });
  context.log.info(`comment ${result.action}${result.url ? `: ${result.url}` : ""}`);
  return result.url;
}

function conclusionOf(label: VerdictLabel, report: PrCommentInput): "success" | "failure" | "neutral" {
  if (label === "fail" || report.verdict.verdict === "fail") return "failure";
  return label === "no-baseline" ? "neutral" : "success";
}
