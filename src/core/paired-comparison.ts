import { clusterKey } from "./cluster-key.js";
import type { PairedStatistic } from "./comparison.js";
import type { RunItem, Score } from "./model/run-item.js";
import { classifyChange } from "./statistics/change-verdict.js";
import { meanInterval } from "./statistics/intervals.js";
import { createMeanAccumulator, type MeanAccumulator } from "./statistics/mean-accumulator.js";
import { meanMde, passRateMde } from "./statistics/mde.js";
import { pairedRateInterval } from "./statistics/paired-rate-interval.js";
import { mcnemarExactP, pairedTTestP } from "./statistics/paired-tests.js";

export interface PairedComparisonOptions {
  /** Two-sided significance level that labels each change (the gate's `significance`, else 0.05). */
  alpha: number;
  /** The experiment's `cluster` path (`metadata.document_id`): SEs clustered over it. */
  cluster?: string;
}

export interface PairedComparison {
  /** One shared item, baseline and candidate side. */
  add(baseline: RunItem, candidate: RunItem): void;
  /** Pass/fail of the items: an item passes when its status is `passed` (errors do not). */
  overall(): PairedStatistic;
  /** A scorer's scores over the items both sides scored (an errored score counts as recorded); null when none. */
  scorer(name: string): PairedStatistic | null;
}

interface PairTally {
  differences: MeanAccumulator;
  worse: number;
  better: number;
  /** Pairs at 1 on both sides (both passed), for the 2×2 table of a binary comparison. */
  bothHigh: number;
  /** Every paired value was 0 or 1, so McNemar's exact test applies. */
  binary: boolean;
}

/**
 * Paired statistics of a candidate against a baseline, streamed pair by pair in memory O(scorers
 * × clusters). Pass/fail, and scorers whose scores are all 0 or 1: McNemar's exact test on the
 * discordant pairs, with Newcombe's paired interval widened to agree with it (statistics/paired-rate-interval.ts).
 * Other scores: a paired t-test on the per-item differences. With `cluster`, every test is the
 * paired t-test on clustered standard errors: McNemar assumes independent pairs (Miller 2024,
 * arXiv 2411.00640, §2.2 and §3).
 */
export function createPairedComparison(options: PairedComparisonOptions): PairedComparison {
  const clustered = options.cluster !== undefined;
  const tally = (): PairTally => ({ differences: createMeanAccumulator({ clustered }), worse: 0, better: 0, bothHigh: 0, binary: true });
  const overall = tally();
  const scorers = new Map<string, PairTally>();

  return {
    add(baseline, candidate) {
      const cluster = options.cluster === undefined ? undefined : clusterKey(candidate, options.cluster);
      addPair(overall, baseline.status === "passed" ? 1 : 0, candidate.status === "passed" ? 1 : 0, cluster);
      const byScorer = baseline.scores.length > SCAN_LIMIT ? new Map(baseline.scores.map((score) => [score.scorer, score])) : undefined;
      for (const after of candidate.scores) {
        const score = byScorer !== undefined ? byScorer.get(after.scorer) : lastScoreOf(baseline.scores, after.scorer);
        // A scorer error counts as the score it recorded (0, not passed), as in the run's summary,
        // so the paired delta is the change of the means the tables show.
        if (score === undefined) continue;
        let scorer = scorers.get(after.scorer);
        if (scorer === undefined) {
          scorer = tally();
          scorers.set(after.scorer, scorer);
        }
        addPair(scorer, score.score, after.score, cluster);
      }
    },
    overall: () => statisticOf(overall, options.alpha, clustered),
    scorer(name) {
      const scorer = scorers.get(name);
      return scorer === undefined ? null : statisticOf(scorer, options.alpha, clustered);
    },
  };
}

/**
 * Up to this many scores per item, a baseline score is found by a scan, not a Map built per pair:
 * items have a handful of scores, and building a Map for each of 100,000 pairs took ~20 of ~135 ms
 * of compareRuns' compute (issue 13). Past it, the scan's k² steps would cost more.
 */
const SCAN_LIMIT = 12;

/** The baseline's score of a scorer, the last one when a label repeats (as the Map keeps it). */
function lastScoreOf(scores: readonly Score[], scorer: string): Score | undefined {
  for (let index = scores.length - 1; index >= 0; index--) {
    if (scores[index]!.scorer === scorer) return scores[index];
  }
  return undefined;
}

function addPair(tally: PairTally, before: number, after: number, cluster: string | undefined): void {
  tally.differences.add(after - before, cluster);
  if (after < before) tally.worse += 1;
  else if (after > before) tally.better += 1;
  else if (after === 1) tally.bothHigh += 1;
  if (!isBinary(before) || !isBinary(after)) tally.binary = false;
}

function isBinary(value: number): boolean {
  return value === 0 || value === 1;
}

function statisticOf(tally: PairTally, alpha: number, clustered: boolean): PairedStatistic {
  const estimate = tally.differences.estimate();
  const { n, mean: delta } = estimate;
  const exact = tally.binary && !clustered;
  const pValue = exact ? mcnemarExactP(tally.worse, tally.better) : pairedTTestP(estimate);
  return {
    n,
    delta,
    ci95: exact
      ? pairedRateInterval({ bothPassed: tally.bothHigh, regressions: tally.worse, fixes: tally.better, n })
      : meanInterval(estimate, { bounds: [-1, 1] }),
    p_value: pValue,
    // Infinity (n < 2) is stored as 1: no change a score or rate can make is detectable.
    mde: Math.min(1, exact ? passRateMde(n, tally.worse + tally.better, alpha) : meanMde(estimate, alpha)),
    test: exact ? "mcnemar_exact" : clustered ? "clustered_paired_t" : "paired_t",
    discordant: { worse: tally.worse, better: tally.better },
    verdict: classifyChange({ changed: tally.worse + tally.better > 0, delta, pValue, alpha }),
  };
}
