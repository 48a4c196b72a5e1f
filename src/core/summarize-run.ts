import type { RunItem } from "./model/run-item.js";
import type { RunSummary, ScorerSummary } from "./model/run.js";
import { latencyStats, ratio } from "./stats.js";

interface ScorerTally {
  count: number;
  scoreSum: number;
  passed: number;
  errors: number;
}

/**
 * Adds run items one at a time and keeps only numbers: one latency per item and a tally per
 * scorer, never the items themselves, so a 100,000-item run costs one number array.
 */
export interface RunSummaryAccumulator {
  add(item: RunItem): void;
  summary(): RunSummary;
}

export function createRunSummaryAccumulator(): RunSummaryAccumulator {
  const counts = { total: 0, passed: 0, failed: 0, errored: 0 };
  const tokens: RunSummary["tokens"] = { input: 0, output: 0, total: 0 };
  // Map keeps insertion order: scorers are reported in order of first appearance.
  const scorers = new Map<string, ScorerTally>();
  const latencies: number[] = [];
  let cost = 0;
  let retries = 0;
  // Undefined until a score reports what its scorer spent: runs without judges keep no such key.
  let scorerTokens: RunSummary["tokens"] | undefined;
  let scorerCost = 0;

  function add(item: RunItem): void {
    counts.total += 1;
    if (item.status === "passed") counts.passed += 1;
    else if (item.status === "failed") counts.failed += 1;
    else counts.errored += 1;
    // An errored call's latency is a timeout or a refusal, not the target's speed.
    if (item.status !== "error") latencies.push(item.latency_ms);
    addUsage(tokens, item.usage);
    cost += item.cost ?? 0;
    retries += Math.max(0, item.attempts - 1);
    for (const score of item.scores) {
      let tally = scorers.get(score.scorer);
      if (tally === undefined) {
        tally = { count: 0, scoreSum: 0, passed: 0, errors: 0 };
        scorers.set(score.scorer, tally);
      }
      tally.count += 1;
      tally.scoreSum += score.score;
      if (score.passed) tally.passed += 1;
      if (score.error !== undefined) tally.errors += 1;
      if (score.usage !== undefined || score.cost !== undefined) {
        scorerTokens ??= { input: 0, output: 0, total: 0 };
        addUsage(scorerTokens, score.usage);
        scorerCost += score.cost ?? 0;
      }
    }
  }

  function summary(): RunSummary {
    return {
      ...counts,
      pass_rate: ratio(counts.passed, counts.total),
      scorers: [...scorers].map(([scorer, tally]) => scorerSummary(scorer, tally)),
      // Order does not matter to later adds, so sorting the buffer in place is safe.
      latency_ms: latencyStats(latencies),
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

/** A scorer that threw still counts in `count` and `mean` (as the score it recorded). */
function scorerSummary(scorer: string, tally: ScorerTally): ScorerSummary {
  return {
    scorer,
    count: tally.count,
    mean: ratio(tally.scoreSum, tally.count),
    passed: tally.passed,
    pass_rate: ratio(tally.passed, tally.count),
    errors: tally.errors,
  };
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
): Promise<RunSummary> {
  const accumulator = createRunSummaryAccumulator();
  for await (const item of items) accumulator.add(item);
  return accumulator.summary();
}
