/** The in-memory state of the fake GitHub. Tests read it directly to assert on what was written. */

/** Roles GitHub knows; `permission` in the API reads maintain as write and triage as read. */
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601, seconds precision. */
  date: string;
}

export interface GitTreeEntry {
  /** One path segment (a name), never a nested path. */
  path: string;
  /** As the API shows it: "100644", "100755", "040000", "120000", "160000". */
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
}

export interface IssueRecord {
  number: number;
  title: string;
  isPullRequest: boolean;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  user: string;
  headRef: string;
  /** The sha when the pull request was seeded; `head.sha` is read live from the head branch. */
  headSha: string;
  /** "owner/repo" of the head branch: differs from the base repository for a fork. */
  headRepo: string;
  baseRef: string;
  maintainerCanModify: boolean;
  draft: boolean;
  createdAt: string;
}

export interface IssueComment {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface Reaction {
  id: number;
  commentId: number;
  content: string;
  user: string;
  createdAt: string;
}

export interface CheckRunOutput {
  title: string | null;
  summary: string | null;
  text: string | null;
  /** GitHub appends annotations on every create/update rather than replacing them. */
  annotations: unknown[];
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: CheckRunOutput;
  actions: unknown[];
  createdBy: string;
}

export interface CommitStatus {
  id: number;
  sha: string;
  state: string;
  targetUrl: string | null;
  description: string | null;
  context: string;
  creator: string;
  createdAt: string;
}

export interface DeploymentStatus {
  id: number;
  state: string;
  environmentUrl: string;
  targetUrl: string;
  logUrl: string;
  description: string;
  creator: string;
  createdAt: string;
}

export interface Deployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  payload: Record<string, unknown>;
  creator: string;
  createdAt: string;
  /** Oldest first; the API lists them newest first. */
  statuses: DeploymentStatus[];
}

export interface WorkflowDispatch {
  workflowId: string;
  ref: string;
  inputs: Record<string, unknown>;
  user: string;
}

export interface TokenPermissions {
  admin: boolean;
  maintain: boolean;
  push: boolean;
  triage: boolean;
  pull: boolean;
}

export interface RepoState {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  /** "owner/repo" of the parent when this repository is a fork. */
  parent: string | null;
  /** What `GET /repos/{o}/{r}` reports as the caller's permissions. */
  tokenPermissions: TokenPermissions;
  installationId: number;
  /** Issue and pull request numbers share one sequence, as on GitHub. */
  nextNumber: number;
  issues: Map<number, IssueRecord>;
  pulls: Map<number, PullRequest>;
  comments: Map<number, IssueComment>;
  reactions: Reaction[];
  checkRuns: Map<number, CheckRun>;
  statuses: CommitStatus[];
  /** Full ref name ("refs/heads/main") → commit sha. */
  refs: Map<string, string>;
  blobs: Map<string, Buffer>;
  trees: Map<string, GitTreeEntry[]>;
  commits: Map<string, GitCommit>;
  deployments: Map<number, Deployment>;
  /** Per-repository collaborator roles; they override `FakeState.permissions`. */
  permissions: Map<string, Permission>;
  workflowDispatches: WorkflowDispatch[];
}

export interface IssuedToken {
  installationId: number;
  token: string;
  expiresAt: string;
}

export interface FakeState {
  /** Keyed by "owner/repo" in lower case (GitHub names are case-insensitive). */
  repos: Map<string, RepoState>;
  /** Collaborator roles that hold in every repository unless a repository overrides them. */
  permissions: Map<string, Permission>;
  issuedTokens: IssuedToken[];
}
