import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../../src/core/statistics/intervals.js";
import { createRateAccumulator } from "../../../src/core/statistics/rate-accumulator.js";

function rateOf(outcomes: boolean[], clusters?: (string | undefined)[]) {
  const accumulator = createRateAccumulator({ clustered: clusters !== undefined });
  outcomes.forEach((passed, index) => accumulator.add(passed, clusters?.[index]));
  return accumulator.estimate();
}

const passes = (count: number, of: number) => Array.from({ length: of }, (_, index) => index < count);

describe("createRateAccumulator", () => {
  it("unclustered, gives the rate with the plain Wilson interval", () => {
    const estimate = rateOf(passes(37, 41));
    expect(estimate).toEqual({ n: 41, successes: 37, rate: 37 / 41, ci95: wilsonInterval(37, 41), design_effect: 1 });
    // python3 -c "from scipy import stats; print(stats.binomtest(37,41).proportion_ci(method='wilson'))"
    expect(estimate.ci95[0]).toBeCloseTo(0.7745231869447661, 12);
    expect(estimate.ci95[1]).toBeCloseTo(0.9614029151019107, 12);
  });

  it("is empty and uninformative before any item", () => {
    expect(rateOf([])).toEqual({ n: 0, successes: 0, rate: 0, ci95: [0, 1], design_effect: 1 });
    expect(rateOf([], [])).toEqual({ n: 0, successes: 0, rate: 0, ci95: [0, 1], design_effect: 1 });
  });

  it("widens the interval when whole clusters pass or fail together", () => {
    // 4 clusters of 5 items; two all pass, two all fail: n = 20, p = 0.5.
    // By hand: S_g − n_g·p = ±2.5, Σ² = 25, CR1 · 4/3 → SE_c² = (100/3) / 400 = 1/12;
    // SE_iid² = p(1 − p)/(n − 1) = 0.25/19; deff = (1/12) / (0.25/19) = 19/3; n_eff = 60/19.
    // Wilson on n_eff (textbook formula in Python, see intervals.test.ts) → (0.12958451860277248, 0.8704154813972276)
    const outcomes = [...passes(10, 10), ...passes(0, 10)];
    const clusters = outcomes.map((_, index) => `c${Math.floor(index / 5)}`);
    const estimate = rateOf(outcomes, clusters);
    expect(estimate.rate).toBe(0.5);
    expect(estimate.design_effect).toBeCloseTo(19 / 3, 12);
    expect(estimate.ci95[0]).toBeCloseTo(0.12958451860277248, 10);
    expect(estimate.ci95[1]).toBeCloseTo(0.8704154813972276, 10);
    // python3 -c "from scipy import stats; print(stats.binomtest(10,20).proportion_ci(method='wilson'))"
    const plain = wilsonInterval(10, 20);
    expect(plain[0]).toBeCloseTo(0.2992980081982124, 12);
    expect(estimate.ci95[0]).toBeLessThan(plain[0]);
    expect(estimate.ci95[1]).toBeGreaterThan(plain[1]);
  });

  it("never narrows the interval below Wilson, even when clusters vary less than items", () => {
    // Each cluster holds one pass and one fail: the clustered SE is 0, below the iid SE.
    const outcomes = Array.from({ length: 20 }, (_, index) => index % 2 === 0);
    const clusters = outcomes.map((_, index) => `c${Math.floor(index / 2)}`);
    const estimate = rateOf(outcomes, clusters);
    expect(estimate.design_effect).toBe(1);
    expect(estimate.ci95).toEqual(wilsonInterval(10, 20));
  });

  it("keeps the plain interval when every item is its own cluster", () => {
    const outcomes = passes(37, 41);
    const estimate = rateOf(outcomes, outcomes.map(() => undefined));
    expect(estimate.design_effect).toBeCloseTo(1, 12);
    expect(estimate.ci95[0]).toBeCloseTo(wilsonInterval(37, 41)[0], 12);
    expect(estimate.ci95[1]).toBeCloseTo(wilsonInterval(37, 41)[1], 12);
  });

  it("treats a run in one cluster as one observation", () => {
    // python3 -c "from scipy import stats; print(stats.binomtest(1,1).proportion_ci(method='wilson'))" → low 0.20654931437723745
    const allPass = rateOf(passes(4, 4), ["A", "A", "A", "A"]);
    expect(allPass.design_effect).toBe(4);
    expect(allPass.ci95[0]).toBeCloseTo(0.20654931437723745, 12);
    expect(allPass.ci95[1]).toBe(1);
    // Textbook Wilson at p = 0.75, n = 1 in Python (see intervals.test.ts) → (0.11790958799950957, 0.9853650691891092)
    const mixed = rateOf(passes(3, 4), ["A", "A", "A", "A"]);
    expect(mixed.ci95[0]).toBeCloseTo(0.11790958799950957, 12);
    expect(mixed.ci95[1]).toBeCloseTo(0.9853650691891092, 12);
  });
});
