import { z } from "zod";

export const RunStatusSchema = z.enum(["running", "passed", "failed", "errored", "cancelled"]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/**
 * A run that called every item and was judged: only such a run can be a baseline, since an
 * incomplete one would make every candidate item look like a fix.
 */
export function isCompleteRun(run: { status: RunStatus }): boolean {
  return run.status === "passed" || run.status === "failed";
}

export const ScorerSummarySchema = z.object({
  scorer: z.string(),
  /** Items this scorer scored (error items are not scored). */
  count: z.number().int().nonnegative(),
  mean: z.number(),
  passed: z.number().int().nonnegative(),
  pass_rate: z.number(),
  /** Items on which this scorer threw. */
  errors: z.number().int().nonnegative(),
  /** Standard error of `mean` (CLT, or clustered over the experiment's `cluster`); absent in runs stored before it. */
  se: z.number().nonnegative().optional(),
});
export type ScorerSummary = z.infer<typeof ScorerSummarySchema>;

export const RunSummarySchema = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  errored: z.number().int().nonnegative(),
  /** passed / total; error items count against it. 0 when total is 0. */
  pass_rate: z.number(),
  /** 95 % Wilson interval of pass_rate (on the effective size when clustered); absent in runs stored before it. */
  pass_rate_ci95: z.tuple([z.number(), z.number()]).optional(),
  /** Items whose repeats both passed and failed; present when the run repeats items. */
  flaky: z.number().int().nonnegative().optional(),
  scorers: z.array(ScorerSummarySchema),
  latency_ms: z.object({ p50: z.number(), p95: z.number(), mean: z.number() }),
  tokens: z.object({
    input: z.number(),
    output: z.number(),
    total: z.number(),
    /** The part of `input` read from prompt caches; absent when no item reported cached tokens. */
    cached_input: z.number().optional(),
  }),
  cost: z.number(),
  /**
   * Tokens and cost the scorers spent themselves (an LLM judge's calls), apart from the target's
   * `tokens` and `cost`. Absent when no scorer reported any, and in runs stored before they were.
   */
  scorer_tokens: z.object({ input: z.number(), output: z.number(), total: z.number() }).optional(),
  scorer_cost: z.number().optional(),
  /** Calls made beyond the first, over all items. */
  retries: z.number().int().nonnegative(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/**
 * A run over part of a dataset version: `sample` (`value` a percentage), `rows` (`value` the SPEC,
 * zero-based), `split` (`value` like `train:80`), or `shard` (`value` like `2/4`); `seed` when the
 * selection used one; `selected` the number of items kept. `order`, for the modes that pick by row
 * position (all but `shard`), is a digest of the item ids in the order the run read them
 * (core/selection/row-order.ts): the version does not depend on order, so a resume checks it.
 */
export const RunSelectionSchema = z.object({
  mode: z.enum(["sample", "rows", "split", "shard"]),
  value: z.string(),
  seed: z.number().int().optional(),
  selected: z.number().int().nonnegative(),
  order: z.string().optional(),
});
export type RunSelection = z.infer<typeof RunSelectionSchema>;

export const RunSchema = z.object({
  id: z.string(),
  experiment: z.string(),
  experiment_version: z.string(),
  dataset_path: z.string(),
  dataset_version: z.string(),
  /** Items in the dataset version when the run started. */
  item_count: z.number().int().nonnegative(),
  /** The URL or command the run called (secrets in headers are never recorded). */
  target: z.string(),
  label: z.string().optional(),
  /** On GitHub: a baseline (push to the baseline branch) or a candidate (a pull request's deployment). */
  role: z.enum(["baseline", "candidate"]).optional(),
  /** The pull request a candidate run evaluated. */
  pull_request: z.number().int().positive().optional(),
  git_commit: z.string().optional(),
  git_branch: z.string().optional(),
  started_at: z.string(),
  ended_at: z.string().optional(),
  status: RunStatusSchema,
  summary: RunSummarySchema.optional(),
  /** The variant this run tried (`evalgate run EXP --variant NAME`); absent for the baseline. */
  variant: z.string().optional(),
  /** Calls per item (`repeat: K`), when above 1. */
  repeat: z.number().int().min(2).optional(),
  /** Which items of the dataset version the run covers, when not all of them. */
  selection: RunSelectionSchema.optional(),
  /** The gate's verdict when the run ended. */
  verdict: z.enum(["pass", "fail"]).optional(),
  verdict_reasons: z.array(z.string()).optional(),
});
export type Run = z.infer<typeof RunSchema>;
