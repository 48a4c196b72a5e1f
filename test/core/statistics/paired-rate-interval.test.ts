import { describe, expect, it } from "vitest";
import { mcnemarExactP } from "../../../src/core/statistics/paired-tests.js";
import { pairedRateInterval } from "../../../src/core/statistics/paired-rate-interval.js";

describe("pairedRateInterval", () => {
  it("never excludes 0 where McNemar's exact test does not reject", () => {
    // a = 30, b = 5, c = 0, d = 5: Newcombe's method 10 alone gives (−0.2435, −0.0204), excluding 0,
    // but the exact test's p = 2/32 = 0.0625 (Python, as in gate-significance.test.ts).
    expect(mcnemarExactP(5, 0)).toBeCloseTo(0.0625, 12);
    const [low, high] = pairedRateInterval({ bothPassed: 30, regressions: 5, fixes: 0, n: 40 });
    expect(low).toBeCloseTo(-0.2435, 3);
    // The exact conditional bound: Clopper–Pearson of 0/5 is [0, 0.5218] (scipy binomtest(0, 5)
    // .proportion_ci(method='exact').high = 0.5218237501049814) → 5/40 · (2 · 0.52182 − 1).
    expect(high).toBeCloseTo((5 / 40) * (2 * 0.5218237501049814 - 1), 8);
    expect(high).toBeGreaterThan(0);
  });

  it("keeps Newcombe's wider bound when the discordant pairs are few but the rates uncertain", () => {
    // a = 47, b = 3, c = 0, d = 0 (n = 50): Newcombe (−0.1622, 0.0215) is wider below than the
    // conditional (−0.06, 0.0251): the union is (−0.1622, 0.0251).
    const [low, high] = pairedRateInterval({ bothPassed: 47, regressions: 3, fixes: 0, n: 50 });
    expect(low).toBeCloseTo(-0.1622, 3);
    // scipy binomtest(0, 3).proportion_ci(method='exact').high = 0.7075982261787133.
    expect(high).toBeCloseTo((3 / 50) * (2 * 0.7075982261787133 - 1), 8);
  });

  it("is [−1, 1] with no pairs", () => {
    expect(pairedRateInterval({ bothPassed: 0, regressions: 0, fixes: 0, n: 0 })).toEqual([-1, 1]);
  });
});
