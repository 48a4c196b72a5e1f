import { setTimeout as sleep } from "node:timers/promises";

/**
 * How hard the results branch store tries. Two kinds of failure are retried: a server error or a
 * dropped connection on one API call (retried in place), and a ref update refused because another
 * job moved the branch first (the whole commit is rebuilt on the new head).
 */
export interface RetryPolicy {
  /** Tries per API call that fails with 5xx, 429 or no answer. */
  requestAttempts: number;
  /** Tries to move the branch (each one a fresh tree and commit on the current head). */
  publishAttempts: number;
  /** First backoff; doubles per try up to maxDelayMs, then jittered to 50–150 %. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 8 publish tries: each round of a race lets at least one writer through, and jobs seldom overlap by 8. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  requestAttempts: 4,
  publishAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * Octokit reports a dropped connection as status 500, so "5xx" covers it; 429 is GitHub's "slow
 * down". Everything else (4xx, our own bugs) would fail the same way again.
 */
export function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && (status >= 500 || status === 429);
}

export function backoff(attempt: number, policy: RetryPolicy): Promise<void> {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Jitter keeps writers that collided once from colliding again in lockstep.
  return sleep(exponential * (0.5 + Math.random()));
}

export async function retryTransient<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error) || attempt >= policy.requestAttempts) throw error;
      await backoff(attempt, policy);
    }
  }
}
