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
  /** Standard error of `mean` (CLT, or clustered); absent when the side's summary has none. */
  se: z.number().nonnegative().optional(),
  pass_rate: z.number(),
  errors: z.number().int().nonnegative(),
});

/** What a paired test says of a change: see core/statistics/change-verdict.ts. */
export const ChangeVerdictSchema = z.enum(["regression", "improvement", "noise", "unchanged"]);

/**
 * A paired comparison of baseline and candidate over the items both scored (Miller 2024, arXiv
 * 2411.00640: inference on paired per-question differences). `delta` is candidate − baseline, a
 * fraction for pass rates, score units for scorer means; higher is better.
 */
export const PairedStatisticSchema = z.object({
  /** Pairs compared: shared items both sides scored. */
  n: z.number().int().nonnegative(),
  delta: z.number(),
  /** 95 % interval of delta (t interval on the paired differences, clustered when configured). */
  ci95: z.tuple([z.number(), z.number()]),
  /** Two-sided p of `test`; 1 when nothing differs. */
  p_value: z.number().min(0).max(1),
  /** Smallest |delta| these pairs detect with 80 % power at the comparison's alpha. */
  mde: z.number().nonnegative(),
  /**
   * `mcnemar_exact`: McNemar's exact test on discordant pass/fail pairs (scores all 0 or 1);
   * `paired_t`: a paired t-test on the differences; `clustered_paired_t` with clustered SEs.
   */
  test: z.enum(["mcnemar_exact", "paired_t", "clustered_paired_t"]),
  /** Pairs that moved down (b) and up (c): for pass/fail, regressions and fixes, flaky items included. */
  discordant: z.object({ worse: z.number().int().nonnegative(), better: z.number().int().nonnegative() }),
  verdict: ChangeVerdictSchema,
});
export type PairedStatistic = z.infer<typeof PairedStatisticSchema>;
export type ScorerSide = z.infer<typeof ScorerSideSchema>;

/** One scorer over the shared items; a scorer present on one side only has null on the other. */
export const ScorerComparisonSchema = z.object({
  scorer: z.string(),
  baseline: ScorerSideSchema.nullable(),
  candidate: ScorerSideSchema.nullable(),
  mean_delta: z.number().nullable(),
  pass_rate_delta: z.number().nullable(),
  /** Set for a scorer the experiment marks `severity: critical`. */
  severity: z.literal("critical").optional(),
  /** The paired test of this scorer's scores; null when a side lacks the scorer or no pair was scored on both. */
  statistic: PairedStatisticSchema.nullable(),
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

/**
 * An item whose status moved between pass and not-pass: a regression, a fix, or — when its
 * repeats both passed and failed in either run — a flaky flip, which is neither.
 */
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
  /** Passed/total repeats per side, when the runs repeat items. */
  baseline_repeats: z.object({ passed: z.number().int(), count: z.number().int() }).optional(),
  candidate_repeats: z.object({ passed: z.number().int(), count: z.number().int() }).optional(),
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
 * A metric (cost, tokens) over the shared items that answered on both sides: summed over the pairs
 * where both report it, with the pairs where only one side does. What a budget is judged on
 * (core/gate-budgets.ts): a value one side did not report is unknown, never 0.
 */
export const MeasuredSumSchema = z.object({
  /** Pairs where both sides report the metric: `baseline` and `candidate` sum over these. */
  pairs: z.number().int().nonnegative(),
  baseline: z.number(),
  candidate: z.number(),
  only_baseline: z.number().int().nonnegative(),
  only_candidate: z.number().int().nonnegative(),
});
export type MeasuredSum = z.infer<typeof MeasuredSumSchema>;

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
  /**
   * The paired test of pass/fail over the shared items (McNemar's exact test, or a clustered
   * paired t-test with `cluster`), and what it used: `alpha` labels verdicts (the gate's
   * `significance`, else 0.05), `cluster` the experiment's key.
   */
  statistics: z.object({
    alpha: z.number(),
    cluster: z.string().optional(),
    overall: PairedStatisticSchema,
  }),
  scorers: z.array(ScorerComparisonSchema),
  /** passed in the baseline → failed or error in the candidate; flaky items apart. */
  regressions: FlippedListSchema,
  /** failed or error in the baseline → passed in the candidate; flaky items apart. */
  fixes: FlippedListSchema,
  /** Flips of items flaky in either run: reported apart, never as a regression or a fix. */
  flaky: FlippedListSchema,
  /** Shared items flaky (repeats both passed and failed) in the baseline, the candidate or both. */
  flaky_items: IdListSchema,
  errors: z.object({
    baseline: z.number().int().nonnegative(),
    candidate: z.number().int().nonnegative(),
    /** Shared items that errored in the candidate but not in the baseline. */
    new_errors: IdListSchema,
  }),
  latency_ms: z.object({ p50: MetricDeltaSchema, p95: MetricDeltaSchema, mean: MetricDeltaSchema }),
  tokens: z.object({ input: MetricDeltaSchema, output: MetricDeltaSchema, total: MetricDeltaSchema }),
  cost: MetricDeltaSchema,
  /** Cost and total tokens over the pairs both sides report them for: what budgets read. */
  measured: z.object({ cost: MeasuredSumSchema, tokens: MeasuredSumSchema }),
  /** Both runs summarized over the shared items only. */
  shared_summaries: z.object({ baseline: RunSummarySchema, candidate: RunSummarySchema }),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
