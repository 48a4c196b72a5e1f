import { retryPolicy, withRetries } from "../core/retry.js";
import type { AdapterLog } from "./github-client.js";
import { isAmbiguousFailure, retryAfterMsOf, statusOf } from "./request-status.js";

export interface CreateOnceInput<T> {
  /** Must send the request with `request: { retries: 0 }`: this function does the retrying. */
  create: () => Promise<T>;
  /** What `create` made, if an attempt that seemed to fail did land. */
  findCreated: () => Promise<T | undefined>;
  what: string;
  attempts?: number;
  log?: AdapterLog;
}

/**
 * Creates something GitHub cannot deduplicate (a check run) exactly once. A 5xx or a dropped
 * connection may hide a create that happened, so before each retry we look for what it made.
 */
export async function createOnce<T>(input: CreateOnceInput<T>): Promise<T> {
  const attempts = input.attempts ?? 4;
  const { value } = await withRetries<{ created: T } | { failed: unknown }>(async (attempt) => {
    try {
      return { retry: false, value: { created: await input.create() } };
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      const found = await input.findCreated();
      if (found !== undefined) return { retry: false, value: { created: found } };
      if (attempt < attempts) input.log?.info(`Creating ${input.what} failed (${statusOf(error) ?? "no answer"}); retrying, attempt ${attempt + 1} of ${attempts}.`);
      const retryAfterMs = retryAfterMsOf(error);
      return { retry: true, value: { failed: error }, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    }
  }, retryPolicy(attempts - 1, { baseDelayMs: 250, maxDelayMs: 4_000 }));
  if ("failed" in value) throw value.failed;
  return value.created;
}
