import { retryPolicy, type RetryPolicy } from "../../core/retry.js";

/**
 * How hard the results branch store tries to move the branch: when another job moved it first, or
 * when a ref write got no clear answer, the whole commit is rebuilt on the current head. Every
 * other call is retried by the client alone (createOctokit's and Probot's retry 5xx and wait out
 * rate limits): a loop of ours around theirs would multiply the tries.
 */
export interface BranchRetryPolicy {
  /** Tries to move the branch (each one a fresh tree and commit on the current head). */
  publishAttempts: number;
  /** Upper bound of the first backoff; doubles per try up to maxDelayMs (full jitter below it). */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 8 publish tries: each round of a race lets at least one writer through, and jobs seldom overlap by 8. */
export const DEFAULT_BRANCH_RETRY_POLICY: BranchRetryPolicy = {
  publishAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

/** The policy for the shared retry primitive. */
export function publishRetries(policy: BranchRetryPolicy): RetryPolicy {
  return retryPolicy(Math.max(0, policy.publishAttempts - 1), { baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs });
}
