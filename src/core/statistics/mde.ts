import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import type { MeanEstimate } from "./mean-accumulator.js";
import { mcnemarExactP } from "./paired-tests.js";

export const POWER = 0.8;

export interface MeanMdeOptions {
  /**
   * The smallest step the mean can take, used as the SE when no variation was seen (se = 0).
   * Default 1/n: one item moving a full point on the 0..1 score scale, which is also the SE that
   * one such item among n unchanged ones would give.
   */
  resolution?: number;
}

/**
 * Smallest |candidate − baseline| pass-rate change (fraction 0..1) that n paired items detect with
 * 80 % power at two-sided level alpha, from the observed discordant pairs b + c (Miller 2024 §power
 * analysis; Connor 1987 for paired proportions, dropping the Δ² term, which only errs large):
 * (z_{1−α/2} + z_{0.8}) · sqrt(max(b + c, 1) / n) / sqrt(n) — at least one discordant pair is
 * assumed, so an unchanged run does not claim to detect any change. Never below k_min / n, where
 * k_min is the fewest discordant pairs (all one way) for which mcnemarExactP(k, 0) < alpha (6 at
 * α = 0.05): the exact test cannot do better. Capped at 1. n = 0 → 1.
 * Throws RangeError unless 0 ≤ discordant ≤ n and 0 < alpha < 1.
 */
export function passRateMde(n: number, discordant: number, alpha: number): number {
  checkAlpha(alpha);
  if (!(Number.isFinite(n) && discordant >= 0 && discordant <= n)) {
    throw new RangeError(`discordant pairs lie between 0 and n, got ${discordant} of ${n}`);
  }
  if (n === 0) return 1;
  const spread = Math.sqrt(Math.max(discordant, 1) / n) / Math.sqrt(n);
  const approximate = (zQuantile(1 - alpha / 2) + zQuantile(POWER)) * spread;
  return Math.min(1, Math.max(approximate, fewestSignificantFlips(alpha) / n));
}

/**
 * Smallest mean change a paired t-test on this estimate (of per-item differences) detects with
 * 80 % power at two-sided level alpha: (t_{df, 1−α/2} + z_{0.8}) · se.
 * se = 0 (every difference was the same, usually 0) cannot measure the spread, so `resolution`
 * (default 1/n) stands in for the SE, as passRateMde assumes one discordant pair.
 * n < 2 or df < 1 (one cluster) → Infinity: no spread, no test.
 */
export function meanMde(estimate: MeanEstimate, alpha: number, options: MeanMdeOptions = {}): number {
  checkAlpha(alpha);
  if (estimate.n < 2 || !(estimate.df >= 1)) return Infinity;
  const se = estimate.se > 0 ? estimate.se : (options.resolution ?? 1 / estimate.n);
  return (tQuantile(1 - alpha / 2, estimate.df) + zQuantile(POWER)) * se;
}

function zQuantile(level: number): number {
  return normalQuantile(level, 0, 1);
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`a significance level lies strictly between 0 and 1, got ${alpha}`);
}

/** The fewest discordant pairs, all one way, that McNemar's exact test calls significant at alpha. */
function fewestSignificantFlips(alpha: number): number {
  let flips = 1;
  // p(k, 0) = 2^(1−k) halves with each pair, so this ends within log2(2/alpha) + 1 steps.
  while (mcnemarExactP(flips, 0) >= alpha) flips += 1;
  return flips;
}
