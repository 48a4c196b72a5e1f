import type { GitHubClient } from "./github-client.js";

export interface UpsertPullRequestInput {
  owner: string;
  repo: string;
  /** A branch of this repository. */
  head: string;
  base: string;
  title: string;
  body: string;
}

export interface PullRequestRef {
  number: number;
  htmlUrl: string;
  created: boolean;
}

/** The open pull request from `head` into `base`, created when there is none (a second command adds commits to the first's). */
export async function upsertPullRequest(octokit: GitHubClient, input: UpsertPullRequestInput): Promise<PullRequestRef> {
  const { owner, repo, head, base } = input;
  const open = await octokit.rest.pulls.list({ owner, repo, state: "open", head: `${owner}:${head}`, base, per_page: 1 });
  const existing = open.data[0];
  if (existing) return { number: existing.number, htmlUrl: existing.html_url, created: false };
  const created = await octokit.rest.pulls.create({ owner, repo, head, base, title: input.title, body: input.body });
  return { number: created.data.number, htmlUrl: created.data.html_url, created: true };
}
