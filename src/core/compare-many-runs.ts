import { z } from "zod";
import { compareItemIds } from "./item-id-order.js";
import { orderedItemCursor } from "./ordered-item-cursor.js";
import { UserError } from "./errors.js";
import { RunItemStatusSchema, type RunItem, type RunItemStatus } from "./model/run-item.js";
import type { Run, RunSummary } from "./model/run.js";
import { createRunSummaryAccumulator } from "./summarize-run.js";

/** One run's numbers over all its items, as the side-by-side table shows them. */
export const SideBySideSummarySchema = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  /** Items whose call failed for good. */
  errors: z.number().int().nonnegative(),
  /** passed / total; 0 when total is 0. */
  pass_rate: z.number(),
  /** 95 % Wilson interval of pass_rate (on the effective size when clustered). */
  pass_rate_ci95: z.tuple([z.number(), z.number()]),
  /** Items whose repeats both passed and failed; present when the run repeats items. */
  flaky: z.number().int().nonnegative().optional(),
  scorers: z.array(
    z.object({
      scorer: z.string(),
      mean: z.number(),
      /** Standard error of `mean` (CLT, or clustered). */
      se: z.number().nonnegative().optional(),
      pass_rate: z.number(),
    }),
  ),
  /** Latency of the calls that answered, in ms; 0 when none did. */
  latency_ms: z.object({ p50: z.number(), p95: z.number() }),
  /** Tokens the target reported; 0 when it reported none. */
  tokens: z.object({ input: z.number(), output: z.number(), total: z.number() }),
  /** What the target reported its calls cost, in its own unit; 0 when it reported none. */
  cost: z.number(),
});
export type SideBySideSummary = z.infer<typeof SideBySideSummarySchema>;

export const SideBySideRunSchema = z.object({
  run_id: z.string(),
  experiment: z.string(),
  label: z.string().optional(),
  variant: z.string().optional(),
  dataset_version: z.string(),
  summary: SideBySideSummarySchema,
});
export type SideBySideRun = z.infer<typeof SideBySideRunSchema>;

/** An item whose status is not the same in every run; null where a run has no such item. */
export const DifferingItemSchema = z.object({
  item_id: z.string(),
  /** One per run, in the order of `runs`. */
  statuses: z.array(RunItemStatusSchema.nullable()),
});
export type DifferingItem = z.infer<typeof DifferingItemSchema>;

/**
 * 2 to 4 runs side by side, each summarized over all its items (not only the shared ones: the
 * runs need not cover the same items), and the items whose status differs between them.
 */
export const ManyRunsComparisonSchema = z.object({
  runs: z.array(SideBySideRunSchema).min(2).max(4),
  differing_items: z.object({
    /** Exact. */
    count: z.number().int().nonnegative(),
    /** The first ones in item order, capped by `maxListedItems`. */
    items: z.array(DifferingItemSchema),
  }),
});
export type ManyRunsComparison = z.infer<typeof ManyRunsComparisonSchema>;

export interface ManyRunsInput {
  run: Run;
  /** The run's items ordered by item_id (see compareItemIds), as RunStore.runItems streams them. */
  items: AsyncIterable<RunItem> | Iterable<RunItem>;
}

export interface CompareManyOptions {
  /** Differing items kept in the list; the count stays exact. Default 1,000. */
  maxListedItems?: number;
  /** The experiment's `cluster` (`metadata.<key>`): intervals and standard errors clustered over it. */
  cluster?: string;
}

export const MIN_RUNS_SIDE_BY_SIDE = 2;
export const MAX_RUNS_SIDE_BY_SIDE = 4;
const DEFAULT_MAX_LISTED_ITEMS = 1000;

/**
 * Compares 2 to 4 runs by a streaming k-way merge-join over their item streams (the way
 * compareRuns joins two), so memory holds each run's summary numbers and the capped list of
 * differing items, never a run. An item differs when its status (passed, failed, error, or
 * absent) is not the same in every run. Throws UserError for fewer than 2 or more than 4 runs,
 * and an Error for a stream not ordered by item_id.
 */
export async function compareManyRuns(runs: readonly ManyRunsInput[], options: CompareManyOptions = {}): Promise<ManyRunsComparison> {
  if (runs.length < MIN_RUNS_SIDE_BY_SIDE || runs.length > MAX_RUNS_SIDE_BY_SIDE) {
    throw new UserError(
      `runs compare takes ${MIN_RUNS_SIDE_BY_SIDE} to ${MAX_RUNS_SIDE_BY_SIDE} runs, got ${runs.length}: ` +
        "name a baseline and up to three other runs",
    );
  }
  const maxListed = options.maxListedItems ?? DEFAULT_MAX_LISTED_ITEMS;
  const cluster = options.cluster !== undefined ? { cluster: options.cluster } : {};
  const summaries = runs.map(() => createRunSummaryAccumulator(cluster));
  const cursors = runs.map((input, index) => orderedItemCursor(input.items, `run ${input.run.id} (#${index + 1})`));
  const listed: DifferingItem[] = [];
  let differing = 0;

  try {
    const heads = await Promise.all(cursors.map((cursor) => cursor.next()));
    for (;;) {
      const itemId = smallestId(heads);
      if (itemId === undefined) break;
      const here = heads.map((head) => head !== undefined && head.item_id === itemId);
      const statuses: (RunItemStatus | null)[] = heads.map((head, index) => (here[index] === true ? head!.status : null));
      if (statuses.some((status) => status !== statuses[0])) {
        differing += 1;
        if (listed.length < maxListed) listed.push({ item_id: itemId, statuses });
      }
      await Promise.all(
        heads.map(async (head, index) => {
          if (head === undefined || here[index] !== true) return;
          summaries[index]!.add(head);
          heads[index] = await cursors[index]!.next();
        }),
      );
    }
  } finally {
    await Promise.all(cursors.map((cursor) => cursor.close()));
  }

  return {
    runs: runs.map(({ run }, index) => ({
      run_id: run.id,
      experiment: run.experiment,
      ...(run.label !== undefined ? { label: run.label } : {}),
      ...(run.variant !== undefined ? { variant: run.variant } : {}),
      dataset_version: run.dataset_version,
      summary: sideBySideSummary(summaries[index]!.summary()),
    })),
    differing_items: { count: differing, items: listed },
  };
}

function smallestId(heads: readonly (RunItem | undefined)[]): string | undefined {
  let smallest: string | undefined;
  for (const head of heads) {
    if (head !== undefined && (smallest === undefined || compareItemIds(head.item_id, smallest) < 0)) smallest = head.item_id;
  }
  return smallest;
}

function sideBySideSummary(summary: RunSummary): SideBySideSummary {
  return {
    total: summary.total,
    passed: summary.passed,
    errors: summary.errored,
    pass_rate: summary.pass_rate,
    // The accumulator always sets it; runs stored before intervals never reach here.
    pass_rate_ci95: summary.pass_rate_ci95 ?? [0, 1],
    ...(summary.flaky !== undefined ? { flaky: summary.flaky } : {}),
    scorers: summary.scorers.map((scorer) => ({
      scorer: scorer.scorer,
      mean: scorer.mean,
      ...(scorer.se !== undefined ? { se: scorer.se } : {}),
      pass_rate: scorer.pass_rate,
    })),
    latency_ms: { p50: summary.latency_ms.p50, p95: summary.latency_ms.p95 },
    tokens: { input: summary.tokens.input, output: summary.tokens.output, total: summary.tokens.total },
    cost: summary.cost,
  };
}
