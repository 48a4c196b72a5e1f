import { setTimeout as sleep } from "node:timers/promises";
import type { Octokit } from "@octokit/rest";
import type { AdapterLog } from "./github-client.js";
import { parseRetryAfter } from "../core/retry.js";
import { messageOf, statusOf } from "./request-status.js";

export interface RateLimitWaits {
  /** Milliseconds per second of waiting: 1000 on GitHub, 1 in tests. */
  msPerSecond: number;
  /** A secondary rate limit answered without `retry-after` or an exhausted quota waits this long first. */
  minSecondaryWaitSeconds: number;
  /** All waits of one client together never pass this: then the request fails with GitHub's answer. */
  budgetSeconds: number;
  log?: AdapterLog;
}

export interface RateLimitAnswer {
  kind: "rate limit" | "secondary rate limit";
  status: number;
  headers: Record<string, string | undefined>;
}

/** GitHub's rate-limit answers: 403 or 429 with "secondary rate limit", or with an exhausted quota. */
export function rateLimitOf(error: unknown): RateLimitAnswer | undefined {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return undefined;
  const raw = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  const headers = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name.toLowerCase(), value === undefined ? undefined : String(value)]));
  if (/secondary rate limit/i.test(messageOf(error))) return { kind: "secondary rate limit", status, headers };
  if (headers["x-ratelimit-remaining"] === "0") return { kind: "rate limit", status, headers };
  // A bare 429 is "too many requests" all the same; a bare 403 is a refusal, not a limit.
  return status === 429 ? { kind: "secondary rate limit", status, headers } : undefined;
}

/**
 * Seconds to wait before retrying, as GitHub documents it ("Best practices": rate limits): as long
 * as `retry-after` says; else, when `x-ratelimit-remaining` is 0, until `x-ratelimit-reset`; else
 * at least a minute. A request that keeps being limited waits exponentially longer each time.
 */
export function rateLimitWaitSeconds(answer: RateLimitAnswer, nowMs: number, previousWait: number | undefined, minSecondaryWaitSeconds: number): number {
  const documented = documentedWait(answer, nowMs) ?? minSecondaryWaitSeconds;
  const wait = previousWait === undefined ? documented : Math.max(documented, previousWait * 2);
  return Math.max(1, Math.ceil(wait));
}

function documentedWait(answer: RateLimitAnswer, nowMs: number): number | undefined {
  const retryAfterMs = parseRetryAfter(answer.headers["retry-after"], nowMs);
  if (retryAfterMs !== undefined) return retryAfterMs / 1000;
  const reset = Number(answer.headers["x-ratelimit-reset"]);
  if (answer.headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset) && reset > 0) {
    // One second past the reset, so the retry comes after it.
    return Math.max(0, reset - nowMs / 1000) + 1;
  }
  return undefined;
}

type RequestHook = Octokit["hook"];

/**
 * An Octokit plugin (pass its options as `rateLimitWaits`) that waits out rate limits and sends
 * the request again. It is the only layer that retries them: plugin-retry leaves 403 and 429
 * alone, and plugin-throttling is told not to retry. A refused request was not applied, so even a
 * create is safe to send again.
 */
export function waitOutRateLimits(octokit: { hook: RequestHook }, options: { [option: string]: unknown }): Record<string, never> {
  const settings = options.rateLimitWaits as RateLimitWaits | undefined;
  if (settings === undefined) return {};
  let spentSeconds = 0;
  octokit.hook.wrap("request", async (request, requestOptions) => {
    let previousWait: number | undefined;
    for (;;) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const answer = rateLimitOf(error);
        if (answer === undefined) throw error;
        const wait = rateLimitWaitSeconds(answer, Date.now(), previousWait, settings.minSecondaryWaitSeconds);
        const what = `GitHub ${answer.kind} on ${requestOptions.method} ${requestOptions.url}`;
        if (spentSeconds + wait > settings.budgetSeconds) {
          settings.log?.warning(
            `${what}: waiting ${wait} s more would pass the ${settings.budgetSeconds} s this job may wait for rate limits (${Math.round(spentSeconds)} s so far); giving up.`,
          );
          throw error;
        }
        settings.log?.info(`${what}: retrying in ${wait} s.`);
        spentSeconds += wait;
        previousWait = wait;
        await sleep(wait * settings.msPerSecond);
      }
    }
  });
  return {};
}
