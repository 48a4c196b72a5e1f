/**
 * The one retry primitive for evalgate's own loops (targets and scorers over HTTP, moving the
 * results branch, GitHub writes sent with the client's retries off): exponential backoff with full
 * jitter (AWS architecture blog, "Exponential Backoff And Jitter"), which spreads the retries of 64
 * concurrent calls instead of sending them back in lock-step, and `Retry-After` honoured when the
 * server sends it. Never wrap it around a client that retries already (createOctokit's, Probot's):
 * the tries would multiply. No I/O but timers.
 */

export interface Backoff {
  /** Upper bound of the first wait; doubles on each retry. */
  baseDelayMs: number;
  /** Upper bound of any computed wait. */
  maxDelayMs: number;
  /** A Retry-After beyond this is capped: a server asking for an hour should not stall a run. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = {
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};

export interface RetryPolicy extends Backoff {
  /** Retries after the first call: at most `retries + 1` attempts. */
  retries: number;
  /** In [0, 1); injectable so tests can pin the jitter. */
  random: () => number;
}

export function retryPolicy(retries: number, backoff: Partial<Backoff> = {}): RetryPolicy {
  return { ...DEFAULT_BACKOFF, ...backoff, retries, random: Math.random };
}

/** One attempt's verdict: keep its value, or try again (after `retryAfterMs` if the server said). */
export type AttemptOutcome<T> =
  | { retry: false; value: T }
  | { retry: true; value: T; retryAfterMs?: number };

export interface Retried<T> {
  value: T;
  attempts: number;
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * Calls `attempt` until it needs no retry or the retries are spent; the last outcome's value is
 * returned either way (an attempt that throws ends the loop with its error). Rejects with the
 * abort reason as soon as `signal` aborts, also mid-backoff.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
  policy: RetryPolicy,
  signal: AbortSignal = NEVER_ABORTED,
): Promise<Retried<T>> {
  for (let attempts = 1; ; attempts += 1) {
    if (signal.aborted) throw abortReason(signal);
    const outcome = await attempt(attempts);
    if (!outcome.retry || attempts > policy.retries) return { value: outcome.value, attempts };
    await sleep(backoffDelayMs(attempts, policy, outcome.retryAfterMs), signal);
  }
}

/** Wait before retry number `retry` (1-based). */
export function backoffDelayMs(retry: number, policy: RetryPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` → milliseconds from now. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Resolves after `ms`; rejects with the abort reason (and clears the timer) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** What a cancelled call rejects with: the signal's reason (an AbortError DOMException by default). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}
