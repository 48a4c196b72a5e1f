import { randomUUID } from "node:crypto";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck";
import type { AdapterLog } from "./github-client.js";

export interface CreateOctokitOptions {
  token: string;
  /** GitHub Enterprise Server or a fake: "https://ghe.example.com/api/v3". Default: api.github.com. */
  baseUrl?: string;
  userAgent?: string;
  /**
   * Retries per request: for 5xx and network failures (plugin-retry, backoff 1 s, 4 s, 9 s, …) and
   * separately for primary and secondary rate limits (plugin-throttling, waiting as GitHub says).
   * 0 turns both off. A single request can pass `request: { retries }` to change the 5xx retries only.
   */
  retries?: number;
  /** Milliseconds per second of waiting, for both plugins. Default 1000; tests pass 1. */
  retryAfterBaseValue?: number;
  /** A secondary rate limit answered without `retry-after` waits this many seconds. Default 60. */
  fallbackSecondaryRateRetryAfter?: number;
  /** Give up instead of waiting longer than this for a rate limit to reset. Default 600 s. */
  maxRateLimitWaitSeconds?: number;
  log?: AdapterLog;
}

const EvalgateOctokit = Octokit.plugin(retry, throttling);
export type EvalgateOctokitClient = InstanceType<typeof EvalgateOctokit>;

// 429 is left to plugin-throttling, which honours `retry-after`; plugin-retry would ignore it.
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

interface LimitRequest {
  method: string;
  url: string;
}

/** An Octokit that retries what GitHub asks to be retried and never logs its token. */
export function createOctokit(options: CreateOctokitOptions): EvalgateOctokitClient {
  const retries = options.retries ?? 3;
  const maxWait = options.maxRateLimitWaitSeconds ?? 600;
  const log = options.log;
  const onLimit = (kind: string) => (retryAfter: number, request: LimitRequest, _octokit: unknown, retryCount: number): boolean => {
    const what = `${request.method} ${request.url}`;
    if (retryCount >= retries) {
      log?.warning(`GitHub ${kind} on ${what}: giving up after ${retryCount} retries.`);
      return false;
    }
    if (retryAfter > maxWait) {
      log?.warning(`GitHub ${kind} on ${what}: it resets in ${retryAfter} s, longer than the ${maxWait} s we wait.`);
      return false;
    }
    log?.info(`GitHub ${kind} on ${what}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${retries}).`);
    return true;
  };
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
      ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
    },
    throttle: {
      // plugin-throttling spaces writes 1 s apart (GitHub's advice against secondary limits) per id;
      // its limiters are shared by the whole process, so each client gets its own.
      id: `evalgate-${randomUUID()}`,
      // The 1 s spacing of writes scales with the same knob as the waits (tests pass 1 ms per second).
      ...(options.retryAfterBaseValue !== undefined
        ? { write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.retryAfterBaseValue }) }
        : {}),
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
      ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
      ...(options.fallbackSecondaryRateRetryAfter !== undefined ? { fallbackSecondaryRateRetryAfter: options.fallbackSecondaryRateRetryAfter } : {}),
    },
  });
}
