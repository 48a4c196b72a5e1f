import type { GitHubClient } from "./github-client.js";

/**
 * The open pull request whose head is `sha`. Deployment and workflow_run events name a commit,
 * not a pull request, and GitHub leaves workflow_run's `pull_requests` empty for forks.
 */
export async function findPullRequestForSha(
  octokit: GitHubClient,
  input: { owner: string; repo: string; sha: string },
): Promise<number | undefined> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner: input.owner,
    repo: input.repo,
    state: "open",
    per_page: 100,
  });
  return pulls.find((pull) => pull.head.sha === input.sha)?.number;
}
