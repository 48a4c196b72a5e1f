import type { GitHubClient } from "./github-client.js";
import { isNotFound } from "./request-status.js";

export interface FindMergeBaseInput {
  owner: string;
  repo: string;
  /** A branch, tag or sha. */
  base: string;
  head: string;
}

/** The merge base of two commits (where the baseline lives), or undefined when they share no history or one is unknown. */
export async function findMergeBase(octokit: GitHubClient, input: FindMergeBaseInput): Promise<string | undefined> {
  try {
    const comparison = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: input.owner,
      repo: input.repo,
      basehead: `${input.base}...${input.head}`,
      // The merge base is all we need; one commit per page keeps a large comparison cheap.
      per_page: 1,
    });
    return comparison.data.merge_base_commit.sha;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
