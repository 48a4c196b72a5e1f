import { describe, expect, it } from "vitest";
import { createMeanAccumulator } from "../../../src/core/statistics/mean-accumulator.js";

function estimateOf(values: number[], clusters?: (string | undefined)[]) {
  const accumulator = createMeanAccumulator({ clustered: clusters !== undefined });
  values.forEach((value, index) => accumulator.add(value, clusters?.[index]));
  return accumulator.estimate();
}

describe("createMeanAccumulator", () => {
  it("gives the mean and CLT standard error of paired differences", () => {
    // By hand: mean 1.5 / 5 = 0.3; squared deviations 0.04 + 0.3025 + 0.09 + 0.49 + 0.0025 = 0.925,
    // sample variance 0.925 / 4 = 0.23125, se = sqrt(0.23125 / 5).
    // python3 -c "from scipy import stats; print(stats.sem([0.5,-0.25,0,1,0.25]))" → 0.21505813167606563
    const estimate = estimateOf([0.5, -0.25, 0, 1, 0.25]);
    expect(estimate.n).toBe(5);
    expect(estimate.mean).toBeCloseTo(0.3, 15);
    expect(estimate.se).toBeCloseTo(0.21505813167606563, 14);
    expect(estimate.df).toBe(4);
    expect(estimate.clusters).toBeUndefined();
  });

  it("stays accurate on values offset by 1e6 (Welford)", () => {
    // python3 -c "from scipy import stats; print(stats.sem([0.1,0.2,0.3,0.4,0.6]))" → 0.08602325267042625
    const estimate = estimateOf([0.1, 0.2, 0.3, 0.4, 0.6].map((small) => 1e6 + small));
    expect(estimate.mean).toBeCloseTo(1e6 + 0.32, 8);
    expect(estimate.se).toBeCloseTo(0.08602325267042625, 8);
    const clustered = estimateOf([0.1, 0.2, 0.3, 0.4, 0.6].map((small) => 1e6 + small), ["a", "b", "c", "d", "e"]);
    expect(clustered.se).toBeCloseTo(0.08602325267042625, 8);
  });

  it("has no standard error below two values", () => {
    expect(estimateOf([])).toEqual({ n: 0, mean: 0, se: 0, df: 0 });
    expect(estimateOf([0.7])).toEqual({ n: 1, mean: 0.7, se: 0, df: 0 });
  });

  it("gives the clustered standard error of 6 values in 3 clusters", () => {
    // By hand: A = [1, 2], B = [3, 5], C = [4, 9]; n = 6, x̄ = 24 / 6 = 4.
    // S_g − n_g·x̄: A 3 − 8 = −5, B 8 − 8 = 0, C 13 − 8 = 5; Σ² = 50.
    // CR1: G/(G−1) = 3/2 → 75; se = sqrt(75) / 6 = 5·√3 / 6 ≈ 1.4433756729740645.
    const estimate = estimateOf([1, 3, 2, 4, 5, 9], ["A", "B", "A", "C", "B", "C"]);
    expect(estimate.n).toBe(6);
    expect(estimate.mean).toBeCloseTo(4, 14);
    expect(estimate.se).toBeCloseTo((5 * Math.sqrt(3)) / 6, 14);
    expect(estimate.df).toBe(2);
    expect(estimate.clusters).toBe(3);
    // The same values unclustered: squared deviations 9+4+1+1+0+25 = 40, se = sqrt(8 / 6).
    expect(estimateOf([1, 3, 2, 4, 5, 9]).se).toBeCloseTo(Math.sqrt(8 / 6), 14);
  });

  it("reproduces the unclustered standard error when every cluster has one item", () => {
    const values = [0.5, -0.25, 0, 1, 0.25];
    const unclustered = estimateOf(values);
    for (const clusters of [["a", "b", "c", "d", "e"], [undefined, undefined, undefined, undefined, undefined], ["a", undefined, "c", undefined, "e"]]) {
      const clustered = estimateOf(values, clusters);
      expect(clustered.se).toBeCloseTo(unclustered.se, 14);
      expect(clustered.df).toBe(4);
      expect(clustered.clusters).toBe(5);
    }
  });

  it("treats each unnamed item as its own cluster beside the named ones", () => {
    // A = [1, 2] plus singletons 3 and 6: x̄ = 3; A: 3 − 6 = −3, singletons 0 and 3; Σ² = 18;
    // G = 3 → 3/2 · 18 = 27, se = sqrt(27) / 4.
    const estimate = estimateOf([1, 3, 2, 6], ["A", undefined, "A", undefined]);
    expect(estimate.clusters).toBe(3);
    expect(estimate.se).toBeCloseTo(Math.sqrt(27) / 4, 14);
  });

  it("cannot estimate a clustered standard error from one cluster", () => {
    expect(estimateOf([1, 2, 3], ["A", "A", "A"])).toEqual({ n: 3, mean: 2, se: 0, df: 0, clusters: 1 });
  });

  it("refuses a value that is not finite", () => {
    expect(() => createMeanAccumulator().add(Number.NaN)).toThrow(RangeError);
    expect(() => createMeanAccumulator({ clustered: true }).add(Infinity, "A")).toThrow(RangeError);
  });
});
