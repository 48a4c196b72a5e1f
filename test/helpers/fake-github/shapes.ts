import { createHash } from "node:crypto";
import type { FakeContext } from "./context.js";
import type { GitCommit, GitPerson, Permission, PullRequest, RepoState, TokenPermissions } from "./types.js";

/** The JSON GitHub returns, limited to the fields a client reads. */

const HTML = "https://github.com";

export function nodeId(kind: string, id: number | string): string {
  return `${kind}_${Buffer.from(`0:${id}`).toString("base64url")}`;
}

/** A stable numeric id per login, so the same user keeps the same id across requests. */
function userId(login: string): number {
  return createHash("sha1").update(login).digest().readUInt32BE(0) % 100_000_000;
}

export function userJson(ctx: FakeContext, login: string): Record<string, unknown> {
  const id = userId(login);
  return {
    login,
    id,
    node_id: nodeId("U", id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    url: `${ctx.apiUrl}/users/${encodeURIComponent(login)}`,
    html_url: `${HTML}/${login}`,
    type: login.endsWith("[bot]") ? "Bot" : "User",
    site_admin: false,
  };
}

export function repoApiUrl(ctx: FakeContext, repo: RepoState): string {
  return `${ctx.apiUrl}/repos/${repo.fullName}`;
}

export function repoJson(ctx: FakeContext, repo: RepoState): Record<string, unknown> {
  const parent = repo.parent ? ctx.state.repos.get(repo.parent.toLowerCase()) : undefined;
  return {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userJson(ctx, repo.owner),
    private: repo.private,
    visibility: repo.private ? "private" : "public",
    html_url: `${HTML}/${repo.fullName}`,
    url: repoApiUrl(ctx, repo),
    fork: repo.parent !== null,
    default_branch: repo.defaultBranch,
    permissions: repo.tokenPermissions,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    pushed_at: "2024-01-01T00:00:00Z",
    ...(parent ? { parent: repoJson(ctx, parent), source: repoJson(ctx, parent) } : {}),
  };
}

export function tokenPermissionsFor(permission: Permission): TokenPermissions {
  const rank = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(permission);
  return { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 };
}

function personJson(person: GitPerson): Record<string, unknown> {
  return { name: person.name, email: person.email, date: person.date };
}

/** The Git Data shape (`GET /git/commits/{sha}`). */
export function gitCommitJson(ctx: FakeContext, repo: RepoState, commit: GitCommit): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  return {
    sha: commit.sha,
    node_id: nodeId("C", commit.sha),
    url: `${base}/git/commits/${commit.sha}`,
    html_url: `${HTML}/${repo.fullName}/commit/${commit.sha}`,
    author: personJson(commit.author),
    committer: personJson(commit.committer),
    message: commit.message,
    tree: { sha: commit.tree, url: `${base}/git/trees/${commit.tree}` },
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${base}/git/commits/${sha}`,
      html_url: `${HTML}/${repo.fullName}/commit/${sha}`,
    })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

/** The repository-commit shape (`GET /commits/{ref}`, compare's commits). */
export function repoCommitJson(ctx: FakeContext, repo: RepoState, commit: GitCommit): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  return {
    sha: commit.sha,
    node_id: nodeId("C", commit.sha),
    url: `${base}/commits/${commit.sha}`,
    html_url: `${HTML}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${base}/commits/${commit.sha}/comments`,
    commit: {
      url: `${base}/git/commits/${commit.sha}`,
      author: personJson(commit.author),
      committer: personJson(commit.committer),
      message: commit.message,
      tree: { sha: commit.tree, url: `${base}/git/trees/${commit.tree}` },
      comment_count: 0,
    },
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${base}/commits/${sha}`,
      html_url: `${HTML}/${repo.fullName}/commit/${sha}`,
    })),
    files: [],
  };
}

export function refJson(ctx: FakeContext, repo: RepoState, name: string, sha: string): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  return {
    ref: name,
    node_id: nodeId("REF", `${repo.id}:${name}`),
    url: `${base}/git/${name}`,
    object: { type: "commit", sha, url: `${base}/git/commits/${sha}` },
  };
}

export function pullJson(ctx: FakeContext, repo: RepoState, pull: PullRequest): Record<string, unknown> {
  const headRepo = ctx.state.repos.get(pull.headRepo.toLowerCase());
  const headSha = headRepo?.refs.get(`refs/heads/${pull.headRef}`) ?? pull.headSha;
  const baseSha = repo.refs.get(`refs/heads/${pull.baseRef}`) ?? null;
  const base = repoApiUrl(ctx, repo);
  const headOwner = pull.headRepo.split("/")[0] ?? repo.owner;
  const id = repo.id * 1000 + pull.number;
  return {
    url: `${base}/pulls/${pull.number}`,
    id,
    node_id: nodeId("PR", id),
    html_url: `${HTML}/${repo.fullName}/pull/${pull.number}`,
    diff_url: `${HTML}/${repo.fullName}/pull/${pull.number}.diff`,
    issue_url: `${base}/issues/${pull.number}`,
    comments_url: `${base}/issues/${pull.number}/comments`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    body: pull.body,
    user: userJson(ctx, pull.user),
    draft: pull.draft,
    merged: false,
    mergeable: null,
    maintainer_can_modify: pull.maintainerCanModify,
    author_association: "CONTRIBUTOR",
    created_at: pull.createdAt,
    updated_at: pull.createdAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    head: {
      label: `${headOwner}:${pull.headRef}`,
      ref: pull.headRef,
      sha: headSha,
      user: userJson(ctx, headOwner),
      repo: headRepo ? repoJson(ctx, headRepo) : { full_name: pull.headRepo, fork: pull.headRepo !== repo.fullName },
    },
    base: {
      label: `${repo.owner}:${pull.baseRef}`,
      ref: pull.baseRef,
      sha: baseSha,
      user: userJson(ctx, repo.owner),
      repo: repoJson(ctx, repo),
    },
  };
}
