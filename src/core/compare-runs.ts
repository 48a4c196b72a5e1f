import { describeSelection } from "./selection/describe-selection.js";
import type {
  ComparedRun,
  Comparison,
  FlippedItem,
  FlippedList,
  IdList,
  MeasuredSum,
  MetricDelta,
  ScorerComparison,
  ScorerSide,
} from "./comparison.js";
import { flipKind, flippedItem } from "./flipped-item.js";
import { DEFAULT_ALPHA } from "./gate-comparison.js";
import { createPairedComparison, type PairedComparison } from "./paired-comparison.js";
import { isFlaky } from "./repeats/repeat-counts.js";
import { compareItemIds } from "./item-id-order.js";
import { orderedItemCursor } from "./ordered-item-cursor.js";
import type { RunItem } from "./model/run-item.js";
import type { Run, RunSummary, ScorerSummary } from "./model/run.js";
import { createRunSummaryAccumulator } from "./summarize-run.js";

export {
  ComparisonSchema,
  FlippedItemSchema,
  type Comparison,
  type FlippedItem,
} from "./comparison.js";

export interface ComparedRunInput {
  run: Run;
  /** The run's items ordered by item_id (see compareItemIds), as RunStore.runItems streams them. */
  items: AsyncIterable<RunItem> | Iterable<RunItem>;
}

export interface CompareOptions {
  /** Ids kept per list (only_baseline, only_candidate, new_errors); counts stay exact. */
  maxListedIds?: number;
  /** Flipped items kept in full per kind; counts stay exact. */
  maxFlippedItems?: number;
  /** Significance level that labels each change: the gate's `significance` (default 0.05). */
  alpha?: number;
  /** The experiment's `cluster` (`metadata.<key>`): standard errors clustered over it. */
  cluster?: string;
  /** Labels of the scorers the experiment marks `severity: critical`. */
  critical?: ReadonlySet<string>;
}

export const DEFAULT_MAX_LISTED_IDS = 1000;
export const DEFAULT_MAX_FLIPPED_ITEMS = 500;

/**
 * Compares a candidate run with a baseline by a streaming merge-join over both item streams,
 * so memory holds numbers and the capped lists, never either run. Metrics cover shared items,
 * and every difference comes with its paired test (core/paired-comparison.ts). A flip of an item
 * flaky in either run is listed as flaky, never as a regression or a fix.
 */
export async function compareRuns(
  baseline: ComparedRunInput,
  candidate: ComparedRunInput,
  options: CompareOptions = {},
): Promise<Comparison> {
  const maxIds = options.maxListedIds ?? DEFAULT_MAX_LISTED_IDS;
  const maxFlipped = options.maxFlippedItems ?? DEFAULT_MAX_FLIPPED_ITEMS;
  const onlyBaseline = cappedIds(maxIds);
  const onlyCandidate = cappedIds(maxIds);
  const newErrors = cappedIds(maxIds);
  const regressions = cappedFlipped(maxFlipped);
  const fixes = cappedFlipped(maxFlipped);
  const flaky = cappedFlipped(maxFlipped);
  const flakyItems = cappedIds(maxIds);
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const cluster = options.cluster !== undefined ? { cluster: options.cluster } : {};
  const paired = createPairedComparison({ alpha, ...cluster });
  const measuredCost = createMeasuredSum((item) => item.cost);
  const measuredTokens = createMeasuredSum(totalTokens);
  const baselineShared = createRunSummaryAccumulator(cluster);
  const candidateShared = createRunSummaryAccumulator(cluster);
  let shared = 0;

  const before = orderedItemCursor(baseline.items, `baseline run ${baseline.run.id}`);
  const after = orderedItemCursor(candidate.items, `candidate run ${candidate.run.id}`);
  try {
    let left = await before.next();
    let right = await after.next();
    while (left !== undefined || right !== undefined) {
      const order = left === undefined ? 1 : right === undefined ? -1 : compareItemIds(left.item_id, right.item_id);
      if (order < 0 && left !== undefined) {
        onlyBaseline.add(left.item_id);
        left = await before.next();
      } else if (order > 0 && right !== undefined) {
        onlyCandidate.add(right.item_id);
        right = await after.next();
      } else if (left !== undefined && right !== undefined) {
        shared += 1;
        baselineShared.add(left);
        candidateShared.add(right);
        paired.add(left, right);
        if (left.status !== "error" && right.status !== "error") {
          measuredCost.add(left, right);
          measuredTokens.add(left, right);
        }
        const flakyItem = isFlaky(left) || isFlaky(right);
        if (flakyItem) flakyItems.add(right.item_id);
        const kind = flipKind(left, right);
        if (kind !== undefined && flakyItem) flaky.add(left, right);
        else if (kind === "regression") regressions.add(left, right);
        else if (kind === "fix") fixes.add(left, right);
        if (right.status === "error" && left.status !== "error") newErrors.add(right.item_id);
        left = await before.next();
        right = await after.next();
      }
    }
  } finally {
    await Promise.all([before.close(), after.close()]);
  }

  const baselineSummary = baselineShared.summary();
  const candidateSummary = candidateShared.summary();
  const sameDataset = baseline.run.dataset_version === candidate.run.dataset_version;
  const note = datasetNote(baseline.run, candidate.run, shared);
  return {
    baseline: comparedRun(baseline.run),
    candidate: comparedRun(candidate.run),
    same_dataset: sameDataset,
    ...(note !== undefined ? { dataset_note: note } : {}),
    items: { shared, only_baseline: onlyBaseline.list(), only_candidate: onlyCandidate.list() },
    pass_rate: delta(baselineSummary.pass_rate, candidateSummary.pass_rate),
    statistics: { alpha, ...cluster, overall: paired.overall() },
    scorers: compareScorers(baselineSummary.scorers, candidateSummary.scorers, paired, options.critical),
    regressions: regressions.list(),
    fixes: fixes.list(),
    flaky: flaky.list(),
    flaky_items: flakyItems.list(),
    errors: {
      baseline: baselineSummary.errored,
      candidate: candidateSummary.errored,
      new_errors: newErrors.list(),
    },
    latency_ms: {
      p50: delta(baselineSummary.latency_ms.p50, candidateSummary.latency_ms.p50),
      p95: delta(baselineSummary.latency_ms.p95, candidateSummary.latency_ms.p95),
      mean: delta(baselineSummary.latency_ms.mean, candidateSummary.latency_ms.mean),
    },
    tokens: tokenDeltas(baselineSummary, candidateSummary),
    cost: delta(baselineSummary.cost, candidateSummary.cost),
    measured: { cost: measuredCost.sum(), tokens: measuredTokens.sum() },
    shared_summaries: { baseline: baselineSummary, candidate: candidateSummary },
  };
}

/** A run item's total tokens as the target reported them; undefined when it reported no usage. */
function totalTokens(item: RunItem): number | undefined {
  const usage = item.usage;
  if (usage === undefined) return undefined;
  if (usage.total_tokens !== undefined) return usage.total_tokens;
  if (usage.input_tokens === undefined && usage.output_tokens === undefined) return undefined;
  return (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0);
}

function createMeasuredSum(read: (item: RunItem) => number | undefined): { add(baseline: RunItem, candidate: RunItem): void; sum(): MeasuredSum } {
  const sum: MeasuredSum = { pairs: 0, baseline: 0, candidate: 0, only_baseline: 0, only_candidate: 0 };
  return {
    add(baseline, candidate) {
      const before = read(baseline);
      const after = read(candidate);
      if (before !== undefined && after !== undefined) {
        sum.pairs += 1;
        sum.baseline += before;
        sum.candidate += after;
      } else if (before !== undefined) sum.only_baseline += 1;
      else if (after !== undefined) sum.only_candidate += 1;
    },
    sum: () => ({ ...sum }),
  };
}

function comparedRun(run: Run): ComparedRun {
  return {
    run_id: run.id,
    experiment: run.experiment,
    ...(run.label !== undefined ? { label: run.label } : {}),
    experiment_version: run.experiment_version,
    dataset_version: run.dataset_version,
  };
}

/** Why the runs' item sets may differ (another dataset version, a sampled or sharded run), if they may. */
function datasetNote(baseline: Run, candidate: Run, shared: number): string | undefined {
  const reasons = [
    ...(baseline.dataset_version !== candidate.dataset_version
      ? [`the dataset versions differ (baseline ${baseline.dataset_version}, candidate ${candidate.dataset_version})`]
      : []),
    ...(baseline.selection !== undefined || candidate.selection !== undefined
      ? [`a run covers part of the dataset (baseline ${selectionText(baseline)}, candidate ${selectionText(candidate)})`]
      : []),
  ];
  if (reasons.length === 0) return undefined;
  return `${reasons.join("; ")}: the comparison covers the ${shared} item ids both runs share`;
}

function selectionText(run: Run): string {
  return run.selection !== undefined ? describeSelection(run.selection) : "all items";
}

function delta(baseline: number, candidate: number): MetricDelta {
  return { baseline, candidate, delta: candidate - baseline };
}

function tokenDeltas(baseline: RunSummary, candidate: RunSummary): Comparison["tokens"] {
  return {
    input: delta(baseline.tokens.input, candidate.tokens.input),
    output: delta(baseline.tokens.output, candidate.tokens.output),
    total: delta(baseline.tokens.total, candidate.tokens.total),
  };
}

/** Baseline's scorers in order, then scorers only the candidate has. */
function compareScorers(
  baseline: ScorerSummary[],
  candidate: ScorerSummary[],
  paired: PairedComparison,
  critical: ReadonlySet<string> | undefined,
): ScorerComparison[] {
  const candidateByName = new Map(candidate.map((summary) => [summary.scorer, summary]));
  const names = [...new Set([...baseline, ...candidate].map((summary) => summary.scorer))];
  const baselineByName = new Map(baseline.map((summary) => [summary.scorer, summary]));
  return names.map((scorer) => {
    const before = scorerSide(baselineByName.get(scorer));
    const after = scorerSide(candidateByName.get(scorer));
    const both = before !== null && after !== null;
    return {
      scorer,
      baseline: before,
      candidate: after,
      mean_delta: both ? after.mean - before.mean : null,
      pass_rate_delta: both ? after.pass_rate - before.pass_rate : null,
      ...(critical?.has(scorer) === true ? { severity: "critical" as const } : {}),
      statistic: both ? paired.scorer(scorer) : null,
    };
  });
}

function scorerSide(summary: ScorerSummary | undefined): ScorerSide | null {
  if (summary === undefined) return null;
  return {
    count: summary.count,
    mean: summary.mean,
    ...(summary.se !== undefined ? { se: summary.se } : {}),
    pass_rate: summary.pass_rate,
    errors: summary.errors,
  };
}

function cappedIds(max: number): { add(id: string): void; list(): IdList } {
  const ids: string[] = [];
  let count = 0;
  return {
    add(id) {
      count += 1;
      if (ids.length < max) ids.push(id);
    },
    list: () => ({ count, ids }),
  };
}

function cappedFlipped(max: number): { add(baseline: RunItem, candidate: RunItem): void; list(): FlippedList } {
  const items: FlippedItem[] = [];
  let count = 0;
  return {
    add(baseline, candidate) {
      count += 1;
      if (items.length < max) items.push(flippedItem(baseline, candidate));
    },
    list: () => ({ count, items }),
  };
}
