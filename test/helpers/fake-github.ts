import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fullRefName, getRepo, resolveCommitish, type FakeContext, type FakeSettings } from "./fake-github/context.js";
import { FaultPlan, faultResult, type Fault } from "./fake-github/faults.js";
import { flattenTree, findPath } from "./fake-github/git-objects.js";
import { ApiError, matchRoute, type Route, type RouteMatch, type RouteResult } from "./fake-github/http.js";
import { checkRoutes } from "./fake-github/routes-checks.js";
import { contentRoutes } from "./fake-github/routes-contents.js";
import { gitRoutes } from "./fake-github/routes-git.js";
import { issueRoutes } from "./fake-github/routes-issues.js";
import { repoRoutes } from "./fake-github/routes-repos.js";
import * as seed from "./fake-github/seed.js";
import type { Deployment, DeploymentStatus, FakeState, IssueComment, Permission, PullRequest, RepoState } from "./fake-github/types.js";

/**
 * A fake GitHub REST API on 127.0.0.1 with real in-memory state, for tests of the Action and the
 * bot. Point Octokit's `baseUrl` (or `GITHUB_API_URL`) at `url`; no `/api/v3` prefix.
 */

export type { Fault } from "./fake-github/faults.js";
export type * from "./fake-github/types.js";
export type { AddCommitInput, AddDeploymentInput, AddPullRequestInput, AddRepoInput, FileContents } from "./fake-github/seed.js";

export interface RecordedRequest {
  method: string;
  /** Decoded pathname ("/repos/o/r/git/ref/heads/main"). */
  path: string;
  /** Pathname as sent ("/repos/o/r/git/ref/heads%2Fmain"); the OpenAPI check matches this one. */
  rawPath: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  status: number;
  /** "POST /repos/{owner}/{repo}/check-runs", or null when the fake knows no such route. */
  route: string | null;
  /** The answer came from `failNext`/`failRate`, not from the route. */
  injected: boolean;
  responseBody: unknown;
}

export interface FakeGitHubOptions {
  /** Check-run creation answers 403 "Resource not accessible by integration". */
  checkRunsForbidden?: boolean;
  /** Login for writes by a token not in `tokenLogins`. Default "github-actions[bot]". */
  defaultLogin?: string;
  /** Token → login, for tests where several users act. */
  tokenLogins?: Record<string, string>;
  /** Tokens whose writes answer 403 "Resource not accessible by integration", as a read-only GITHUB_TOKEN's do. */
  readOnlyTokens?: string[];
  /** Installation tokens act as "<appSlug>[bot]". Default "evalgate". */
  appSlug?: string;
  /** Timestamps come from here. Default: the real clock. */
  clock?: () => Date;
  /**
   * Refuse (422) any request whose body GitHub's OpenAPI description rejects, as GitHub would.
   * Costs a few seconds and ~150 MB once per worker to load the description.
   */
  validateRequests?: boolean;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  state: FakeState;
  /** Creates a repository with an initial commit on its default branch. */
  addRepo(input: seed.AddRepoInput): RepoState;
  repo(owner: string, repo: string): RepoState;
  /** Commits files on top of the branch (or given parents) and moves the branch; returns the sha. */
  addCommit(input: seed.AddCommitInput): string;
  setRef(owner: string, repo: string, ref: string, sha: string): void;
  addPullRequest(input: seed.AddPullRequestInput): PullRequest;
  addIssue(owner: string, repo: string, title?: string): number;
  addComment(input: { owner: string; repo: string; issueNumber: number; body: string; user?: string }): IssueComment;
  addDeployment(input: seed.AddDeploymentInput): Deployment;
  addDeploymentStatus(
    owner: string,
    repo: string,
    deploymentId: number,
    status: { state: string; environmentUrl?: string; targetUrl?: string; logUrl?: string; description?: string },
  ): DeploymentStatus;
  /** A collaborator's role; without `where` it holds in every repository. Unknown logins get 404. */
  setPermission(login: string, permission: Permission, where?: { owner: string; repo: string }): void;
  setCheckRunsForbidden(forbidden: boolean): void;
  /** From now on this token may read but not write (or write again, with `false`). */
  setTokenReadOnly(token: string, readOnly?: boolean): void;
  /** A file's content at a ref (branch, tag, sha), or undefined. */
  readFile(owner: string, repo: string, ref: string, path: string): Buffer | undefined;
  /** Every file path at a ref, sorted. */
  listFiles(owner: string, repo: string, ref: string): string[];
  /** The next `count` (matching) requests fail with `fault`. */
  failNext(count: number, fault: Fault): void;
  /** Each (matching) request fails with probability `fraction`, from a generator seeded with `seed`. */
  failRate(fraction: number, fault: Fault, seed: number): void;
  clearFaults(): void;
  /** Requests to routes the fake does not know (GitHub would have answered 404 too). */
  unmatchedRequests(): RecordedRequest[];
  close(): Promise<void>;
}

const ROUTES: Route[] = [...issueRoutes, ...checkRoutes, ...gitRoutes, ...repoRoutes, ...contentRoutes];

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function parseBody(raw: Buffer): { body: unknown; valid: boolean } {
  if (raw.length === 0) return { body: undefined, valid: true };
  const text = raw.toString("utf8");
  try {
    return { body: JSON.parse(text) as unknown, valid: true };
  } catch {
    return { body: text, valid: false };
  }
}

function tokenOf(authorization: string | undefined): string {
  return authorization?.replace(/^(token|bearer)\s+/i, "") ?? "";
}

function loginFor(ctx: FakeContext, authorization: string | undefined): string {
  const token = tokenOf(authorization);
  if (ctx.settings.tokenLogins[token]) return ctx.settings.tokenLogins[token];
  if (ctx.state.issuedTokens.some((issued) => issued.token === token)) return `${ctx.settings.appSlug}[bot]`;
  return ctx.settings.defaultLogin;
}

function errorResult(error: unknown): RouteResult {
  if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { message: `fake GitHub crashed: ${message}` } };
}

type RequestValidator = (method: string, rawPath: string, body: unknown) => string[];

interface Incoming {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  parsed: { body: unknown; valid: boolean };
}

/** The route's answer, short of faults: 404, 401, 400, 422 (schema) or whatever the handler says. */
function handleRoute(ctx: FakeContext, incoming: Incoming, match: RouteMatch | undefined, validate: RequestValidator | undefined): RouteResult {
  const { method, url, headers, parsed } = incoming;
  if (!match) return errorResult(new ApiError(404, "Not Found"));
  if (!match.route.public && !headers.authorization) return errorResult(new ApiError(401, "Requires authentication"));
  if (!match.route.public && method !== "GET" && method !== "HEAD" && ctx.settings.readOnlyTokens.has(tokenOf(headers.authorization))) {
    return errorResult(new ApiError(403, "Resource not accessible by integration"));
  }
  if (!parsed.valid) return errorResult(new ApiError(400, "Problems parsing JSON"));
  const problems = validate?.(method, url.pathname, parsed.body) ?? [];
  if (problems.length > 0) return errorResult(new ApiError(422, `Invalid request.\n\n${problems.join("\n")}`));
  const body = parsed.body && typeof parsed.body === "object" && !Array.isArray(parsed.body) ? (parsed.body as Record<string, unknown>) : {};
  try {
    return match.route.handler({ fake: ctx, params: match.params, query: url.searchParams, body, login: loginFor(ctx, headers.authorization), url });
  } catch (error) {
    return errorResult(error);
  }
}

function answer(ctx: FakeContext, incoming: Incoming, faults: FaultPlan, validate: RequestValidator | undefined) {
  const match = matchRoute(ROUTES, incoming.method, incoming.url.pathname);
  const route = match ? `${incoming.method} ${match.route.template}` : null;
  const fault = faults.pick(incoming.method, incoming.url.pathname);
  if (fault && !fault.afterHandling) return { result: faultResult(fault), route, injected: true };
  const result = handleRoute(ctx, incoming, match, validate);
  return { result: fault ? faultResult(fault) : result, route, injected: fault !== undefined };
}

async function loadValidator(): Promise<RequestValidator> {
  const { checkRequestsAgainstOpenApi, loadOpenApiOperations } = await import("./openapi-check.js");
  loadOpenApiOperations();
  return (method, rawPath, body) => checkRequestsAgainstOpenApi([{ method, path: rawPath, body }]);
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const settings: FakeSettings = {
    checkRunsForbidden: options.checkRunsForbidden ?? false,
    defaultLogin: options.defaultLogin ?? "github-actions[bot]",
    appSlug: options.appSlug ?? "evalgate",
    tokenLogins: options.tokenLogins ?? {},
    readOnlyTokens: new Set(options.readOnlyTokens ?? []),
  };
  const ctx: FakeContext = {
    state: { repos: new Map(), permissions: new Map(), issuedTokens: [] },
    settings,
    apiUrl: "",
    clock: options.clock ?? (() => new Date()),
    nextId: { value: 1000 },
  };
  const validate = options.validateRequests ? await loadValidator() : undefined;
  const requests: RecordedRequest[] = [];
  const faults = new FaultPlan();
  let requestCount = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = (request.method ?? "GET").toUpperCase();
    const url = new URL(request.url ?? "/", ctx.apiUrl);
    const parsed = parseBody(await readBody(request));
    const { result, route, injected } = answer(ctx, { method, url, headers: request.headers, parsed }, faults, validate);
    requestCount += 1;
    requests.push({
      method,
      path: decodeURIComponent(url.pathname),
      rawPath: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: parsed.body,
      status: result.status,
      route,
      injected,
      responseBody: result.body,
    });
    const headers: Record<string, string> = {
      "x-github-request-id": `FAKE:${requestCount}`,
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(Math.max(0, 5000 - requestCount)),
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-used": String(requestCount),
      "x-ratelimit-resource": "core",
      ...result.headers,
    };
    if (result.status === 204 || result.body === undefined) {
      response.writeHead(result.status, headers).end();
      return;
    }
    headers["content-type"] = "application/json; charset=utf-8";
    response.writeHead(result.status, headers).end(JSON.stringify(result.body));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: `fake GitHub crashed: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ctx.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const treeAt = (owner: string, name: string, ref: string): { repo: RepoState; tree: string } | undefined => {
    const repo = getRepo(ctx, owner, name);
    const sha = resolveCommitish(repo, ref) ?? repo.refs.get(fullRefName(ref));
    const tree = sha ? repo.commits.get(sha)?.tree : undefined;
    return tree ? { repo, tree } : undefined;
  };

  return {
    url: ctx.apiUrl,
    requests,
    state: ctx.state,
    addRepo: (input) => seed.addRepo(ctx, input),
    repo: (owner, name) => getRepo(ctx, owner, name),
    addCommit: (input) => seed.addCommit(ctx, input),
    setRef: (owner, name, ref, sha) => seed.setRef(ctx, owner, name, ref, sha),
    addPullRequest: (input) => seed.addPullRequest(ctx, input),
    addIssue: (owner, name, title) => seed.addIssue(ctx, owner, name, title),
    addComment: (input) => seed.addComment(ctx, input),
    addDeployment: (input) => seed.addDeployment(ctx, input),
    addDeploymentStatus: (owner, name, id, status) => seed.addDeploymentStatus(ctx, getRepo(ctx, owner, name), id, status),
    setPermission: (login, permission, where) => seed.setPermission(ctx, login, permission, where),
    setCheckRunsForbidden: (forbidden) => {
      settings.checkRunsForbidden = forbidden;
    },
    setTokenReadOnly: (token, readOnly = true) => {
      if (readOnly) settings.readOnlyTokens.add(token);
      else settings.readOnlyTokens.delete(token);
    },
    readFile: (owner, name, ref, path) => {
      const at = treeAt(owner, name, ref);
      const entry = at ? findPath(at.repo, at.tree, path) : undefined;
      return entry?.type === "blob" ? at?.repo.blobs.get(entry.sha) : undefined;
    },
    listFiles: (owner, name, ref) => {
      const at = treeAt(owner, name, ref);
      if (!at) return [];
      return flattenTree(at.repo, at.tree).filter((entry) => entry.type === "blob").map((entry) => entry.path).sort();
    },
    failNext: (count, fault) => faults.failNext(count, fault),
    failRate: (fraction, fault, seedValue) => faults.failRate(fraction, fault, seedValue),
    clearFaults: () => faults.clear(),
    unmatchedRequests: () => requests.filter((recorded) => recorded.route === null),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
