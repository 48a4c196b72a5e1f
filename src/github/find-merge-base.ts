import type { GitHubClient } from "./github-client.js";
import { isNotFound } from "./request-status.js";

export interface CommitRangeInput {
  owner: string;
  repo: string;
  /** A branch, tag or sha. */
  base: string;
  head: string;
}

export interface CommitRange {
  /** Where the two histories meet (where a pull request's baseline lives). */
  mergeBase: string;
  /** Commits in `head` that `base` lacks (GitHub's compare `ahead_by`). */
  aheadBy: number;
}

/**
 * GitHub's comparison of `base...head`, or undefined when they share no history or one is
 * unknown (404). One commit per page: only the merge base and the count are read, which keeps a
 * long history cheap.
 */
export async function compareCommitRange(octokit: GitHubClient, input: CommitRangeInput): Promise<CommitRange | undefined> {
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: input.owner,
      repo: input.repo,
      basehead: `${input.base}...${input.head}`,
      per_page: 1,
    });
    return { mergeBase: data.merge_base_commit.sha, aheadBy: data.ahead_by };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The merge base of two commits (where the baseline lives), or undefined when they share no history or one is unknown. */
export async function findMergeBase(octokit: GitHubClient, input: CommitRangeInput): Promise<string | undefined> {
  return (await compareCommitRange(octokit, input))?.mergeBase;
}
