import { randomUUID } from "node:crypto";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck";
import type { AdapterLog } from "./github-client.js";
import { waitOutRateLimits, type RateLimitWaits } from "./wait-out-rate-limits.js";

export interface CreateOctokitOptions {
  token: string;
  /** GitHub Enterprise Server or a fake: "https://ghe.example.com/api/v3". Default: api.github.com. */
  baseUrl?: string;
  userAgent?: string;
  /**
   * Retries per request for 5xx and network failures (plugin-retry, backoff 1 s, 4 s, 9 s, …).
   * 0 turns them off, and the waiting for rate limits too. A single request can pass
   * `request: { retries }` to change the 5xx retries only.
   */
  retries?: number;
  /** Milliseconds per second of waiting, for every wait. Default 1000; tests pass 1. */
  retryAfterBaseValue?: number;
  /** A secondary rate limit answered without `retry-after` waits at least this long. Default 60 (GitHub's advice). */
  secondaryRateLimitMinWaitSeconds?: number;
  /** All rate-limit waits of this client together never pass this; then the request fails. Default 900 s. */
  rateLimitBudgetSeconds?: number;
  log?: AdapterLog;
}

const EvalgateOctokit = Octokit.plugin(retry, throttling, waitOutRateLimits);
export type EvalgateOctokitClient = InstanceType<typeof EvalgateOctokit>;

// 403 and 429 are rate limits (waitOutRateLimits) or refusals: sending them again changes nothing.
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/**
 * An Octokit that retries what GitHub asks to be retried, each kind by exactly one layer, and
 * never logs its token: 5xx by plugin-retry, rate limits by waitOutRateLimits.
 */
export function createOctokit(options: CreateOctokitOptions): EvalgateOctokitClient {
  const retries = options.retries ?? 3;
  const msPerSecond = options.retryAfterBaseValue ?? 1000;
  const rateLimitWaits: RateLimitWaits | undefined =
    retries > 0
      ? {
          msPerSecond,
          minSecondaryWaitSeconds: options.secondaryRateLimitMinWaitSeconds ?? 60,
          budgetSeconds: options.rateLimitBudgetSeconds ?? 900,
          ...(options.log ? { log: options.log } : {}),
        }
      : undefined;
  const log = options.log;
  return new EvalgateOctokit({
    auth: options.token,
    ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, "") } : {}),
    userAgent: options.userAgent ?? "evalgate",
    // Octokit's debug log prints request options, headers included: the token must not reach a log.
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => log?.warning(message),
      error: (message: string) => log?.info(message),
    },
    retry: {
      enabled: retries > 0,
      retries,
      doNotRetry: DO_NOT_RETRY,
      retryAfterBaseValue: msPerSecond,
    },
    throttle: {
      // Kept for its spacing of writes 1 s apart (GitHub's advice against secondary limits), per
      // id; its limiters are shared by the whole process, so each client gets its own.
      id: `evalgate-${randomUUID()}`,
      // The 1 s spacing scales with the same knob as the waits (tests pass 1 ms per second).
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: msPerSecond }),
      // waitOutRateLimits waits as GitHub documents (this plugin ignores x-ratelimit-reset on a
      // secondary limit and never backs off): retrying here too would multiply the waits.
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
    rateLimitWaits,
  });
}
