import { z } from "zod";

export const ToolCallSchema = z.object({
  name: z.string(),
  arguments: z.unknown().optional(),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

/** One meaning for every provider's shape: see `normalizeUsage` (core/normalize-usage.ts). */
export const UsageSchema = z.object({
  /** Every input token, cached ones included. */
  input_tokens: z.number().nonnegative().optional(),
  output_tokens: z.number().nonnegative().optional(),
  total_tokens: z.number().nonnegative().optional(),
  /** The part of input_tokens read from the provider's prompt cache. */
  cached_input_tokens: z.number().nonnegative().optional(),
  /** The part of input_tokens written to the prompt cache (Anthropic bills it apart). */
  cache_creation_input_tokens: z.number().nonnegative().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

/** What one call of a target produced (after retries). */
export const TargetResultSchema = z.object({
  output: z.unknown().optional(),
  latency_ms: z.number().nonnegative(),
  /** Calls made for this item: 1 + retries. */
  attempts: z.number().int().positive(),
  tool_calls: z.array(ToolCallSchema).optional(),
  usage: UsageSchema.optional(),
  cost: z.number().nonnegative().optional(),
  /** The model that answered (as a prompt target asked for it, or as the response names it): prices the call. */
  model: z.string().optional(),
  /** Set when the call failed for good; the item is then an error, not a failure. */
  error: z.string().optional(),
});
export type TargetResult = z.infer<typeof TargetResultSchema>;

/** Evidence: what a scorer read, what it compared it with, and why it decided. */
export const EvidenceSchema = z.object({
  read: z.unknown().optional(),
  compared: z.unknown().optional(),
  reason: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ScoreSchema = z.object({
  /** Stable id a user can type: `evalgate scores evidence <id>`. */
  id: z.string(),
  /** The scorer's label in the experiment (its name unless the config gave a label). */
  scorer: z.string(),
  score: z.number().min(0).max(1),
  passed: z.boolean(),
  evidence: EvidenceSchema,
  /** Set when the scorer threw: the scorer errored, the run did not crash. */
  error: z.string().optional(),
  /** Tokens the scorer itself spent (a judge's call), counted apart from the target's. */
  usage: UsageSchema.optional(),
  /** What the scorer's own calls cost. */
  cost: z.number().nonnegative().optional(),
});
export type Score = z.infer<typeof ScoreSchema>;

export const RunItemStatusSchema = z.enum(["passed", "failed", "error"]);
export type RunItemStatus = z.infer<typeof RunItemStatusSchema>;

/** What one call of the target (after its retries) and its scoring left: shared by run items and their attempts. */
const CallOutcomeSchema = z.object({
  status: RunItemStatusSchema,
  output: z.unknown().optional(),
  latency_ms: z.number().nonnegative(),
  /** Calls made: 1 + retries (summed over the attempts of a repeated item). */
  attempts: z.number().int().nonnegative(),
  tool_calls: z.array(ToolCallSchema).optional(),
  usage: UsageSchema.optional(),
  cost: z.number().nonnegative().optional(),
  error: z.string().optional(),
  scores: z.array(ScoreSchema),
  finished_at: z.string(),
});

/**
 * One call of the target for an item and its scores, when the experiment repeats items
 * (`repeat: K`). Stored inside its run item as soon as it finishes, so a killed run keeps it.
 */
export const RepeatAttemptSchema = CallOutcomeSchema.extend({
  /** 0-based, < K. */
  repeat: z.number().int().nonnegative(),
});
export type RepeatAttempt = z.infer<typeof RepeatAttemptSchema>;

/**
 * One dataset item's result in one run: stored as soon as it finishes. With repeats, its own
 * fields sum up the attempts (core/repeats/): `status` by the pass rule, `scores` one per scorer
 * over the attempts, `usage` and `cost` summed, `output` that of an attempt with the item's status.
 */
export const RunItemSchema = CallOutcomeSchema.extend({
  /** Stable id a user can type: `--run-item-id`. */
  id: z.string(),
  run_id: z.string(),
  item_id: z.string(),
  input: z.unknown(),
  expected: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** Every attempt so far by repeat index, when the run repeats items; fewer than K while it runs. */
  repeats: z.array(RepeatAttemptSchema).optional(),
});
export type RunItem = z.infer<typeof RunItemSchema>;
