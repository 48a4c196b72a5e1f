import { describe, expect, it } from "vitest";
import { backoffDelayMs, parseRetryAfter, retryPolicy, sleep, withRetries } from "../../src/core/retry.js";

describe("retry policy", () => {
  it("full jitter stays under base·2^(retry-1), capped at the maximum", () => {
    const policy = { ...retryPolicy(5, { baseDelayMs: 250, maxDelayMs: 10_000 }), random: () => 0.999 };
    expect(backoffDelayMs(1, policy)).toBe(249);
    expect(backoffDelayMs(3, policy)).toBe(999);
    expect(backoffDelayMs(10, policy)).toBe(9990);
    expect(backoffDelayMs(1, { ...policy, random: () => 0 })).toBe(0);
  });

  it("Retry-After replaces the computed wait and is capped", () => {
    const policy = retryPolicy(3, { maxRetryAfterMs: 60_000 });
    expect(backoffDelayMs(1, policy, 2000)).toBe(2000);
    expect(backoffDelayMs(1, policy, 3_600_000)).toBe(60_000);
  });

  it("Retry-After is read as seconds or as an HTTP date", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("withRetries stops at retries + 1 attempts and returns the last value", async () => {
    const policy = retryPolicy(2, { baseDelayMs: 1, maxDelayMs: 1 });
    const seen: number[] = [];
    const result = await withRetries(
      async (attempt) => (seen.push(attempt), { retry: true, value: `attempt ${attempt}` }),
      policy,
      new AbortController().signal,
    );
    expect(result).toEqual({ value: "attempt 3", attempts: 3 });
    expect(seen).toEqual([1, 2, 3]);
  });

  it("sleep rejects with the abort reason when aborted", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
  });
});
