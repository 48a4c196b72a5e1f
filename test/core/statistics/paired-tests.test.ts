import { describe, expect, it } from "vitest";
import { mcnemarExactP, pairedTTestP } from "../../../src/core/statistics/paired-tests.js";

describe("mcnemarExactP", () => {
  it("doubles the binomial tail of the rarer direction", () => {
    // By hand: 2 · (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 · 79 / 4096 = 79/2048.
    // python3 -c "from scipy import stats; print(stats.binomtest(10,12).pvalue)" → 0.03857421875
    expect(mcnemarExactP(10, 2)).toBeCloseTo(79 / 2048, 14);
    expect(mcnemarExactP(2, 10)).toBeCloseTo(79 / 2048, 14);
  });

  it("is 1 with no evidence and caps at 1", () => {
    expect(mcnemarExactP(0, 0)).toBe(1);
    expect(mcnemarExactP(1, 0)).toBe(1);
    expect(mcnemarExactP(0, 1)).toBe(1);
    expect(mcnemarExactP(7, 7)).toBe(1);
  });

  it("needs six one-way flips for 5 %", () => {
    // By hand: 2 · 2^−6 = 1/32 and 2 · 2^−5 = 1/16.
    expect(mcnemarExactP(6, 0)).toBeCloseTo(0.03125, 15);
    expect(mcnemarExactP(5, 0)).toBeCloseTo(0.0625, 15);
  });

  it("matches scipy on a large table", () => {
    // python3 -c "from scipy import stats; print(stats.binomtest(300,550).pvalue)" → 0.036578745549102676
    expect(mcnemarExactP(300, 250)).toBeCloseTo(0.036578745549102676, 12);
    expect(mcnemarExactP(250, 300)).toBeCloseTo(0.036578745549102676, 12);
  });

  it("refuses counts that are not pairs", () => {
    expect(() => mcnemarExactP(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExactP(1.5, 2)).toThrow(RangeError);
  });
});

describe("pairedTTestP", () => {
  it("matches scipy's one-sample t-test on the differences", () => {
    // python3 -c "from scipy import stats; print(stats.ttest_1samp([0.5,-0.25,0,1,0.25],0).pvalue)" → 0.23549636025944312
    // se = sqrt(0.23125 / 5), by hand in mean-accumulator.test.ts.
    expect(pairedTTestP({ n: 5, mean: 0.3, se: Math.sqrt(0.23125 / 5), df: 4 })).toBeCloseTo(0.23549636025944312, 12);
    expect(pairedTTestP({ n: 5, mean: -0.3, se: Math.sqrt(0.23125 / 5), df: 4 })).toBeCloseTo(0.23549636025944312, 12);
  });

  it("is 1 without two observations", () => {
    expect(pairedTTestP({ n: 1, mean: 0.5, se: 0, df: 0 })).toBe(1);
    expect(pairedTTestP({ n: 6, mean: 0.5, se: 0, df: 0, clusters: 1 })).toBe(1);
  });

  it("is certain when every pair moved by the same amount, and 1 when none moved", () => {
    expect(pairedTTestP({ n: 5, mean: 0.2, se: 0, df: 4 })).toBe(0);
    expect(pairedTTestP({ n: 5, mean: 0, se: 0, df: 4 })).toBe(1);
  });
});
