import type { GitHubClient } from "./github-client.js";
import { isNotFound } from "./request-status.js";

/**
 * Commits in `head` that `base` lacks (GitHub's compare `ahead_by`): how many commits a baseline
 * on `base` lags the candidate's base `head`. Undefined when GitHub knows no common history or
 * either commit (404).
 */
export async function commitsAhead(
  octokit: GitHubClient,
  input: { owner: string; repo: string; base: string; head: string },
): Promise<number | undefined> {
  try {
    const comparison = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: input.owner,
      repo: input.repo,
      basehead: `${input.base}...${input.head}`,
      // Only the count is read: one commit per page keeps a long history cheap.
      per_page: 1,
    });
    return comparison.data.ahead_by;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
