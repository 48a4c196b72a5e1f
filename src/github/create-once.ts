import type { AdapterLog } from "./github-client.js";
import { isAmbiguousFailure, statusOf } from "./request-status.js";

export interface CreateOnceInput<T> {
  /** Must send the request with `request: { retries: 0 }`: this function does the retrying. */
  create: () => Promise<T>;
  /** What `create` made, if an attempt that seemed to fail did land. */
  findCreated: () => Promise<T | undefined>;
  what: string;
  attempts?: number;
  log?: AdapterLog;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates something GitHub cannot deduplicate (a check run) exactly once. A 5xx or a dropped
 * connection may hide a create that happened, so before each retry we look for what it made.
 */
export async function createOnce<T>(input: CreateOnceInput<T>): Promise<T> {
  const attempts = input.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await input.create();
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      const found = await input.findCreated();
      if (found !== undefined) return found;
      if (attempt >= attempts) throw error;
      input.log?.info(`Creating ${input.what} failed (${statusOf(error) ?? "no answer"}); retrying, attempt ${attempt + 1} of ${attempts}.`);
      await delay(250 * attempt * attempt);
    }
  }
}
