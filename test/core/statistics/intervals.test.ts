import { describe, expect, it } from "vitest";
import { CONFIDENCE, meanInterval, wilsonInterval } from "../../../src/core/statistics/intervals.js";
import type { MeanEstimate } from "../../../src/core/statistics/mean-accumulator.js";

// Expected numbers come from scipy 1.17, never from this code's output.
describe("wilsonInterval", () => {
  it("matches scipy's Wilson interval for 37/41 at 95 %", () => {
    // python3 -c "from scipy import stats; print(stats.binomtest(37,41).proportion_ci(0.95, method='wilson'))"
    const [low, high] = wilsonInterval(37, 41);
    expect(low).toBeCloseTo(0.7745231869447661, 12);
    expect(high).toBeCloseTo(0.9614029151019107, 12);
    expect(CONFIDENCE).toBe(0.95);
  });

  it("takes another confidence level", () => {
    // python3 -c "from scipy import stats; print(stats.binomtest(37,41).proportion_ci(0.90, method='wilson'))"
    const [low, high] = wilsonInterval(37, 41, { confidence: 0.9 });
    expect(low).toBeCloseTo(0.7996109544110221, 12);
    expect(high).toBeCloseTo(0.9554420066546696, 12);
  });

  it("reaches exactly 0 at 0/n and exactly 1 at n/n", () => {
    // python3 -c "from scipy import stats; print(stats.binomtest(0,10).proportion_ci(method='wilson'), stats.binomtest(10,10).proportion_ci(method='wilson'))"
    const none = wilsonInterval(0, 10);
    expect(none[0]).toBe(0);
    expect(none[1]).toBeCloseTo(0.27753279986288926, 12);
    const all = wilsonInterval(10, 10);
    expect(all[0]).toBeCloseTo(0.7224672001371109, 12);
    expect(all[1]).toBe(1);
  });

  it("knows nothing about an empty run", () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it("widens around the same rate on an effective sample size", () => {
    // Textbook Wilson (Agresti & Coull 1998) with n → 60/19, in Python:
    // z=stats.norm.ppf(0.975); p=0.5; m=60/19; c=(p+z*z/(2*m))/(1+z*z/m); h=z/(1+z*z/m)*math.sqrt(p*(1-p)/m+z*z/(4*m*m)); print(c-h, c+h)
    const [low, high] = wilsonInterval(10, 20, { effectiveN: 60 / 19 });
    expect(low).toBeCloseTo(0.12958451860277248, 12);
    expect(high).toBeCloseTo(0.8704154813972276, 12);
  });

  it("refuses impossible counts", () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, -4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, { effectiveN: 5 })).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, { effectiveN: 0 })).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, { confidence: 1 })).toThrow(RangeError);
  });
});

describe("meanInterval", () => {
  // Differences [0.5, -0.25, 0, 1, 0.25]: mean 0.3, squared deviations sum to 0.925,
  // sample variance 0.23125, se = sqrt(0.23125 / 5) = 0.2150581316760656.
  const differences: MeanEstimate = { n: 5, mean: 0.3, se: Math.sqrt(0.23125 / 5), df: 4 };

  it("matches scipy's t interval", () => {
    // d=[0.5,-0.25,0,1,0.25]; print(stats.t.interval(0.95, 4, loc=np.mean(d), scale=stats.sem(d)))
    const [low, high] = meanInterval(differences);
    expect(low).toBeCloseTo(-0.2970970970249949, 12);
    expect(high).toBeCloseTo(0.897097097024995, 12);
  });

  it("takes another confidence level and clamps to the bounds", () => {
    // print(stats.t.interval(0.99, 4, loc=0.3, scale=stats.sem(d))) → (-0.690148041091885, 1.290148041091885)
    const [low, high] = meanInterval(differences, { confidence: 0.99 });
    expect(low).toBeCloseTo(-0.690148041091885, 12);
    expect(high).toBeCloseTo(1.290148041091885, 12);
    expect(meanInterval(differences, { confidence: 0.99, bounds: [-1, 1] })).toEqual([low, 1]);
  });

  it("gives the bounds when one observation cannot show a spread", () => {
    expect(meanInterval({ n: 1, mean: 0.4, se: 0, df: 0 })).toEqual([-Infinity, Infinity]);
    expect(meanInterval({ n: 1, mean: 0.4, se: 0, df: 0 }, { bounds: [0, 1] })).toEqual([0, 1]);
    expect(meanInterval({ n: 0, mean: 0, se: 0, df: 0 }, { bounds: [0, 1] })).toEqual([0, 1]);
    // Six items in a single cluster: one independent observation.
    expect(meanInterval({ n: 6, mean: 0.4, se: 0, df: 0, clusters: 1 }, { bounds: [0, 1] })).toEqual([0, 1]);
  });

  it("is a point when every value was the same", () => {
    expect(meanInterval({ n: 4, mean: 0.7, se: 0, df: 3 })).toEqual([0.7, 0.7]);
  });
});
