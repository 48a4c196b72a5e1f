import { randomUUID } from "node:crypto";
import { cutToFit, fitLine, GITHUB_LIMITS } from "../core/report/fit-text.js";
import { createOnce } from "./create-once.js";
import type { AdapterLog, GitHubClient } from "./github-client.js";
import { messageOf, statusOf } from "./request-status.js";

const TRUNCATED_NOTE = "\n\n_… truncated to fit GitHub's 65,535-character limit for check output._";

export type { CheckConclusion } from "../core/check-conclusion.js";
import type { CheckConclusion } from "../core/check-conclusion.js";

/**
 * `actor` is the login the token writes as, read from GitHub's answer (the check run's app, the
 * status's creator): an installation token may not ask `GET /user` who it is.
 */
export type CheckHandle =
  | { kind: "check-run"; owner: string; repo: string; name: string; headSha: string; id: number; url: string; actor: string }
  | { kind: "commit-status"; owner: string; repo: string; name: string; headSha: string; url?: string; actor: string };

// GITHUB_TOKEN belongs to the GitHub Actions app, whose bot user writes its comments.
const GITHUB_ACTIONS_BOT = "github-actions[bot]";

export interface StartCheckInput {
  owner: string;
  repo: string;
  /** What branch protection requires: the check run's name, or the status's context. */
  name: string;
  headSha: string;
  detailsUrl?: string;
  log?: AdapterLog;
}

export interface FinishCheckInput {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
}

/** The token may not create check runs (e.g. a token without `checks: write`). */
function isChecksForbidden(error: unknown): boolean {
  return statusOf(error) === 403 && /resource not accessible by integration/i.test(messageOf(error));
}

/**
 * Marks the head commit as being evaluated: an in-progress check run, or a pending commit status
 * when the token may not create check runs.
 */
export async function startCheck(octokit: GitHubClient, input: StartCheckInput): Promise<CheckHandle> {
  const { owner, repo, name, headSha, detailsUrl } = input;
  const externalId = `evalgate-${randomUUID()}`;
  try {
    const run = await createOnce({
      what: `check run "${name}"`,
      ...(input.log ? { log: input.log } : {}),
      create: async () =>
        (
          await octokit.rest.checks.create({
            owner,
            repo,
            name,
            head_sha: headSha,
            status: "in_progress",
            external_id: externalId,
            ...(detailsUrl ? { details_url: detailsUrl } : {}),
            request: { retries: 0 },
          })
        ).data,
      findCreated: async () => {
        const listed = await octokit.rest.checks.listForRef({ owner, repo, ref: headSha, check_name: name, filter: "all", per_page: 100 });
        return listed.data.check_runs.find((run) => run.external_id === externalId);
      },
    });
    const actor = run.app?.slug ? `${run.app.slug}[bot]` : GITHUB_ACTIONS_BOT;
    return { kind: "check-run", owner, repo, name, headSha, id: run.id, url: run.html_url ?? "", actor };
  } catch (error) {
    if (!isChecksForbidden(error)) throw error;
  }
  input.log?.info(`The token may not create check runs; reporting "${name}" as a commit status instead (grant \`checks: write\` for a check run).`);
  const status = await octokit.rest.repos.createCommitStatus({
    owner,
    repo,
    sha: headSha,
    state: "pending",
    context: name,
    description: "evalgate is running",
    ...(detailsUrl ? { target_url: detailsUrl } : {}),
  });
  const actor = status.data.creator?.login ?? GITHUB_ACTIONS_BOT;
  return { kind: "commit-status", owner, repo, name, headSha, ...(detailsUrl ? { url: detailsUrl } : {}), actor };
}

/** Completes the check with the verdict; returns the URL a user can open, when there is one. */
export async function finishCheck(octokit: GitHubClient, handle: CheckHandle, result: FinishCheckInput): Promise<string | undefined> {
  const title = fitLine(result.title, GITHUB_LIMITS.checkTitle);
  if (handle.kind === "commit-status") {
    await octokit.rest.repos.createCommitStatus({
      owner: handle.owner,
      repo: handle.repo,
      sha: handle.headSha,
      // A commit status has no "neutral" or "action_required": neutral must not block a merge, so
      // it reads as success; action_required must, so it reads as failure.
      state: result.conclusion === "failure" || result.conclusion === "action_required" ? "failure" : "success",
      context: handle.name,
      description: fitLine(result.title, GITHUB_LIMITS.statusDescription),
      ...(handle.url ? { target_url: handle.url } : {}),
    });
    return handle.url;
  }
  const updated = await octokit.rest.checks.update({
    owner: handle.owner,
    repo: handle.repo,
    check_run_id: handle.id,
    status: "completed",
    conclusion: result.conclusion,
    completed_at: new Date().toISOString(),
    output: {
      title,
      summary: cutToFit(result.summary, GITHUB_LIMITS.checkSummary, TRUNCATED_NOTE),
      ...(result.text !== undefined ? { text: cutToFit(result.text, GITHUB_LIMITS.checkText, TRUNCATED_NOTE) } : {}),
    },
  });
  return updated.data.html_url ?? handle.url;
}
