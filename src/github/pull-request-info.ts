import type { GitHubClient } from "./github-client.js";

export interface PullRequestInfo {
  headSha: string;
  headRef: string;
  baseRef: string;
  baseSha: string;
  /** The head lives in another repository (or in one since deleted): its token is read-only. */
  isFork: boolean;
  maintainerCanModify: boolean;
  /** "owner/repo" of the head; undefined when that repository was deleted. */
  headRepoFullName: string | undefined;
}

export async function getPullRequest(octokit: GitHubClient, input: { owner: string; repo: string; number: number }): Promise<PullRequestInfo> {
  const { data } = await octokit.rest.pulls.get({ owner: input.owner, repo: input.repo, pull_number: input.number });
  const headRepoFullName = data.head.repo?.full_name;
  return {
    headSha: data.head.sha,
    headRef: data.head.ref,
    baseRef: data.base.ref,
    baseSha: data.base.sha,
    isFork: headRepoFullName === undefined || headRepoFullName.toLowerCase() !== data.base.repo.full_name.toLowerCase(),
    maintainerCanModify: data.maintainer_can_modify,
    headRepoFullName,
  };
}
