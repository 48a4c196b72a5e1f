import { setTimeout as sleep } from "node:timers/promises";

/**
 * How hard the results branch store tries to move the branch: when another job moved it first, or
 * when a ref write got no clear answer, the whole commit is rebuilt on the current head. Every
 * other call is retried by the client alone (createOctokit's and Probot's retry 5xx and wait out
 * rate limits): a loop of ours around theirs would multiply the tries.
 */
export interface RetryPolicy {
  /** Tries to move the branch (each one a fresh tree and commit on the current head). */
  publishAttempts: number;
  /** First backoff; doubles per try up to maxDelayMs, then jittered to 50–150 %. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 8 publish tries: each round of a race lets at least one writer through, and jobs seldom overlap by 8. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  publishAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * A failure after which a write may or may not have taken effect: a 5xx, or no answer (Octokit
 * reports a dropped connection as status 500). Everything else was refused and changed nothing.
 */
export function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 500;
}

export function backoff(attempt: number, policy: RetryPolicy): Promise<void> {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Jitter keeps writers that collided once from colliding again in lockstep.
  return sleep(exponential * (0.5 + Math.random()));
}
