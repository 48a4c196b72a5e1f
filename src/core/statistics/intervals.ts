import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import type { MeanEstimate } from "./mean-accumulator.js";

/** [low, high], fractions or score units. */
export type Interval = [low: number, high: number];

export const CONFIDENCE = 0.95;

export interface WilsonOptions {
  /** ≤ n: replaces n in the Wilson formula when clustering inflates the variance (n / design effect). */
  effectiveN?: number;
  /** Default CONFIDENCE. */
  confidence?: number;
}

export interface MeanIntervalOptions {
  /** Default CONFIDENCE. */
  confidence?: number;
  /** The interval is clamped to these, such as [0, 1] for scores. Default [-Infinity, Infinity]. */
  bounds?: Interval;
}

/** The quantile a two-sided interval at `confidence` reaches: 1 − (1 − confidence) / 2. */
function upperQuantileLevel(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`a confidence level lies strictly between 0 and 1, got ${confidence}`);
  return 1 - (1 - confidence) / 2;
}

/**
 * Wilson score interval (Wilson 1927; Agresti & Coull 1998) for successes/n at `confidence`
 * (default 0.95). Chosen over the normal (Wald) interval because it stays inside [0, 1] and keeps
 * its coverage at 0/n, n/n and small n.
 *
 * `effectiveN` (≤ n) replaces n everywhere in the formula when clustering inflates the variance
 * (n / design effect), while the observed rate stays successes/n: the interval widens around the
 * same rate (Korn & Graubard's effective-sample-size Wilson interval).
 *
 * n = 0 → [0, 1]. Throws RangeError for successes > n, negatives, effectiveN outside (0, n], or a
 * confidence outside (0, 1).
 */
export function wilsonInterval(successes: number, n: number, options: WilsonOptions = {}): Interval {
  if (!(Number.isFinite(n) && successes >= 0 && successes <= n)) {
    throw new RangeError(`a Wilson interval needs 0 ≤ successes ≤ n, got ${successes} of ${n}`);
  }
  const z = normalQuantile(upperQuantileLevel(options.confidence ?? CONFIDENCE), 0, 1);
  if (n === 0) return [0, 1];
  const effectiveN = options.effectiveN ?? n;
  if (!(effectiveN > 0 && effectiveN <= n)) {
    throw new RangeError(`an effective sample size lies in (0, n], got ${effectiveN} for n = ${n}`);
  }
  const rate = successes / n;
  const shrink = (z * z) / effectiveN;
  const centre = (rate + shrink / 2) / (1 + shrink);
  const half = (z * Math.sqrt((rate * (1 - rate)) / effectiveN + shrink / (4 * effectiveN))) / (1 + shrink);
  // At 0/n and n/n the formula lands on 0 and 1 only up to rounding; they are exact.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}

/**
 * mean ± t_{df, 1−(1−confidence)/2} · se, clamped to `bounds` (default [-Infinity, Infinity]).
 * df < 1 (n < 2, or one cluster) → `bounds` (infinite by default): one observation says nothing
 * about the spread. se = 0 with df ≥ 1 → [mean, mean] (every value was the same).
 */
export function meanInterval(estimate: MeanEstimate, options: MeanIntervalOptions = {}): Interval {
  const level = upperQuantileLevel(options.confidence ?? CONFIDENCE);
  const [lowest, highest] = options.bounds ?? [-Infinity, Infinity];
  if (estimate.n < 2 || !(estimate.df >= 1)) return [lowest, highest];
  const half = estimate.se === 0 ? 0 : tQuantile(level, estimate.df) * estimate.se;
  return [Math.max(lowest, estimate.mean - half), Math.min(highest, estimate.mean + half)];
}
