import { writeFile } from "node:fs/promises";
import path from "node:path";
import { compareRuns } from "../core/compare-runs.js";
import type { Comparison } from "../core/comparison.js";
import type { ExperimentConfig } from "../core/config/schema.js";
import { decideVerdict } from "../core/gate.js";
import type { PrCommentInput, VerdictLabel } from "../core/report/pr-report-input.js";
import { shownComparison } from "../core/report/pr-report-summary.js";
import { renderJobSummary } from "../core/report/render-job-summary.js";
import { compareCommitRange, findMergeBase } from "../github/find-merge-base.js";
import { finishCheck, startCheck, type CheckHandle } from "../github/publish-check.js";
import { githubMessageOf, isRefused, messageOf } from "../github/request-status.js";
import type { ActionContext, ExperimentResult } from "./action-context.js";
import { chooseBaseline, type ChosenBaseline } from "./choose-baseline.js";
import { publicReasonOf } from "./public-failure-text.js";
import { publishCandidate, type PublicationResult } from "./publish-candidate.js";
import type { RefusedWrite } from "./report-only-hint.js";
import { runLocally, type LocalRun } from "./run-locally.js";
import { mergeCandidateShards } from "./merge-candidate-shards.js";
import type { Run } from "../core/model/run.js";
import { baselineProblems } from "../core/baseline-fitness.js";
import { checkConclusionOf } from "../core/check-conclusion.js";
import { collectHtmlReportInput } from "./collect-html-report-input.js";
import { publishHtmlReport, type HtmlReport } from "./upload-html-report.js";

export interface CandidateJob {
  name: string;
  experiment: ExperimentConfig;
  /** Undefined for a candidate without a pull request (a merge group): nothing to comment on. */
  pullRequest?: number;
  headSha: string;
  headRef?: string;
  /**
   * The commit whose baseline to compare with, when the event names it (a merge group's base);
   * else the merge base of the head and the baseline branch.
   */
  baseSha?: string;
  candidateUrl: string;
  /** A read-only token (a fork's, or one GitHub already refused a write): report to the job summary and an artifact only. */
  readOnly: boolean;
}

export interface CandidateOutcome {
  result: ExperimentResult;
  report: PrCommentInput;
  jobSummary: string;
  /** What could not be published after GitHub's own retries; the step fails naming these. */
  unpublished: string[];
  /** A write GitHub refused (403): this experiment reported only, and the next ones will too. */
  refused?: RefusedWrite;
}

const NO_BASELINE_HELP =
  "No baseline run exists yet for this experiment. Run the evalgate workflow on a push to the baseline branch (or dispatch it there) to store one; later pull requests are compared with it.";

/** Runs one experiment on a candidate (a pull request's, a merge group's), compares with the baseline, gates, stores, then reports. */
export async function evaluateCandidate(context: ActionContext, job: CandidateJob): Promise<CandidateOutcome> {
  const opened = job.readOnly ? {} : await openCheck(context, job);
  let evaluated: { outcome: LocalRun; report: PrCommentInput; jobSummary: string; reportFile: string; html?: HtmlReport };
  try {
    const outcome = await runCandidate(context, job);
    const judged = await buildReport(context, job, outcome);
    // Uploaded before the check and the comment, so both (and the job summary) can link it.
    const html = await publishCandidateHtml(context, job, outcome, judged);
    const report: PrCommentInput = html?.url ? { ...judged.report, htmlReportUrl: html.url } : judged.report;
    const jobSummary = renderJobSummary(report);
    const reportFile = path.join(context.workDir, `${job.name}.report.md`);
    await writeFile(reportFile, jobSummary);
    evaluated = { outcome, report, jobSummary, reportFile, ...(html ? { html } : {}) };
  } catch (error) {
    // Nothing concluded the check yet, and it must not stay "in progress" forever. Its text is
    // public: the error's own text (which may quote the dataset) goes to the job log only.
    if (opened.check) {
      await finishCheck(context.octokit, opened.check, {
        conclusion: "failure",
        title: "evalgate could not complete",
        summary: `evalgate could not complete this evaluation: ${publicReasonOf(error)}.`,
      }).catch((closing: unknown) => context.log.warning(`evalgate: the check of ${job.name} stays open: ${messageOf(closing)}`));
    }
    throw error;
  }
  const { outcome, report, jobSummary, reportFile, html } = evaluated;
  const conclusion = report.conclusion ?? checkConclusionOf(report.verdictLabel, job.experiment.gate);
  const published: PublicationResult =
    job.readOnly || opened.refused
      ? { unpublished: [] }
      : await publishCandidate(context, {
          name: job.name,
          ...(job.pullRequest !== undefined ? { pullRequest: job.pullRequest } : {}),
          headSha: job.headSha,
          runId: outcome.run.id,
          store: outcome.store,
          report,
          conclusion,
          check: opened.check,
        });
  const refused = opened.refused ?? published.refused;
  return {
    report,
    jobSummary,
    unpublished: published.unpublished,
    ...(refused ? { refused } : {}),
    result: {
      experiment: job.name,
      runId: outcome.run.id,
      verdict: report.verdictLabel,
      conclusion,
      passRate: report.candidate.summary?.pass_rate ?? 0,
      ...(report.comparison ? { baselinePassRate: report.comparison.pass_rate.baseline } : {}),
      regressions: report.comparison?.regressions.count ?? 0,
      fixes: report.comparison?.fixes.count ?? 0,
      ...(published.commentUrl ? { commentUrl: published.commentUrl } : {}),
      reportFile,
      ...(html ? { htmlReportFile: html.file } : {}),
      ...((html?.url ?? context.runUrl) ? { reportUrl: html?.url ?? context.runUrl } : {}),
    },
  };
}

/**
 * The in-progress check, opened before the run so the pull request shows it. A refusal (403)
 * makes the run report-only; any other failure is reported at the end, and the run goes on.
 */
async function openCheck(
  context: ActionContext,
  job: CandidateJob,
): Promise<{ check?: CheckHandle; refused?: RefusedWrite }> {
  try {
    const check = await startCheck(context.octokit, {
      owner: context.owner,
      repo: context.repo,
      name: `evalgate / ${job.name}`,
      headSha: job.headSha,
      ...(context.runUrl ? { detailsUrl: context.runUrl } : {}),
      log: context.log,
    });
    return { check };
  } catch (error) {
    if (isRefused(error)) {
      context.log.info(`evalgate: opening the check of ${job.name} was refused: ${messageOf(error)}`);
      return { refused: { what: "create the check run", message: githubMessageOf(error) } };
    }
    context.log.warning(`evalgate: opening the check of ${job.name} failed: ${messageOf(error)}`);
    return {};
  }
}

/** The HTML report of the judged candidate (against its baseline when there was one); never throws. */
function publishCandidateHtml(
  context: ActionContext,
  job: CandidateJob,
  outcome: LocalRun,
  judged: { report: PrCommentInput; baseline?: Run },
): Promise<HtmlReport | undefined> {
  const comparison = shownComparison(judged.report);
  return publishHtmlReport(context, {
    experiment: job.name,
    ...(context.settings.variant !== undefined ? { variant: context.settings.variant } : {}),
    load: () =>
      collectHtmlReportInput(
        {
          ...(judged.baseline && comparison ? { baseline: { run: judged.baseline, store: context.results } } : {}),
          candidate: { run: outcome.run, store: outcome.store },
        },
        { comparison, verdict: judged.report.verdict },
      ),
  });
}

function runCandidate(context: ActionContext, job: CandidateJob): Promise<LocalRun> {
  if (context.settings.mode === "merge") return mergeCandidateShards(context, job);
  return runLocally(
    context,
    { name: job.name, experiment: job.experiment, targetUrl: job.candidateUrl },
    {
      ...(job.pullRequest !== undefined ? { label: `pr-${job.pullRequest}`, pullRequest: job.pullRequest } : { label: "merge-group" }),
      role: "candidate",
      git: { commit: job.headSha, ...(job.headRef ? { branch: job.headRef } : {}) },
    },
  );
}

/** The report of the candidate against its baseline (when one was found), and that baseline run. */
async function buildReport(context: ActionContext, job: CandidateJob, outcome: LocalRun): Promise<{ report: PrCommentInput; baseline?: Run }> {
  const baselines = await context.results.findRuns({ experiment: job.name, role: "baseline" });
  // A merge group's head sits on its base commit, which is then the merge base: no need to ask.
  const mergeBase =
    job.baseSha ??
    (baselines.length
      ? await findMergeBase(context.octokit, { owner: context.owner, repo: context.repo, base: context.baselineBranch, head: job.headSha })
      : undefined);
  const chosen = chooseBaseline(baselines, {
    datasetVersion: outcome.datasetVersion,
    baselineBranch: context.baselineBranch,
    ...(mergeBase ? { mergeBase } : {}),
  });
  const baselineRun = chosen ? await context.results.getRun(chosen.runId) : undefined;
  const compared = chosen && baselineRun ? await compareWithBaseline(context, job, outcome, baselineRun, chosen, mergeBase) : undefined;
  const comparison = compared?.comparison;
  const verdict = decideVerdict({
    gate: job.experiment.gate,
    maxErrorRate: job.experiment.max_error_rate,
    status: outcome.run.status,
    itemCount: outcome.run.item_count,
    summary: outcome.run.summary!,
    ...(compared ? { comparison: compared.comparison, baselineProblems: compared.problems } : {}),
  });
  const verdictLabel: VerdictLabel = comparison || verdict.verdict === "fail" ? verdict.verdict : "no-baseline";
  const report: PrCommentInput = {
    experiment: job.name,
    verdict,
    verdictLabel,
    conclusion: checkConclusionOf(verdictLabel, job.experiment.gate),
    candidate: outcome.run,
    ...(comparison ? { comparison } : {}),
    ...(chosen && comparison ? { baselineNote: chosen.note } : {}),
    headSha: job.headSha,
    ...(context.runUrl ? { reportUrl: context.runUrl } : {}),
    ...(comparison ? {} : { noBaselineHelp: NO_BASELINE_HELP }),
  };
  return { report, ...(baselineRun && comparison ? { baseline: baselineRun } : {}) };
}

/**
 * The candidate against the chosen baseline, under the experiment's significance, cluster and
 * critical scorers, and why that baseline cannot serve (core/baseline-fitness.ts). Its age is
 * asked of GitHub only when the gate sets `baseline_max_age`.
 */
async function compareWithBaseline(
  context: ActionContext,
  job: CandidateJob,
  outcome: LocalRun,
  baseline: Run,
  chosen: ChosenBaseline,
  mergeBase: string | undefined,
): Promise<{ comparison: Comparison; problems: string[] }> {
  const { gate, cluster, max_error_rate: maxErrorRate } = job.experiment;
  const critical = new Set(job.experiment.scorers.filter((ref) => ref.severity === "critical").map((ref) => ref.label));
  const comparison = await compareRuns(
    { run: baseline, items: context.results.runItems(baseline.id) },
    { run: outcome.run, items: outcome.store.runItems(outcome.run.id) },
    { ...(gate.significance !== undefined ? { alpha: gate.significance } : {}), ...(cluster !== undefined ? { cluster } : {}), critical },
  );
  const [baselineVersion, candidateVersion] = await Promise.all([
    context.results.getExperimentVersion(baseline.experiment, baseline.experiment_version),
    outcome.store.getExperimentVersion(outcome.run.experiment, outcome.run.experiment_version),
  ]);
  const age = gate.baseline_max_age === undefined ? undefined : await baselineAge(context, chosen, mergeBase);
  const problems = baselineProblems({
    baseline,
    candidate: outcome.run,
    baselineItems: comparison.items.shared + comparison.items.only_baseline.count,
    baselineDefinition: baselineVersion?.definition,
    candidateDefinition: candidateVersion?.definition,
    gate,
    maxErrorRate,
    ...(age !== undefined ? { baselineAgeCommits: age } : {}),
  });
  if (gate.baseline_max_age !== undefined && age === undefined) {
    problems.push("its age in commits cannot be told (GitHub knows no common history of its commit and the base), and the gate sets baseline_max_age");
  }
  return { comparison, problems };
}

async function baselineAge(context: ActionContext, chosen: ChosenBaseline, mergeBase: string | undefined): Promise<number | undefined> {
  if (chosen.atMergeBase) return 0;
  if (chosen.commit === undefined || mergeBase === undefined) return undefined;
  const range = await compareCommitRange(context.octokit, { owner: context.owner, repo: context.repo, base: chosen.commit, head: mergeBase });
  return range?.aheadBy;
}
