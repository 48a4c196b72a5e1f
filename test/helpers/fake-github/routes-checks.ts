import { newId, resolveCommitish, timestamp, type FakeContext } from "./context.js";
import { ApiError, intParam, notFound, paginate, repoOf, requireString, route, stringField, validationFailed, type Route, type RouteContext } from "./http.js";
import { nodeId, repoApiUrl, userJson } from "./shapes.js";
import type { CheckRun, CommitStatus, RepoState } from "./types.js";

/** Check runs (needs an app token with `checks: write`) and commit statuses (the fallback). */

const MAX_OUTPUT_TEXT = 65_535;
const MAX_ANNOTATIONS_PER_REQUEST = 50;
const MAX_STATUS_DESCRIPTION = 140;
// Only GitHub Actions may set "waiting", "requested" or "pending"; apps get these three.
const STATUSES = ["queued", "in_progress", "completed"];
const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];
const STATUS_STATES = ["error", "failure", "pending", "success"];

function checkRunJson(ctx: FakeContext, repo: RepoState, run: CheckRun): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId("CR", run.id),
    external_id: run.externalId,
    url: `${base}/check-runs/${run.id}`,
    html_url: `https://github.com/${repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${base}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: appJson(ctx, repo, run.createdBy),
    pull_requests: [],
  };
}

/**
 * The app a check run belongs to: the one whose token created it. An app's token acts as
 * "<slug>[bot]" (GITHUB_TOKEN as "github-actions[bot]", the GitHub Actions app).
 */
function appJson(ctx: FakeContext, repo: RepoState, createdBy: string): Record<string, unknown> {
  const slug = createdBy.endsWith("[bot]") ? createdBy.slice(0, -"[bot]".length) : ctx.settings.appSlug;
  const id = slug === ctx.settings.appSlug ? 1 : 15368;
  return { id, slug, node_id: nodeId("A", id), name: slug, owner: userJson(ctx, repo.owner) };
}

function lengthChecked(value: unknown, field: string): string | null {
  if (typeof value !== "string") return null;
  if (value.length > MAX_OUTPUT_TEXT) {
    throw validationFailed("CheckRun", field, `${field} is too long (maximum is ${MAX_OUTPUT_TEXT} characters)`);
  }
  return value;
}

/** Applies the writable fields of a create or update body to a check run. */
function applyCheckRunBody(ctx: RouteContext, run: CheckRun): void {
  const body = ctx.body;
  run.name = stringField(body, "name") ?? run.name;
  run.detailsUrl = stringField(body, "details_url") ?? run.detailsUrl;
  run.externalId = stringField(body, "external_id") ?? run.externalId;
  run.startedAt = stringField(body, "started_at") ?? run.startedAt;
  const status = stringField(body, "status");
  const conclusion = stringField(body, "conclusion");
  if (status !== undefined && !STATUSES.includes(status)) throw validationFailed("CheckRun", "status", "status is not included in the list", "invalid");
  if (conclusion !== undefined && !CONCLUSIONS.includes(conclusion)) throw validationFailed("CheckRun", "conclusion", "conclusion is not included in the list", "invalid");
  if (status !== undefined) run.status = status;
  if (conclusion !== undefined) {
    // Giving a conclusion marks the run completed, whatever `status` said.
    run.conclusion = conclusion;
    run.status = "completed";
  }
  if (run.status === "completed" && run.conclusion === null) {
    throw validationFailed("CheckRun", "conclusion", "conclusion can't be blank when status is completed", "missing_field");
  }
  if (run.status === "completed") run.completedAt = stringField(body, "completed_at") ?? run.completedAt ?? timestamp(ctx.fake);
  const output = body.output;
  if (output && typeof output === "object") {
    const fields = output as Record<string, unknown>;
    const annotations = Array.isArray(fields.annotations) ? fields.annotations : [];
    if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST) {
      throw validationFailed("CheckRun", "output.annotations", `at most ${MAX_ANNOTATIONS_PER_REQUEST} annotations per request`);
    }
    run.output = {
      title: typeof fields.title === "string" ? fields.title : run.output.title,
      summary: lengthChecked(fields.summary, "output.summary") ?? run.output.summary,
      text: lengthChecked(fields.text, "output.text") ?? run.output.text,
      annotations: [...run.output.annotations, ...annotations],
    };
  }
  if (Array.isArray(body.actions)) run.actions = body.actions;
}

function checkRunOf(ctx: RouteContext, repo: RepoState): CheckRun {
  const run = repo.checkRuns.get(intParam(ctx, "check_run_id"));
  if (!run) throw notFound();
  return run;
}

function commitOf(ctx: RouteContext, repo: RepoState, ref: string): string {
  const sha = resolveCommitish(repo, ref);
  if (!sha) throw new ApiError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

function statusJson(ctx: FakeContext, repo: RepoState, status: CommitStatus): Record<string, unknown> {
  return {
    id: status.id,
    node_id: nodeId("SC", status.id),
    url: `${repoApiUrl(ctx, repo)}/statuses/${status.sha}`,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    avatar_url: null,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: userJson(ctx, status.creator),
  };
}

export const checkRoutes: Route[] = [
  route("POST", "/repos/{owner}/{repo}/check-runs", (ctx) => {
    const repo = repoOf(ctx);
    if (ctx.fake.settings.checkRunsForbidden) throw new ApiError(403, "Resource not accessible by integration");
    const name = requireString(ctx.body, "CheckRun", "name");
    const headSha = commitOf(ctx, repo, requireString(ctx.body, "CheckRun", "head_sha"));
    const run: CheckRun = {
      id: newId(ctx.fake),
      name,
      headSha,
      status: "queued",
      conclusion: null,
      detailsUrl: null,
      externalId: null,
      startedAt: timestamp(ctx.fake),
      completedAt: null,
      output: { title: null, summary: null, text: null, annotations: [] },
      actions: [],
      createdBy: ctx.login,
    };
    applyCheckRunBody(ctx, run);
    repo.checkRuns.set(run.id, run);
    return { status: 201, body: checkRunJson(ctx.fake, repo, run) };
  }),
  route("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", (ctx) => {
    const repo = repoOf(ctx);
    const run = checkRunOf(ctx, repo);
    // Validate on a copy so a refused update leaves the stored run untouched.
    const updated = structuredClone(run);
    applyCheckRunBody(ctx, updated);
    Object.assign(run, updated);
    return { status: 200, body: checkRunJson(ctx.fake, repo, run) };
  }),
  route("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: checkRunJson(ctx.fake, repo, checkRunOf(ctx, repo)) };
  }),
  route("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", (ctx) => {
    const repo = repoOf(ctx);
    const sha = resolveCommitish(repo, ctx.params.ref ?? "");
    if (!sha) throw notFound();
    const name = ctx.query.get("check_name");
    const status = ctx.query.get("status");
    let runs = [...repo.checkRuns.values()].filter((run) => run.headSha === sha && (!name || run.name === name) && (!status || run.status === status));
    if (ctx.query.get("filter") !== "all") {
      const latest = new Map<string, CheckRun>();
      for (const run of runs) if ((latest.get(run.name)?.id ?? -1) < run.id) latest.set(run.name, run);
      runs = [...latest.values()];
    }
    runs.sort((a, b) => b.id - a.id);
    const { page, headers } = paginate(ctx, runs);
    return { status: 200, body: { total_count: runs.length, check_runs: page.map((run) => checkRunJson(ctx.fake, repo, run)) }, headers };
  }),
  route("POST", "/repos/{owner}/{repo}/statuses/{sha}", (ctx) => {
    const repo = repoOf(ctx);
    const sha = ctx.params.sha ?? "";
    if (!repo.commits.has(sha)) throw new ApiError(422, `No commit found for SHA: ${sha}`);
    const state = requireString(ctx.body, "Status", "state");
    if (!STATUS_STATES.includes(state)) throw validationFailed("Status", "state", "state is not included in the list", "invalid");
    const description = stringField(ctx.body, "description") ?? null;
    if (description && description.length > MAX_STATUS_DESCRIPTION) {
      throw validationFailed("Status", "description", `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)`);
    }
    const status: CommitStatus = {
      id: newId(ctx.fake),
      sha,
      state,
      targetUrl: stringField(ctx.body, "target_url") ?? null,
      description,
      context: stringField(ctx.body, "context") ?? "default",
      creator: ctx.login,
      createdAt: timestamp(ctx.fake),
    };
    repo.statuses.push(status);
    return { status: 201, body: statusJson(ctx.fake, repo, status) };
  }),
  route("GET", "/repos/{owner}/{repo}/commits/{ref}/statuses", (ctx) => {
    const repo = repoOf(ctx);
    const sha = resolveCommitish(repo, ctx.params.ref ?? "");
    if (!sha) throw notFound();
    const statuses = repo.statuses.filter((status) => status.sha === sha).reverse();
    const { page, headers } = paginate(ctx, statuses);
    return { status: 200, body: page.map((status) => statusJson(ctx.fake, repo, status)), headers };
  }),
];
