import binomialTest from "@stdlib/stats-binomial-test";
import { CONFIDENCE, wilsonInterval, type Interval } from "./intervals.js";

/** A 2×2 table of paired pass/fail: a both passed, b passed → failed, c failed → passed; n pairs in all. */
export interface PairedTable {
  bothPassed: number;
  regressions: number;
  fixes: number;
  n: number;
}

/**
 * The 95 % interval of a paired pass-rate change Δ = (fixes − regressions) / n (a fraction):
 * the union of two standard intervals, so it is never narrower than either.
 * - Newcombe's hybrid score interval for paired proportions (Newcombe 1998, Stat Med 17:2635,
 *   method 10: Wilson intervals of both rates combined with their correlation φ), which accounts
 *   for how often pairs differ;
 * - the exact conditional interval that agrees with McNemar's exact test: given the b + c
 *   discordant pairs, the Clopper–Pearson interval [θ₁, θ₂] of the share of fixes (as
 *   `binomialTest` computes it) mapped to Δ = (b + c)/n · (2θ − 1).
 * Because the second excludes 0 exactly when the exact test rejects at 5 %, the union excludes 0
 * only then: a shown interval never calls a change that the p-value calls noise. n = 0 → [−1, 1].
 */
export function pairedRateInterval(table: PairedTable): Interval {
  const { regressions: b, fixes: c, n } = table;
  if (n === 0) return [-1, 1];
  const newcombe = newcombeInterval(table);
  if (b + c === 0) return newcombe;
  const [low, high] = binomialTest(c, b + c, { p: 0.5, alpha: 1 - CONFIDENCE }).ci as [number, number];
  const share = (b + c) / n;
  return [Math.max(-1, Math.min(newcombe[0], share * (2 * low - 1))), Math.min(1, Math.max(newcombe[1], share * (2 * high - 1)))];
}

function newcombeInterval({ bothPassed: a, regressions: b, fixes: c, n }: PairedTable): Interval {
  const d = n - a - b - c;
  const before = (a + b) / n;
  const after = (a + c) / n;
  const [beforeLow, beforeHigh] = wilsonInterval(a + b, n);
  const [afterLow, afterHigh] = wilsonInterval(a + c, n);
  const product = (a + b) * (c + d) * (a + c) * (b + d);
  const phi = product === 0 ? 0 : (a * d - b * c) / Math.sqrt(product);
  const delta = after - before;
  const lower = Math.sqrt(Math.max(0, (after - afterLow) ** 2 - 2 * phi * (after - afterLow) * (beforeHigh - before) + (beforeHigh - before) ** 2));
  const upper = Math.sqrt(Math.max(0, (afterHigh - after) ** 2 - 2 * phi * (afterHigh - after) * (before - beforeLow) + (before - beforeLow) ** 2));
  return [delta - lower, delta + upper];
}
