import binomialCdf from "@stdlib/stats-base-dists-binomial-cdf";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import type { MeanEstimate } from "./mean-accumulator.js";

/**
 * McNemar's exact test (McNemar 1947; exact binomial form) on the discordant pairs of two runs over
 * the same items: two-sided p = min(1, 2·P(X ≤ min(b, c))) with X ~ Binomial(b + c, 1/2).
 * b = regressions (pass→fail), c = fixes. b + c = 0 → 1. Example: b = 10, c = 2 → 79/2048 ≈ 0.03857.
 * Exact rather than χ² because eval changes often flip a handful of items, where χ² is too eager.
 * Throws RangeError unless b and c are non-negative integers.
 */
export function mcnemarExactP(b: number, c: number): number {
  if (!(Number.isInteger(b) && Number.isInteger(c) && b >= 0 && c >= 0)) {
    throw new RangeError(`McNemar's test counts pairs: b and c are non-negative integers, got ${b} and ${c}`);
  }
  if (b + c === 0) return 1;
  return Math.min(1, 2 * binomialCdf(Math.min(b, c), b + c, 0.5));
}

/**
 * Two-sided p of a paired t-test on a MeanEstimate of per-item differences (candidate − baseline):
 * 2·(1 − T_df(|mean| / se)), computed as 2·T_df(−|mean| / se) so a tiny p does not round to 0.
 * n < 2 or df < 1 → 1 (no spread to test against). se = 0 → 1 when mean = 0, else 0 (every pair
 * moved by the same amount).
 */
export function pairedTTestP(estimate: MeanEstimate): number {
  if (estimate.n < 2 || !(estimate.df >= 1)) return 1;
  if (estimate.se === 0) return estimate.mean === 0 ? 1 : 0;
  return Math.min(1, 2 * tCdf(-Math.abs(estimate.mean) / estimate.se, estimate.df));
}
