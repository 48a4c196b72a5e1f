import * as core from "@actions/core";
import { UserError } from "../core/errors.js";
import { findCandidateUrl } from "../github/find-candidate-url.js";
import { findPullRequestForSha } from "../github/find-pull-request.js";
import { getPullRequest } from "../github/pull-request-info.js";
import { isRefused, messageOf } from "../github/request-status.js";
import type { ActionContext, ExperimentResult, ModeOutcome } from "./action-context.js";
import type { ActionMode } from "./detect-mode.js";
import { evaluateBaseline } from "./evaluate-baseline.js";
import { evaluateCandidate, type CandidateJob } from "./evaluate-candidate.js";
import { evaluateShard } from "./evaluate-shard.js";
import { publicReasonOf } from "./public-failure-text.js";
import { reportOnlyHint, type RefusedWrite } from "./report-only-hint.js";

type BaselineMode = Extract<ActionMode, { kind: "baseline" }>;
type CandidateMode = Extract<ActionMode, { kind: "candidate" | "candidate-for-sha" }>;
type MergeGroupMode = Extract<ActionMode, { kind: "merge-group" }>;
/** What every experiment's candidate job shares. */
type CandidateTarget = Omit<CandidateJob, "name" | "experiment" | "readOnly">;

export async function runBaselineMode(context: ActionContext, mode: BaselineMode): Promise<ModeOutcome> {
  if (context.settings.shard || context.settings.mode === "merge") {
    // A baseline is one unsharded run: the shard runs of a push would never be merged.
    context.log.notice("evalgate: shard and mode: merge apply to pull requests and merge groups; baselines come from an unsharded job");
    return { results: [], failures: [] };
  }
  const productionUrl = await productionUrlOf(context, mode.sha);
  const results: ExperimentResult[] = [];
  const failures: string[] = [];
  for (const [name, experiment] of context.experiments) {
    try {
      const { result, jobSummary } = await evaluateBaseline(context, {
        name,
        experiment,
        sha: mode.sha,
        branch: mode.branch,
        productionUrl,
      });
      await core.summary.addRaw(jobSummary, true).write();
      results.push(result);
    } catch (error) {
      // One experiment's trouble never stops the next one; the step fails at the end.
      const failure = await reportFailure(context, name, error);
      failures.push(
        isRefused(error) && !context.settings["store-url"]
          ? `${failure}: give the workflow \`permissions: contents: write\` to store baselines on ${context.settings["results-branch"]}`
          : failure,
      );
    }
  }
  return { results, failures };
}

export async function runCandidateMode(
  context: ActionContext,
  mode: CandidateMode,
  payload: Record<string, unknown>,
): Promise<ModeOutcome> {
  const { octokit, owner, repo } = context;
  const number =
    mode.pullRequest ??
    (mode.kind === "candidate-for-sha" ? await findPullRequestForSha(octokit, { owner, repo, sha: mode.sha }) : undefined);
  if (!number) {
    context.log.notice(`evalgate: no open pull request has ${mode.kind === "candidate-for-sha" ? mode.sha : "this"} as its head; nothing to evaluate`);
    return { results: [], failures: [] };
  }
  const pull = await getPullRequest(octokit, { owner, repo, number });
  const headSha = (mode.kind === "candidate" ? mode.headSha : mode.sha) ?? pull.headSha;
  // A fork's pull_request run gets a read-only token and no secrets: report, write nothing.
  const fork = pull.isFork && context.workflow.eventName === "pull_request";
  if (fork) {
    context.log.notice(
      "evalgate: this pull request comes from a fork, so this run's token is read-only: the report is in the job summary and the report file only. " +
        "A trusted workflow_run workflow can post the comment and the check (see the README, 'Fork and Dependabot pull requests').",
    );
  }
  // The merge job calls no target: the shard jobs did.
  const candidateUrl = context.settings.mode === "merge" ? "" : await candidateUrlOf(context, headSha, {
    event: mode.kind === "candidate-for-sha" ? mode.deploymentStatusEvent : payload,
    deployed: "the pull request",
  });
  return evaluateEachExperiment(context, { pullRequest: number, headSha, headRef: pull.headRef, candidateUrl }, fork);
}

/**
 * A merge queue asks for the required checks on its group's head commit: evaluate that commit
 * against the baseline of the group's base commit and conclude the check there. A merge group has
 * no conversation, so no comment: the report is in the job summary.
 */
export async function runMergeGroupMode(context: ActionContext, mode: MergeGroupMode): Promise<ModeOutcome> {
  context.log.info(
    `evalgate: merge group ${mode.headSha.slice(0, 7)}${mode.headRef ? ` (${mode.headRef})` : ""}, compared with the baseline of its base commit ${mode.baseSha.slice(0, 7)}`,
  );
  // The group's own deployment first (providers that deploy the queue's gh-readonly-queue/… branches); else candidate-url.
  const candidateUrl =
    context.settings.mode === "merge"
      ? ""
      : await candidateUrlOf(context, mode.headSha, { deploymentFirst: true, deployed: "the merge queue's branches" });
  return evaluateEachExperiment(
    context,
    { headSha: mode.headSha, ...(mode.headRef ? { headRef: mode.headRef } : {}), baseSha: mode.baseSha, candidateUrl },
    false,
  );
}

async function evaluateEachExperiment(context: ActionContext, target: CandidateTarget, readOnly: boolean): Promise<ModeOutcome> {
  const results: ExperimentResult[] = [];
  const failures: string[] = [];
  // The first write GitHub refuses (a read-only token although the PR is no fork) makes the rest report-only.
  let refused: RefusedWrite | undefined;
  for (const [name, experiment] of context.experiments) {
    try {
      if (context.settings.shard) {
        const { jobSummary } = await evaluateShard(context, { ...target, name, experiment, shard: context.settings.shard });
        await core.summary.addRaw(jobSummary, true).write();
        continue;
      }
      const outcome = await evaluateCandidate(context, { ...target, name, experiment, readOnly: readOnly || refused !== undefined });
      await core.summary.addRaw(outcome.jobSummary, true).write();
      results.push(outcome.result);
      failures.push(...outcome.unpublished.map((what) => `could not publish ${what}`));
      refused ??= outcome.refused;
    } catch (error) {
      // One experiment's trouble never changes another's check or stops its evaluation.
      failures.push(await reportFailure(context, name, error));
    }
  }
  if (refused) {
    context.log.warning(
      reportOnlyHint(refused, { actor: context.workflow.actor, resultsBranch: context.settings["store-url"] ? undefined : context.settings["results-branch"] }),
    );
  }
  return { results, failures };
}

/** The job summary says what failed without the error's text (it may quote the dataset); the log has it all. */
async function reportFailure(context: ActionContext, name: string, error: unknown): Promise<string> {
  await core.summary.addRaw(`### evalgate / ${name}\n\nThis experiment could not be evaluated: ${publicReasonOf(error)}.\n`, true).write();
  return `${name} could not be evaluated: ${messageOf(error)}`;
}

/**
 * The candidate-url input, else the deployment of `sha`. `deploymentFirst`: the deployment when one
 * exists, else the input (then only a deployment already under way is awaited).
 */
async function candidateUrlOf(
  context: ActionContext,
  sha: string,
  source: { event?: unknown; deploymentFirst?: boolean; deployed: string },
): Promise<string> {
  const given = context.settings["candidate-url"];
  if (given && !source.deploymentFirst) return given;
  const found = await deploymentUrlOf(context, sha, source.event, { waitForNewDeployment: !given });
  if (found) {
    context.log.info(`candidate ${found.url} (from the ${found.source})`);
    return found.url;
  }
  if (given) {
    context.log.info(`candidate ${given} (the candidate-url input: no successful deployment of ${sha.slice(0, 7)})`);
    return given;
  }
  throw new UserError(
    `no candidate URL for ${sha.slice(0, 7)}: set the candidate-url input, or deploy ${source.deployed} so that a successful deployment of ${sha.slice(0, 7)} exists (deployment-environment: ${context.settings["deployment-environment"] ?? "any"})`,
  );
}

async function productionUrlOf(context: ActionContext, sha: string): Promise<string> {
  const given = context.settings["production-url"] ?? context.workflow.targetUrl;
  if (given) return given;
  const found = await deploymentUrlOf(context, sha, undefined, {});
  if (!found) {
    throw new UserError(
      `no production URL for ${sha.slice(0, 7)}: set the production-url input (or EVALGATE_TARGET_URL), or deploy the commit`,
    );
  }
  return found.url;
}

/** The newest successful deployment of `sha` (from the event when it is one), waiting up to deployment-timeout. */
function deploymentUrlOf(context: ActionContext, sha: string, event: unknown, options: { waitForNewDeployment?: boolean }) {
  return findCandidateUrl(context.octokit, {
    owner: context.owner,
    repo: context.repo,
    sha,
    ...(context.settings["deployment-environment"] ? { environment: context.settings["deployment-environment"] } : {}),
    timeoutMs: context.settings["deployment-timeout"],
    pollMs: context.workflow.deploymentPollMs,
    ...(event ? { event } : {}),
    ...options,
    log: context.log,
  });
}
