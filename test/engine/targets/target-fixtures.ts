import type { Item } from "../../../src/core/model/item.js";
import { TargetConfigSchema } from "../../../src/core/config/schema.js";
import type { CallContext, Target } from "../../../src/engine/targets/target.js";
import { createTarget } from "../../../src/engine/targets/create-target.js";
import type { TargetOptions } from "../../../src/engine/targets/create-target.js";

/** Retries in tests wait at most a few milliseconds. */
export const FAST_BACKOFF = { baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 60_000 };

export const ITEM: Item = {
  id: "item-1",
  input: { question: "Where is order 42?" },
  expected: { answer: "shipped" },
  metadata: { lang: "en" },
};

export function context(overrides: Partial<CallContext> = {}): CallContext {
  return { runId: "run-1", experiment: "orders", signal: new AbortController().signal, ...overrides };
}

/** A target built the way the engine builds it: from raw config through the real schema. */
export function targetFrom(raw: Record<string, unknown>, options: Partial<TargetOptions> = {}): Target {
  return createTarget(TargetConfigSchema.parse(raw), {
    retries: 3,
    concurrency: 4,
    path: "experiments.orders.target",
    backoff: FAST_BACKOFF,
    ...options,
  });
}
