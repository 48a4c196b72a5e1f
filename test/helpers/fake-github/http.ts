import type { FakeContext } from "./context.js";
import type { RepoState } from "./types.js";

const DOCS = "https://docs.github.com/rest";

/** An error answer with GitHub's body shape (`message`, `documentation_url`, `status`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): Record<string, unknown> {
    return { message: this.message, ...this.extra, documentation_url: DOCS, status: String(this.status) };
  }
}

export function notFound(): ApiError {
  return new ApiError(404, "Not Found");
}

/** GitHub's 422 shape: "Validation Failed" plus one entry per field. */
export function validationFailed(resource: string, field: string, message: string, code = "custom"): ApiError {
  return new ApiError(422, "Validation Failed", { errors: [{ resource, code, field, message }] });
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  fake: FakeContext;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The login the request's token acts as. */
  login: string;
  /** The request URL, absolute against the fake's base URL (used for pagination links). */
  url: URL;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;

export interface Route {
  method: string;
  template: string;
  handler: RouteHandler;
  /** GitHub wants an installation JWT there, not a token: the fake asks for no header. */
  public: boolean;
  regex: RegExp;
  paramNames: string[];
  literalCount: number;
}

/** Parameters that may span several path segments (GitHub's `x-multi-segment`). */
const MULTI_SEGMENT = new Set(["ref", "path", "basehead"]);

export function route(method: string, template: string, handler: RouteHandler, isPublic = false): Route {
  const paramNames: string[] = [];
  let literalCount = 0;
  const pattern = template
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param?.[1]) {
        if (segment !== "") literalCount++;
        return segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      }
      paramNames.push(param[1]);
      return MULTI_SEGMENT.has(param[1]) ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { method, template, handler, public: isPublic, regex: new RegExp(`^${pattern}$`), paramNames, literalCount };
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The most specific matching route: literal segments beat parameters. */
export function matchRoute(routes: readonly Route[], method: string, rawPath: string): RouteMatch | undefined {
  let best: RouteMatch | undefined;
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.regex.exec(rawPath);
    if (!match) continue;
    if (best && best.route.literalCount >= candidate.literalCount) continue;
    const params: Record<string, string> = {};
    candidate.paramNames.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? "");
    });
    best = { route: candidate, params };
  }
  return best;
}

/** Looks up the repository named by `{owner}/{repo}`; 404 like GitHub when unknown. */
export function repoOf(ctx: RouteContext): RepoState {
  const repo = ctx.fake.state.repos.get(`${ctx.params.owner}/${ctx.params.repo}`.toLowerCase());
  if (!repo) throw notFound();
  return repo;
}

export function intParam(ctx: RouteContext, name: string): number {
  const value = ctx.params[name] ?? "";
  if (!/^\d+$/.test(value)) throw notFound();
  return Number(value);
}

/**
 * GitHub pagination: `per_page` (default 30, max 100) and `page`, with a `Link` header naming
 * first/prev/next/last pages as absolute URLs that keep the other query parameters.
 */
export function paginate<T>(ctx: RouteContext, items: readonly T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get("page") ?? 1) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (number: number): string => {
    const url = new URL(ctx.url);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(number));
    return url.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`);
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  const headers: Record<string, string> = links.length > 0 ? { link: links.join(", ") } : {};
  return { page: items.slice((page - 1) * perPage, page * perPage), headers };
}

export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === "string" ? value : undefined;
}

export function requireString(body: Record<string, unknown>, resource: string, name: string): string {
  const value = stringField(body, name);
  if (value === undefined) throw validationFailed(resource, name, `${name} wasn't supplied.`, "missing_field");
  return value;
}
