import { parseRetryAfter } from "../core/retry.js";

/** The HTTP status of a failed Octokit request, or undefined for anything else that was thrown. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** How long a failed request's `retry-after` header asks to wait, in milliseconds; undefined without one. */
export function retryAfterMsOf(error: unknown, nowMs = Date.now()): number | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  const value = headers?.["retry-after"];
  return parseRetryAfter(value === undefined || value === null ? undefined : String(value), nowMs);
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/**
 * A failure after which the request may or may not have taken effect: a 5xx, or no answer at all
 * (Octokit reports network failures as status 500).
 */
export function isAmbiguousFailure(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** GitHub's own message ("Resource not accessible by integration"), without Octokit's documentation link. */
export function githubMessageOf(error: unknown): string {
  const answered = (error as { response?: { data?: { message?: unknown } } } | null)?.response?.data?.message;
  return typeof answered === "string" ? answered : messageOf(error);
}

/**
 * GitHub refused the request for good: a 403 that is no rate limit, such as "Resource not
 * accessible by integration" for a token without the permission. Sending it again changes nothing.
 */
export function isRefused(error: unknown): boolean {
  return statusOf(error) === 403 && !/rate limit/i.test(messageOf(error));
}
