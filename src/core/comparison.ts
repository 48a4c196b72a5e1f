import { z } from "zod";
import { RunItemStatusSchema } from "./model/run-item.js";
import { RunSummarySchema } from "./model/run.js";

/** Which run a side of the comparison is. */
export const ComparedRunSchema = z.object({
  run_id: z.string(),
  experiment: z.string(),
  label: z.string().optional(),
  experiment_version: z.string(),
  dataset_version: z.string(),
});
export type ComparedRun = z.infer<typeof ComparedRunSchema>;

/** Item ids, the list capped so a huge run keeps the comparison small; `count` is exact. */
export const IdListSchema = z.object({
  count: z.number().int().nonnegative(),
  ids: z.array(z.string()),
});
export type IdList = z.infer<typeof IdListSchema>;

export const ScorerSideSchema = z.object({
  count: z.number().int().nonnegative(),
  mean: z.number(),
  pass_rate: z.number(),
  errors: z.number().int().nonnegative(),
});
export type ScorerSide = z.infer<typeof ScorerSideSchema>;

/** One scorer over the shared items; a scorer present on one side only has null on the other. */
export const ScorerComparisonSchema = z.object({
  scorer: z.string(),
  baseline: ScorerSideSchema.nullable(),
  candidate: ScorerSideSchema.nullable(),
  mean_delta: z.number().nullable(),
  pass_rate_delta: z.number().nullable(),
});
export type ScorerComparison = z.infer<typeof ScorerComparisonSchema>;

export const ScoreSnapshotSchema = z.object({ score: z.number(), passed: z.boolean() });
export type ScoreSnapshot = z.infer<typeof ScoreSnapshotSchema>;

export const ChangedScorerSchema = z.object({
  scorer: z.string(),
  baseline: ScoreSnapshotSchema.nullable(),
  candidate: ScoreSnapshotSchema.nullable(),
  /** The candidate's evidence reason (or its scorer error), else the baseline's. */
  reason: z.string(),
});
export type ChangedScorer = z.infer<typeof ChangedScorerSchema>;

/** An item whose status moved between pass and not-pass: a regression or a fix. */
export const FlippedItemSchema = z.object({
  item_id: z.string(),
  /** The candidate's run item: what `--run-item-id` takes. */
  run_item_id: z.string(),
  baseline_status: RunItemStatusSchema,
  candidate_status: RunItemStatusSchema,
  input: z.unknown(),
  expected: z.unknown().optional(),
  baseline_output: z.unknown(),
  candidate_output: z.unknown(),
  /** Scorers whose score or pass changed, or that scored on one side only. */
  changed_scorers: z.array(ChangedScorerSchema),
  candidate_error: z.string().optional(),
});
export type FlippedItem = z.infer<typeof FlippedItemSchema>;

/** Flipped items, the list capped; `count` is always exact. */
export const FlippedListSchema = z.object({
  count: z.number().int().nonnegative(),
  items: z.array(FlippedItemSchema),
});
export type FlippedList = z.infer<typeof FlippedListSchema>;

export const MetricDeltaSchema = z.object({
  baseline: z.number(),
  candidate: z.number(),
  /** candidate − baseline. */
  delta: z.number(),
});
export type MetricDelta = z.infer<typeof MetricDeltaSchema>;

/**
 * A candidate run against a baseline run. Every metric is over the items both runs share, so
 * a dataset that gained or lost items does not move the numbers by itself.
 */
export const ComparisonSchema = z.object({
  baseline: ComparedRunSchema,
  candidate: ComparedRunSchema,
  same_dataset: z.boolean(),
  /** Set when the dataset versions differ. */
  dataset_note: z.string().optional(),
  items: z.object({
    shared: z.number().int().nonnegative(),
    only_baseline: IdListSchema,
    only_candidate: IdListSchema,
  }),
  pass_rate: MetricDeltaSchema,
  scorers: z.array(ScorerComparisonSchema),
  /** passed in the baseline → failed or error in the candidate. */
  regressions: FlippedListSchema,
  /** failed or error in the baseline → passed in the candidate. */
  fixes: FlippedListSchema,
  errors: z.object({
    baseline: z.number().int().nonnegative(),
    candidate: z.number().int().nonnegative(),
    /** Shared items that errored in the candidate but not in the baseline. */
    new_errors: IdListSchema,
  }),
  latency_ms: z.object({ p50: MetricDeltaSchema, p95: MetricDeltaSchema, mean: MetricDeltaSchema }),
  tokens: z.object({ input: MetricDeltaSchema, output: MetricDeltaSchema, total: MetricDeltaSchema }),
  cost: MetricDeltaSchema,
  /** Both runs summarized over the shared items only. */
  shared_summaries: z.object({ baseline: RunSummarySchema, candidate: RunSummarySchema }),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
