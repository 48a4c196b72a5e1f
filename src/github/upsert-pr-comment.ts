import { GITHUB_LIMITS, measure } from "../core/report/fit-text.js";
import type { AdapterLog, GitHubClient } from "./github-client.js";
import { createKeyedQueue } from "./one-at-a-time.js";
import { isNotFound } from "./request-status.js";

export interface UpsertPrCommentInput {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  /** Recognises our comment, by the hidden marker the caller renders into it. */
  isOurs: (body: string) => boolean;
  /**
   * The login our token writes as ("github-actions[bot]", "<app>[bot]"; see CheckHandle.actor).
   * Only its comments are edited or deleted: anyone can paste the marker into a comment of theirs.
   */
  author: string;
  /** The head the report is about: nothing is written once the pull request has moved on. */
  headSha: string;
  mode: "always" | "on-change";
  /** For "on-change": post only when this says so. Default: when the body differs. */
  shouldPost?: (previousBody: string | undefined) => boolean;
  log?: AdapterLog;
}

export interface UpsertPrCommentResult {
  action: "created" | "updated" | "skipped-stale" | "skipped-unchanged";
  url?: string;
  id?: number;
}

interface CommentRef {
  id: number;
  body: string;
  html_url: string;
}

const queue = createKeyedQueue();

/**
 * Creates or updates our one comment on a pull request. Calls for the same pull request from one
 * process run one after another; a comment created by a concurrent process (or by a retried
 * request whose first attempt did land) is folded into the oldest of ours afterwards.
 */
export function upsertPrComment(octokit: GitHubClient, input: UpsertPrCommentInput): Promise<UpsertPrCommentResult> {
  const { limit } = GITHUB_LIMITS.comment;
  const length = measure(input.body, GITHUB_LIMITS.comment);
  if (length > limit) {
    return Promise.reject(new Error(`The comment body is ${length} characters; GitHub accepts at most ${limit}.`));
  }
  const key = `${input.owner}/${input.repo}#${input.issueNumber}`.toLowerCase();
  return queue(key, () => upsertNow(octokit, input));
}

async function upsertNow(octokit: GitHubClient, input: UpsertPrCommentInput): Promise<UpsertPrCommentResult> {
  const { owner, repo, issueNumber, body } = input;
  const pull = await octokit.rest.pulls.get({ owner, repo, pull_number: issueNumber });
  if (pull.data.head.sha !== input.headSha) {
    input.log?.info(`Not commenting on #${issueNumber}: its head moved from ${input.headSha} to ${pull.data.head.sha}.`);
    return { action: "skipped-stale" };
  }
  const ours = await listOurComments(octokit, input);
  const newest = ours.at(-1);
  if (input.mode === "on-change") {
    const shouldPost = input.shouldPost ?? ((previous: string | undefined) => previous !== body);
    if (!shouldPost(newest?.body)) return { action: "skipped-unchanged", ...(newest ? { id: newest.id, url: newest.html_url } : {}) };
  }
  if (newest) {
    if (ours.length > 1) input.log?.info(`#${issueNumber} has ${ours.length} evalgate comments; updating the newest.`);
    const updated = await octokit.rest.issues.updateComment({ owner, repo, comment_id: newest.id, body });
    return { action: "updated", id: updated.data.id, url: updated.data.html_url };
  }
  const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  // GitHub's answer names who we write as: trust it over the caller's belief when folding.
  const author = created.data.user?.login ?? input.author;
  if (author.toLowerCase() !== input.author.toLowerCase()) {
    input.log?.warning(`Comments on #${issueNumber} are written as ${author}, not ${input.author}: the next run may not find this one.`);
  }
  const kept = await foldDuplicates(octokit, { ...input, author }, { id: created.data.id, body, html_url: created.data.html_url });
  return { action: "created", id: kept.id, url: kept.html_url };
}

async function listOurComments(octokit: GitHubClient, input: UpsertPrCommentInput): Promise<CommentRef[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: input.owner,
    repo: input.repo,
    issue_number: input.issueNumber,
    per_page: 100,
  });
  const author = input.author.toLowerCase();
  return comments
    .filter((comment) => comment.user?.login.toLowerCase() === author && comment.body !== undefined && input.isOurs(comment.body))
    .map((comment) => ({ id: comment.id, body: comment.body ?? "", html_url: comment.html_url }))
    .sort((a, b) => a.id - b.id);
}

/**
 * After creating, another of ours may have appeared: a racing workflow run, or the first attempt of
 * a create that was retried after a 5xx. The oldest one wins, so every racer converges on it.
 */
async function foldDuplicates(octokit: GitHubClient, input: UpsertPrCommentInput, created: CommentRef): Promise<CommentRef> {
  const { owner, repo, body } = input;
  const ours = await listOurComments(octokit, input);
  const oldest = ours[0];
  if (!oldest || oldest.id >= created.id) return created;
  if (oldest.body !== body) await octokit.rest.issues.updateComment({ owner, repo, comment_id: oldest.id, body });
  // Ours and any newer: a racer that created one later folds it too, and tolerates the 404.
  for (const duplicate of ours.filter((comment) => comment.id >= created.id)) {
    await deleteComment(octokit, owner, repo, duplicate.id);
  }
  input.log?.info(`#${input.issueNumber}: folded a duplicate evalgate comment into ${oldest.html_url}.`);
  return oldest;
}

async function deleteComment(octokit: GitHubClient, owner: string, repo: string, commentId: number): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: commentId });
  } catch (error) {
    // A retried delete whose first attempt landed answers 404: the comment is gone either way.
    if (!isNotFound(error)) throw error;
  }
}
