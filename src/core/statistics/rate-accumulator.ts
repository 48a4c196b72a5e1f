import { wilsonInterval, type Interval } from "./intervals.js";
import { createMeanAccumulator, type MeanEstimate } from "./mean-accumulator.js";

export interface RateEstimate {
  n: number;
  successes: number;
  /** successes / n; 0 when n = 0. */
  rate: number;
  ci95: Interval;
  /** ≥ 1; 1 when unclustered. */
  design_effect: number;
}

export interface RateAccumulator {
  add(passed: boolean, cluster?: string): void;
  estimate(): RateEstimate;
}

export interface RateAccumulatorOptions {
  clustered?: boolean;
}

/**
 * Pass rate with a 95 % Wilson interval. Clustered: the Wilson interval on the effective sample size
 * n / deff, where deff = max(1, SE_clustered² / SE_iid²) (Kish design effect; SE_iid² = p(1 − p) /
 * (n − 1), the CLT SE of 0/1 values), so related items never narrow the interval. An undefined
 * cluster makes the item its own cluster.
 *
 * When the variances cannot say how related the items are:
 * - fewer than two clusters with n ≥ 2: the run may be one observation repeated, so deff = n
 *   (the interval of a single item at the observed rate);
 * - no variation (all pass or all fail, SE_iid = 0): deff = 1, since the clustered SE is 0 too.
 */
export function createRateAccumulator(options: RateAccumulatorOptions = {}): RateAccumulator {
  const scores = options.clustered === true ? createMeanAccumulator({ clustered: true }) : undefined;
  let n = 0;
  let successes = 0;
  return {
    add(passed, cluster) {
      n += 1;
      if (passed) successes += 1;
      scores?.add(passed ? 1 : 0, cluster);
    },
    estimate() {
      const rate = n === 0 ? 0 : successes / n;
      const designEffect = scores === undefined ? 1 : kishDesignEffect(scores.estimate(), rate);
      const ci95 = wilsonInterval(successes, n, designEffect === 1 ? {} : { effectiveN: n / designEffect });
      return { n, successes, rate, ci95, design_effect: designEffect };
    },
  };
}

function kishDesignEffect(clusteredScores: MeanEstimate, rate: number): number {
  const { n, se, clusters = 0 } = clusteredScores;
  if (n < 2) return 1;
  if (clusters < 2) return n;
  const iidVariance = (rate * (1 - rate)) / (n - 1);
  if (iidVariance === 0) return 1;
  return Math.max(1, (se * se) / iidVariance);
}
