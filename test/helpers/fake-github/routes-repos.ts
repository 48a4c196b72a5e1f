import { fullRefName, newId, resolveCommitish, timestamp, type FakeContext } from "./context.js";
import { ancestors, mergeBase } from "./git-objects.js";
import { ApiError, intParam, notFound, paginate, repoOf, requireString, route, stringField, validationFailed, type Route } from "./http.js";
import { nodeId, pullJson, repoApiUrl, repoCommitJson, repoJson, tokenPermissionsFor, userJson } from "./shapes.js";
import type { Deployment, DeploymentStatus, PullRequest, RepoState } from "./types.js";

/** Repositories, pull requests, commits and compare, collaborators, workflow dispatch, deployments. */

const MAX_DISPATCH_INPUTS = 25;

function commitJsonOrThrow(ctx: FakeContext, repo: RepoState, sha: string): Record<string, unknown> {
  const commit = repo.commits.get(sha);
  if (!commit) throw notFound();
  return repoCommitJson(ctx, repo, commit);
}

/** "main", "octocat:main" or "octocat:repo:main" → the branch's commit. */
function resolveCompareSide(repo: RepoState, side: string): string {
  const ref = side.split(":").pop() ?? side;
  const sha = resolveCommitish(repo, ref);
  if (!sha) throw notFound();
  return sha;
}

function deploymentJson(ctx: FakeContext, repo: RepoState, deployment: Deployment): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  return {
    url: `${base}/deployments/${deployment.id}`,
    id: deployment.id,
    node_id: nodeId("DE", deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: userJson(ctx, deployment.creator),
    created_at: deployment.createdAt,
    updated_at: deployment.statuses.at(-1)?.createdAt ?? deployment.createdAt,
    statuses_url: `${base}/deployments/${deployment.id}/statuses`,
    repository_url: base,
    transient_environment: false,
    production_environment: deployment.environment.toLowerCase() === "production",
  };
}

function deploymentStatusJson(ctx: FakeContext, repo: RepoState, deployment: Deployment, status: DeploymentStatus): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  return {
    url: `${base}/deployments/${deployment.id}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId("DES", status.id),
    state: status.state,
    creator: userJson(ctx, status.creator),
    description: status.description,
    environment: deployment.environment,
    target_url: status.targetUrl,
    log_url: status.logUrl,
    environment_url: status.environmentUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: `${base}/deployments/${deployment.id}`,
    repository_url: base,
  };
}

function pullOf(repo: RepoState, number: number): PullRequest {
  const pull = repo.pulls.get(number);
  if (!pull) throw notFound();
  return pull;
}

export const repoRoutes: Route[] = [
  route("GET", "/repos/{owner}/{repo}", (ctx) => ({ status: 200, body: repoJson(ctx.fake, repoOf(ctx)) })),
  route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: pullJson(ctx.fake, repo, pullOf(repo, intParam(ctx, "pull_number"))) };
  }),
  route("GET", "/repos/{owner}/{repo}/pulls", (ctx) => {
    const repo = repoOf(ctx);
    const state = ctx.query.get("state") ?? "open";
    const head = ctx.query.get("head");
    const base = ctx.query.get("base");
    const pulls = [...repo.pulls.values()]
      .filter((pull) => state === "all" || pull.state === state)
      .filter((pull) => !head || `${pull.headRepo.split("/")[0]}:${pull.headRef}`.toLowerCase() === head.toLowerCase())
      .filter((pull) => !base || pull.baseRef === base)
      .sort((a, b) => b.number - a.number);
    const { page, headers } = paginate(ctx, pulls);
    return { status: 200, body: page.map((pull) => pullJson(ctx.fake, repo, pull)), headers };
  }),
  route("POST", "/repos/{owner}/{repo}/pulls", (ctx) => {
    const repo = repoOf(ctx);
    const title = requireString(ctx.body, "PullRequest", "title");
    const headSpec = requireString(ctx.body, "PullRequest", "head");
    const baseRef = requireString(ctx.body, "PullRequest", "base");
    const headRef = headSpec.split(":").pop() ?? headSpec;
    const headSha = repo.refs.get(`refs/heads/${headRef}`);
    if (!headSha) throw validationFailed("PullRequest", "head", "head is invalid", "invalid");
    if (!repo.refs.has(`refs/heads/${baseRef}`)) throw validationFailed("PullRequest", "base", "base is invalid", "invalid");
    if ([...repo.pulls.values()].some((pull) => pull.state === "open" && pull.headRef === headRef && pull.baseRef === baseRef)) {
      throw validationFailed("PullRequest", "", `A pull request already exists for ${repo.owner}:${headRef}.`);
    }
    const number = repo.nextNumber++;
    const pull: PullRequest = {
      number,
      title,
      body: stringField(ctx.body, "body") ?? null,
      state: "open",
      user: ctx.login,
      headRef,
      headSha,
      headRepo: repo.fullName,
      baseRef,
      maintainerCanModify: ctx.body.maintainer_can_modify === true,
      draft: ctx.body.draft === true,
      createdAt: timestamp(ctx.fake),
    };
    repo.pulls.set(number, pull);
    repo.issues.set(number, { number, title, isPullRequest: true });
    repo.refs.set(`refs/pull/${number}/head`, headSha);
    return { status: 201, body: pullJson(ctx.fake, repo, pull) };
  }),
  route("GET", "/repos/{owner}/{repo}/commits/{ref}", (ctx) => {
    const repo = repoOf(ctx);
    const sha = resolveCommitish(repo, ctx.params.ref ?? "");
    if (!sha) throw new ApiError(422, `No commit found for SHA: ${ctx.params.ref ?? ""}`);
    return { status: 200, body: commitJsonOrThrow(ctx.fake, repo, sha) };
  }),
  route("GET", "/repos/{owner}/{repo}/compare/{basehead}", (ctx) => {
    const repo = repoOf(ctx);
    const [baseSide, headSide] = (ctx.params.basehead ?? "").split("...");
    if (baseSide === undefined || headSide === undefined) throw notFound();
    const baseSha = resolveCompareSide(repo, baseSide);
    const headSha = resolveCompareSide(repo, headSide);
    const mergeBaseSha = mergeBase(repo, baseSha, headSha);
    if (!mergeBaseSha) throw notFound();
    const baseSet = new Set(ancestors(repo, baseSha));
    const headSet = new Set(ancestors(repo, headSha));
    const ahead = ancestors(repo, headSha).filter((sha) => !baseSet.has(sha)).reverse();
    const behindBy = [...baseSet].filter((sha) => !headSet.has(sha)).length;
    const status = baseSha === headSha ? "identical" : behindBy === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
    const base = repoApiUrl(ctx.fake, repo);
    return {
      status: 200,
      body: {
        url: `${base}/compare/${ctx.params.basehead ?? ""}`,
        html_url: `https://github.com/${repo.fullName}/compare/${ctx.params.basehead ?? ""}`,
        status,
        ahead_by: ahead.length,
        behind_by: behindBy,
        total_commits: ahead.length,
        base_commit: commitJsonOrThrow(ctx.fake, repo, baseSha),
        merge_base_commit: commitJsonOrThrow(ctx.fake, repo, mergeBaseSha),
        commits: ahead.map((sha) => commitJsonOrThrow(ctx.fake, repo, sha)),
        files: [],
      },
    };
  }),
  route("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", (ctx) => {
    const repo = repoOf(ctx);
    const login = ctx.params.username ?? "";
    const role = repo.permissions.get(login.toLowerCase()) ?? ctx.fake.state.permissions.get(login.toLowerCase());
    if (!role) throw notFound();
    // The legacy `permission` field folds maintain into write and triage into read.
    const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
    return {
      status: 200,
      body: { permission, role_name: role, user: { ...userJson(ctx.fake, login), permissions: tokenPermissionsFor(role), role_name: role } },
    };
  }),
  route("POST", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", (ctx) => {
    const repo = repoOf(ctx);
    const ref = requireString(ctx.body, "Workflow", "ref");
    if (!repo.refs.has(fullRefName(ref)) && !repo.refs.has(`refs/tags/${ref}`)) throw new ApiError(422, `No ref found for: ${ref}`);
    const inputs = (ctx.body.inputs ?? {}) as Record<string, unknown>;
    if (Object.keys(inputs).length > MAX_DISPATCH_INPUTS) throw new ApiError(422, `inputs are too large. Max ${MAX_DISPATCH_INPUTS} inputs`);
    repo.workflowDispatches.push({ workflowId: ctx.params.workflow_id ?? "", ref, inputs, user: ctx.login });
    return { status: 204 };
  }),
  route("GET", "/repos/{owner}/{repo}/deployments", (ctx) => {
    const repo = repoOf(ctx);
    const filters = (["sha", "ref", "task", "environment"] as const).map((name) => [name, ctx.query.get(name)] as const);
    const deployments = [...repo.deployments.values()]
      .filter((deployment) => filters.every(([name, value]) => value === null || deployment[name] === value))
      .sort((a, b) => b.id - a.id);
    const { page, headers } = paginate(ctx, deployments);
    return { status: 200, body: page.map((deployment) => deploymentJson(ctx.fake, repo, deployment)), headers };
  }),
  route("GET", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", (ctx) => {
    const repo = repoOf(ctx);
    const deployment = repo.deployments.get(intParam(ctx, "deployment_id"));
    if (!deployment) throw notFound();
    const { page, headers } = paginate(ctx, [...deployment.statuses].reverse());
    return { status: 200, body: page.map((status) => deploymentStatusJson(ctx.fake, repo, deployment, status)), headers };
  }),
  route("GET", "/repos/{owner}/{repo}/installation", (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: installationJson(ctx.fake, repo.installationId, repo.owner) };
  }, true),
  route("POST", "/app/installations/{installation_id}/access_tokens", (ctx) => {
    const installationId = intParam(ctx, "installation_id");
    const expiresAt = new Date(ctx.fake.clock().getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const token = `ghs_fake${newId(ctx.fake)}`;
    ctx.fake.state.issuedTokens.push({ installationId, token, expiresAt });
    return {
      status: 201,
      body: { token, expires_at: expiresAt, permissions: { checks: "write", contents: "write", issues: "write", pull_requests: "write", metadata: "read" }, repository_selection: "all" },
    };
  }, true),
  route("GET", "/app", (ctx) => ({
    status: 200,
    body: { id: 1, slug: ctx.fake.settings.appSlug, node_id: nodeId("A", 1), name: ctx.fake.settings.appSlug, owner: userJson(ctx.fake, "evalgate"), events: [], permissions: {} },
  }), true),
];

function installationJson(ctx: FakeContext, id: number, owner: string): Record<string, unknown> {
  return {
    id,
    account: userJson(ctx, owner),
    app_id: 1,
    app_slug: ctx.settings.appSlug,
    target_type: "Organization",
    repository_selection: "all",
    access_tokens_url: `${ctx.apiUrl}/app/installations/${id}/access_tokens`,
    permissions: {},
    events: [],
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  };
}
