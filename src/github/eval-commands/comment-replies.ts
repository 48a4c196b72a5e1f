import { cutToFit, GITHUB_LIMITS } from "../../core/report/fit-text.js";
import type { AdapterLog, GitHubClient } from "../github-client.js";
import { messageOf } from "../request-status.js";
import type { CommandComment } from "./issue-comment-event.js";

export type Reaction = "eyes" | "rocket" | "confused";

const TRUNCATED = "\n\n_… cut to fit GitHub's comment size limit._";

/** Replies on the pull request; returns the reply's URL. */
export async function reply(octokit: GitHubClient, comment: CommandComment, body: string): Promise<string> {
  const created = await octokit.rest.issues.createComment({
    owner: comment.owner,
    repo: comment.repo,
    issue_number: comment.pullRequest,
    body: cutToFit(body, GITHUB_LIMITS.comment, TRUNCATED),
  });
  return created.data.html_url;
}

/** Reactions are a courtesy: one that fails is logged and the command goes on. */
export async function react(octokit: GitHubClient, comment: CommandComment, content: Reaction, log: AdapterLog): Promise<void> {
  try {
    await octokit.rest.reactions.createForIssueComment({ owner: comment.owner, repo: comment.repo, comment_id: comment.commentId, content });
  } catch (error) {
    log.warning(`Could not react with ${content} to comment ${comment.commentId}: ${messageOf(error)}`);
  }
}
