import { clusterKey } from "./cluster-key.js";
import type { RunItem } from "./model/run-item.js";
import type { RunSummary, ScorerSummary } from "./model/run.js";
import { isFlaky } from "./repeats/repeat-counts.js";
import { createMeanAccumulator, type MeanAccumulator } from "./statistics/mean-accumulator.js";
import { createRateAccumulator } from "./statistics/rate-accumulator.js";
import { latencyStats, ratio } from "./stats.js";

interface ScorerTally {
  count: number;
  scoreSum: number;
  passed: number;
  errors: number;
  /** The standard error of the item scores' mean. */
  spread: MeanAccumulator;
}

export interface RunSummaryOptions {
  /**
   * The experiment's `cluster` (`metadata.<key>`): items sharing that value are not independent,
   * so `pass_rate_ci95` and each scorer's `se` are clustered over it (core/cluster-key.ts).
   */
  cluster?: string | undefined;
}

/**
 * Adds run items one at a time and keeps only numbers: one latency per call and a tally per
 * scorer (per cluster when clustered), never the items themselves, so a 100,000-item run costs
 * one number array. Add an item of a repeating run only once all its attempts are in: a partial
 * one is an error here.
 */
export interface RunSummaryAccumulator {
  add(item: RunItem): void;
  summary(): RunSummary;
}

export function createRunSummaryAccumulator(options: RunSummaryOptions = {}): RunSummaryAccumulator {
  const { cluster } = options;
  const clustered = cluster !== undefined;
  const counts = { total: 0, passed: 0, failed: 0, errored: 0 };
  const passRate = createRateAccumulator({ clustered });
  const tokens: RunSummary["tokens"] = { input: 0, output: 0, total: 0 };
  // Map keeps insertion order: scorers are reported in order of first appearance.
  const scorers = new Map<string, ScorerTally>();
  const latencies = createLatencyBuffer();
  let cost = 0;
  let retries = 0;
  // Undefined until an item with repeats is added: runs without repeats keep no such key.
  let flaky: number | undefined;
  // Undefined until a score reports what its scorer spent: runs without judges keep no such key.
  let scorerTokens: RunSummary["tokens"] | undefined;
  let scorerCost = 0;

  function add(item: RunItem): void {
    const key = cluster === undefined ? undefined : clusterKey(item, cluster);
    counts.total += 1;
    if (item.status === "passed") counts.passed += 1;
    else if (item.status === "failed") counts.failed += 1;
    else counts.errored += 1;
    passRate.add(item.status === "passed", key);
    addCalls(item);
    addUsage(tokens, item.usage);
    cost += item.cost ?? 0;
    if (item.repeats !== undefined) flaky = (flaky ?? 0) + (isFlaky(item) ? 1 : 0);
    for (const score of item.scores) {
      let tally = scorers.get(score.scorer);
      if (tally === undefined) {
        tally = { count: 0, scoreSum: 0, passed: 0, errors: 0, spread: createMeanAccumulator({ clustered }) };
        scorers.set(score.scorer, tally);
      }
      tally.count += 1;
      tally.scoreSum += score.score;
      tally.spread.add(score.score, key);
      if (score.passed) tally.passed += 1;
      if (score.error !== undefined) tally.errors += 1;
      if (score.usage !== undefined || score.cost !== undefined) {
        scorerTokens ??= { input: 0, output: 0, total: 0 };
        addUsage(scorerTokens, score.usage);
        scorerCost += score.cost ?? 0;
      }
    }
  }

  /**
   * Latency is the target's speed per call, so a repeated item adds each attempt's. An errored
   * call's latency is a timeout or a refusal, not the target's speed. Retries are calls beyond
   * the first of each call.
   */
  function addCalls(item: RunItem): void {
    if (item.repeats === undefined) {
      if (item.status !== "error") latencies.add(item.latency_ms);
      retries += Math.max(0, item.attempts - 1);
      return;
    }
    for (const attempt of item.repeats) {
      if (attempt.status !== "error") latencies.add(attempt.latency_ms);
      retries += Math.max(0, attempt.attempts - 1);
    }
  }

  function summary(): RunSummary {
    return {
      ...counts,
      pass_rate: ratio(counts.passed, counts.total),
      pass_rate_ci95: passRate.estimate().ci95.map(orderFree) as [number, number],
      ...(flaky !== undefined ? { flaky } : {}),
      scorers: [...scorers].map(([scorer, tally]) => scorerSummary(scorer, tally)),
      latency_ms: latencyStats(latencies.sorted()),
      tokens: { ...tokens },
      cost,
      ...(scorerTokens !== undefined
        ? { scorer_tokens: { input: scorerTokens.input, output: scorerTokens.output, total: scorerTokens.total }, scorer_cost: scorerCost }
        : {}),
      retries,
    };
  }

  return { add, summary };
}

/**
 * One latency per call, 8 bytes each, sorted natively when a summary is asked for. For 100,000
 * latencies the typed sort, the copy out and latencyStats' check of the sorted copy took ~12 ms
 * together where `Array#sort` with a comparator took ~30 ms, and `runs compare` sorts two
 * (issue 13, Node 24 on the 2-core CI machine).
 */
function createLatencyBuffer(): { add(ms: number): void; sorted(): number[] } {
  let values = new Float64Array(1024);
  let count = 0;
  return {
    add(ms) {
      if (count === values.length) {
        const grown = new Float64Array(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[count++] = ms;
    },
    // Order does not matter to later adds, so sorting the buffer in place is safe; latencyStats'
    // own sort then meets one ascending run and only checks it.
    sorted() {
      const ascending = values.subarray(0, count).sort();
      // A plain loop: Array.from on a typed array goes through the iterator, ~4× slower here.
      const copy: number[] = [];
      for (let index = 0; index < count; index++) copy.push(ascending[index]!);
      return copy;
    },
  };
}

/**
 * A scorer that threw still counts in `count` and `mean` (as the score it recorded). `se` is 0
 * when it cannot be estimated (one item, or one cluster).
 */
function scorerSummary(scorer: string, tally: ScorerTally): ScorerSummary {
  return {
    scorer,
    count: tally.count,
    mean: ratio(tally.scoreSum, tally.count),
    passed: tally.passed,
    pass_rate: ratio(tally.passed, tally.count),
    errors: tally.errors,
    se: orderFree(tally.spread.estimate().se),
  };
}

/**
 * Streaming variances round differently in the last bits depending on the order items arrive
 * (calls finish in any order; a resumed run adds its stored items first). Rounded to 12
 * significant digits, far below any meaningful difference, a resumed run ends with an
 * uninterrupted run's summary.
 */
function orderFree(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(12));
}

function addUsage(tokens: RunSummary["tokens"], usage: RunItem["usage"]): void {
  if (usage === undefined) return;
  const input = usage.input_tokens ?? 0;
  const output = usage.output_tokens ?? 0;
  tokens.input += input;
  tokens.output += output;
  tokens.total += usage.total_tokens ?? input + output;
  if (usage.cached_input_tokens !== undefined) tokens.cached_input = (tokens.cached_input ?? 0) + usage.cached_input_tokens;
}

/** The summary of a run from its items, streamed; works on a store's cursor or an array. */
export async function summarizeRun(
  items: AsyncIterable<RunItem> | Iterable<RunItem>,
  options: RunSummaryOptions = {},
): Promise<RunSummary> {
  const accumulator = createRunSummaryAccumulator(options);
  for await (const item of items) accumulator.add(item);
  return accumulator.summary();
}
