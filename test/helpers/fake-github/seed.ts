import { fullRefName, getRepo, newId, repoKey, timestamp, type FakeContext } from "./context.js";
import { buildTree, writeBlob, writeCommit, type TreeChange } from "./git-objects.js";
import { tokenPermissionsFor } from "./shapes.js";
import type { Deployment, DeploymentStatus, IssueComment, Permission, PullRequest, RepoState } from "./types.js";

/** Seed helpers: put the world a test starts from into the fake's state. */

export type FileContents = Record<string, string | Buffer | null>;

export interface AddRepoInput {
  owner: string;
  repo: string;
  defaultBranch?: string;
  private?: boolean;
  /** "owner/repo" of the parent: makes this repository a fork. */
  parent?: string;
  /** What the token may do here (`GET /repos/{o}/{r}` → `permissions`). Default "admin". */
  tokenPermission?: Permission;
  installationId?: number;
  /** Files of the initial commit on the default branch. Default: a README. */
  files?: FileContents;
}

export function addRepo(ctx: FakeContext, input: AddRepoInput): RepoState {
  const key = repoKey(input.owner, input.repo);
  if (ctx.state.repos.has(key)) throw new Error(`fake GitHub: ${input.owner}/${input.repo} already exists`);
  const id = newId(ctx);
  const repo: RepoState = {
    id,
    owner: input.owner,
    name: input.repo,
    fullName: `${input.owner}/${input.repo}`,
    defaultBranch: input.defaultBranch ?? "main",
    private: input.private ?? false,
    parent: input.parent ?? null,
    tokenPermissions: tokenPermissionsFor(input.tokenPermission ?? "admin"),
    installationId: input.installationId ?? 1,
    nextNumber: 1,
    issues: new Map(),
    pulls: new Map(),
    comments: new Map(),
    reactions: [],
    checkRuns: new Map(),
    statuses: [],
    refs: new Map(),
    blobs: new Map(),
    trees: new Map(),
    commits: new Map(),
    deployments: new Map(),
    permissions: new Map(),
    workflowDispatches: [],
  };
  ctx.state.repos.set(key, repo);
  addCommit(ctx, {
    owner: input.owner,
    repo: input.repo,
    branch: repo.defaultBranch,
    parents: [],
    message: "Initial commit",
    files: input.files ?? { "README.md": `# ${input.repo}\n` },
  });
  return repo;
}

export interface AddCommitInput {
  owner: string;
  repo: string;
  /** The branch to move to the new commit (created when missing). */
  branch?: string;
  /** Default: the branch's head, else the default branch's head. */
  parents?: string[];
  message?: string;
  /** Changes on top of the first parent's tree; `null` deletes a file. */
  files?: FileContents;
  author?: { name: string; email: string };
}

export function addCommit(ctx: FakeContext, input: AddCommitInput): string {
  const repo = getRepo(ctx, input.owner, input.repo);
  const branchHead = input.branch ? repo.refs.get(fullRefName(input.branch)) : undefined;
  const parents = input.parents ?? [branchHead ?? repo.refs.get(`refs/heads/${repo.defaultBranch}`)].flatMap((sha) => (sha ? [sha] : []));
  for (const parent of parents) {
    if (!repo.commits.has(parent)) throw new Error(`fake GitHub: unknown parent commit ${parent}`);
  }
  const baseTree = parents[0] ? (repo.commits.get(parents[0])?.tree ?? null) : null;
  const changes: TreeChange[] = Object.entries(input.files ?? {}).map(([path, content]) => ({
    path,
    mode: "100644",
    type: "blob",
    sha: content === null ? null : writeBlob(repo, Buffer.from(content)),
  }));
  const person = { name: input.author?.name ?? "Test Author", email: input.author?.email ?? "author@example.com", date: timestamp(ctx) };
  const sha = writeCommit(repo, {
    tree: buildTree(repo, baseTree, changes),
    parents,
    message: input.message ?? "Change",
    author: person,
    committer: person,
  });
  if (input.branch) repo.refs.set(fullRefName(input.branch), sha);
  return sha;
}

/** Points a ref at a commit without any fast-forward check ("main", "heads/main" or "refs/heads/main"). */
export function setRef(ctx: FakeContext, owner: string, name: string, ref: string, sha: string): void {
  const repo = getRepo(ctx, owner, name);
  if (!repo.commits.has(sha)) throw new Error(`fake GitHub: unknown commit ${sha}`);
  repo.refs.set(fullRefName(ref), sha);
}

export interface AddPullRequestInput {
  owner: string;
  repo: string;
  /** The head branch name. */
  head: string;
  /** The base branch. Default: the default branch. */
  base?: string;
  number?: number;
  /** An existing commit for the head; default: a new commit on top of the base with `files`. */
  headSha?: string;
  files?: FileContents;
  title?: string;
  body?: string;
  user?: string;
  /** "owner/repo" of a fork holding the head branch. The base repository gets `refs/pull/{n}/head`. */
  headRepo?: string;
  maintainerCanModify?: boolean;
  draft?: boolean;
}

export function addPullRequest(ctx: FakeContext, input: AddPullRequestInput): PullRequest {
  const repo = getRepo(ctx, input.owner, input.repo);
  const number = input.number ?? repo.nextNumber;
  if (repo.issues.has(number)) throw new Error(`fake GitHub: #${number} already exists in ${repo.fullName}`);
  repo.nextNumber = Math.max(repo.nextNumber, number + 1);
  const baseRef = input.base ?? repo.defaultBranch;
  const headRepo = input.headRepo ?? repo.fullName;
  const isFork = headRepo.toLowerCase() !== repo.fullName.toLowerCase();
  const headSha =
    input.headSha ??
    addCommit(ctx, {
      owner: repo.owner,
      repo: repo.name,
      parents: [repo.refs.get(fullRefName(baseRef)) ?? ""].filter((sha) => sha !== ""),
      message: input.title ?? `Change ${input.head}`,
      files: input.files ?? { [`${input.head}.txt`]: `${input.head}\n` },
    });
  if (!repo.commits.has(headSha)) throw new Error(`fake GitHub: unknown head commit ${headSha}`);
  if (!isFork) repo.refs.set(`refs/heads/${input.head}`, headSha);
  repo.refs.set(`refs/pull/${number}/head`, headSha);
  const pull: PullRequest = {
    number,
    title: input.title ?? `Change ${input.head}`,
    body: input.body ?? null,
    state: "open",
    user: input.user ?? "octocat",
    headRef: input.head,
    headSha,
    headRepo,
    baseRef,
    maintainerCanModify: input.maintainerCanModify ?? false,
    draft: input.draft ?? false,
    createdAt: timestamp(ctx),
  };
  repo.pulls.set(number, pull);
  repo.issues.set(number, { number, title: pull.title, isPullRequest: true });
  return pull;
}

export function addIssue(ctx: FakeContext, owner: string, name: string, title = "An issue"): number {
  const repo = getRepo(ctx, owner, name);
  const number = repo.nextNumber++;
  repo.issues.set(number, { number, title, isPullRequest: false });
  return number;
}

export function addComment(ctx: FakeContext, input: { owner: string; repo: string; issueNumber: number; body: string; user?: string }): IssueComment {
  const repo = getRepo(ctx, input.owner, input.repo);
  const now = timestamp(ctx);
  const comment: IssueComment = {
    id: newId(ctx),
    issueNumber: input.issueNumber,
    body: input.body,
    user: input.user ?? "octocat",
    createdAt: now,
    updatedAt: now,
  };
  repo.comments.set(comment.id, comment);
  return comment;
}

export interface AddDeploymentInput {
  owner: string;
  repo: string;
  sha: string;
  ref?: string;
  environment?: string;
  task?: string;
  creator?: string;
  /** Oldest first, as they happened. */
  statuses?: Array<{ state: string; environmentUrl?: string; targetUrl?: string; logUrl?: string; description?: string }>;
}

export function addDeployment(ctx: FakeContext, input: AddDeploymentInput): Deployment {
  const repo = getRepo(ctx, input.owner, input.repo);
  const creator = input.creator ?? "vercel[bot]";
  const deployment: Deployment = {
    id: newId(ctx),
    sha: input.sha,
    ref: input.ref ?? input.sha,
    task: input.task ?? "deploy",
    environment: input.environment ?? "Preview",
    description: null,
    payload: {},
    creator,
    createdAt: timestamp(ctx),
    statuses: [],
  };
  repo.deployments.set(deployment.id, deployment);
  for (const status of input.statuses ?? []) addDeploymentStatus(ctx, repo, deployment.id, { ...status, creator });
  return deployment;
}

export function addDeploymentStatus(
  ctx: FakeContext,
  repo: RepoState,
  deploymentId: number,
  input: { state: string; environmentUrl?: string; targetUrl?: string; logUrl?: string; description?: string; creator?: string },
): DeploymentStatus {
  const deployment = repo.deployments.get(deploymentId);
  if (!deployment) throw new Error(`fake GitHub: no deployment ${deploymentId}`);
  const status: DeploymentStatus = {
    id: newId(ctx),
    state: input.state,
    environmentUrl: input.environmentUrl ?? "",
    targetUrl: input.targetUrl ?? input.logUrl ?? "",
    logUrl: input.logUrl ?? input.targetUrl ?? "",
    description: input.description ?? "",
    creator: input.creator ?? deployment.creator,
    createdAt: timestamp(ctx),
  };
  deployment.statuses.push(status);
  return status;
}

/** A collaborator's role in one repository, or (without `where`) in every repository. */
export function setPermission(ctx: FakeContext, login: string, permission: Permission, where?: { owner: string; repo: string }): void {
  if (where) getRepo(ctx, where.owner, where.repo).permissions.set(login.toLowerCase(), permission);
  else ctx.state.permissions.set(login.toLowerCase(), permission);
}
