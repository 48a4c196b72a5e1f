import * as core from "@actions/core";
import { UserError } from "../core/errors.js";
import { findCandidateUrl } from "../github/find-candidate-url.js";
import { findPullRequestForSha } from "../github/find-pull-request.js";
import { getPullRequest } from "../github/pull-request-info.js";
import type { ActionContext, ExperimentResult } from "./action-context.js";
import type { ActionMode } from "./detect-mode.js";
import { evaluateBaseline } from "./evaluate-baseline.js";
import { evaluateCandidate } from "./evaluate-candidate.js";

type BaselineMode = Extract<ActionMode, { kind: "baseline" }>;
type CandidateMode = Extract<ActionMode, { kind: "candidate" | "candidate-for-sha" }>;

export async function runBaselineMode(context: ActionContext, mode: BaselineMode): Promise<ExperimentResult[]> {
  const productionUrl = await productionUrlOf(context, mode.sha);
  const results: ExperimentResult[] = [];
  for (const [name, experiment] of context.experiments) {
    const { result, jobSummary } = await evaluateBaseline(context, {
      name,
      experiment,
      sha: mode.sha,
      branch: mode.branch,
      productionUrl,
    });
    await core.summary.addRaw(jobSummary, true).write();
    results.push(result);
  }
  return results;
}

export async function runCandidateMode(
  context: ActionContext,
  mode: CandidateMode,
  payload: Record<string, unknown>,
): Promise<ExperimentResult[]> {
  const { octokit, owner, repo } = context;
  const number =
    mode.pullRequest ??
    (mode.kind === "candidate-for-sha" ? await findPullRequestForSha(octokit, { owner, repo, sha: mode.sha }) : undefined);
  if (!number) {
    context.log.notice(`evalgate: no open pull request has ${mode.kind === "candidate-for-sha" ? mode.sha : "this"} as its head; nothing to evaluate`);
    return [];
  }
  const pull = await getPullRequest(octokit, { owner, repo, number });
  const headSha = (mode.kind === "candidate" ? mode.headSha : mode.sha) ?? pull.headSha;
  // A fork's pull_request run gets a read-only token and no secrets: report, write nothing.
  const readOnly = pull.isFork && context.env.GITHUB_EVENT_NAME === "pull_request";
  if (readOnly) {
    context.log.notice(
      "evalgate: this pull request comes from a fork, so this run's token is read-only: the report is in the job summary and the report file only. " +
        "A trusted workflow_run workflow can post the comment and the check (see the README, 'Fork pull requests').",
    );
  }
  const candidateUrl = await candidateUrlOf(context, headSha, mode.kind === "candidate-for-sha" ? mode.deploymentStatusEvent : payload);
  const results: ExperimentResult[] = [];
  for (const [name, experiment] of context.experiments) {
    const { result, jobSummary } = await evaluateCandidate(context, {
      name,
      experiment,
      pullRequest: number,
      headSha,
      headRef: pull.headRef,
      candidateUrl,
      readOnly,
    });
    await core.summary.addRaw(jobSummary, true).write();
    results.push(result);
  }
  return results;
}

async function candidateUrlOf(context: ActionContext, sha: string, event: unknown): Promise<string> {
  const given = context.settings["candidate-url"];
  if (given) return given;
  const found = await deploymentUrlOf(context, sha, event);
  if (!found) {
    throw new UserError(
      `no candidate URL for ${sha.slice(0, 7)}: set the candidate-url input, or deploy the pull request so that a successful deployment of its head commit exists (deployment-environment: ${context.settings["deployment-environment"] ?? "any"})`,
    );
  }
  context.log.info(`candidate ${found.url} (from the ${found.source})`);
  return found.url;
}

async function productionUrlOf(context: ActionContext, sha: string): Promise<string> {
  const given = context.settings["production-url"] ?? context.env.EVALGATE_TARGET_URL;
  if (given) return given;
  const found = await deploymentUrlOf(context, sha, undefined);
  if (!found) {
    throw new UserError(
      `no production URL for ${sha.slice(0, 7)}: set the production-url input (or EVALGATE_TARGET_URL), or deploy the commit`,
    );
  }
  return found.url;
}

/** The newest successful deployment of `sha` (from the event when it is one), waiting up to deployment-timeout. */
function deploymentUrlOf(context: ActionContext, sha: string, event: unknown) {
  return findCandidateUrl(context.octokit, {
    owner: context.owner,
    repo: context.repo,
    sha,
    ...(context.settings["deployment-environment"] ? { environment: context.settings["deployment-environment"] } : {}),
    timeoutMs: context.settings["deployment-timeout"],
    pollMs: Number(context.env.EVALGATE_POLL_MS ?? 10_000),
    ...(event ? { event } : {}),
    log: context.log,
  });
}
