import { isCommentFor, parseCommentMeta } from "../core/report/comment-marker.js";
import type { PrCommentInput } from "../core/report/pr-report-input.js";
import { renderCheckOutput } from "../core/report/render-check-output.js";
import { commentMetaOf, renderPrComment } from "../core/report/render-pr-comment.js";
import { finishCheck, type CheckConclusion, type CheckHandle } from "../github/publish-check.js";
import { githubMessageOf, isRefused, messageOf } from "../github/request-status.js";
import { upsertPrComment } from "../github/upsert-pr-comment.js";
import type { RunStore } from "../store/run-store.js";
import type { ActionContext } from "./action-context.js";
import type { RefusedWrite } from "./report-only-hint.js";

export interface CandidatePublication {
  name: string;
  /** Undefined for a merge group: no conversation, so no comment. */
  pullRequest?: number;
  headSha: string;
  runId: string;
  /** Where the finished run is now (the runner's embedded store). */
  store: RunStore;
  report: PrCommentInput;
  /** What the check concludes (core/check-conclusion.ts). */
  conclusion: CheckConclusion;
  /** The in-progress check; undefined when it could not be opened. */
  check: CheckHandle | undefined;
}

export interface PublicationResult {
  commentUrl?: string;
  /** What could not be published after GitHub's own retries, one phrase each ("the check of X (Server Error)"). */
  unpublished: string[];
  refused?: RefusedWrite;
}

type Step = { done: true } | { done: false; refused?: RefusedWrite };

/**
 * Stores the run first, then concludes the check and posts the comment, so every check and
 * comment refers to a stored run. Each step's failure is collected, never thrown: one experiment's
 * trouble with GitHub must not touch another's check. A check is concluded once, and only a
 * failure to store concludes it as a failure.
 */
export async function publishCandidate(context: ActionContext, publication: CandidatePublication): Promise<PublicationResult> {
  const { name, check, report } = publication;
  const unpublished: string[] = [];
  const attempt = async (what: string, refusedWhat: string, write: () => Promise<unknown>): Promise<Step> => {
    try {
      await write();
      return { done: true };
    } catch (error) {
      // A refusal is explained once, by the report-only hint; anything else fails the step at the end.
      if (isRefused(error)) {
        context.log.info(`evalgate: publishing ${what} was refused: ${messageOf(error)}`);
        return { done: false, refused: { what: refusedWhat, message: githubMessageOf(error) } };
      }
      context.log.warning(`evalgate: publishing ${what} failed: ${messageOf(error)}`);
      unpublished.push(`${what} (${messageOf(error)})`);
      return { done: false };
    }
  };

  const where = context.resultsName;
  const stored = await attempt(`run ${publication.runId} of ${name} to ${where}`, `store the run on ${where}`, async () => {
    await context.results.publishFrom(publication.store, publication.runId);
    context.log.info(`stored run ${publication.runId} on ${where}`);
  });
  if (!stored.done) {
    // No verdict may stand for a run nobody can look up later; the report is in the job summary.
    if (check) {
      await attempt(`the check of ${name}`, "conclude the check run", () =>
        finishCheck(context.octokit, check, {
          conclusion: "failure",
          title: "evalgate could not store this run",
          summary: `The run could not be stored on ${context.settings["store-url"] ? where : "the results branch"}, so this check reports no verdict. The report is in the job summary; see the job log for the reason.`,
        }),
      );
    }
    return { unpublished, ...(stored.refused ? { refused: stored.refused } : {}) };
  }
  if (!check) {
    unpublished.push(`the check and the comment of ${name} (the check could not be opened)`);
    return { unpublished };
  }

  const concluded = await attempt(`the check of ${name}`, "conclude the check run", () =>
    finishCheck(context.octokit, check, { conclusion: publication.conclusion, ...renderCheckOutput(report) }),
  );
  if (!concluded.done && concluded.refused) return { unpublished, refused: concluded.refused };

  let commentUrl: string | undefined;
  const commented = await attempt(`the comment of ${name}`, "post the pull request comment", async () => {
    commentUrl = await postComment(context, publication, check.actor);
  });
  return { ...(commentUrl ? { commentUrl } : {}), unpublished, ...(!commented.done && commented.refused ? { refused: commented.refused } : {}) };
}

async function postComment(context: ActionContext, publication: CandidatePublication, author: string): Promise<string | undefined> {
  const mode = context.settings.comment;
  if (mode === "never") return undefined;
  const { report, name, pullRequest } = publication;
  if (pullRequest === undefined) {
    context.log.info(`no comment for ${name}: no pull request to comment on; the report is in the job summary`);
    return undefined;
  }
  const meta = commentMetaOf(report);
  const result = await upsertPrComment(context.octokit, {
    owner: context.owner,
    repo: context.repo,
    issueNumber: pullRequest,
    body: renderPrComment(report),
    isOurs: (body) => isCommentFor(body, name),
    author,
    headSha: publication.headSha,
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


