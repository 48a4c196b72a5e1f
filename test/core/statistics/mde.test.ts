import { describe, expect, it } from "vitest";
import { meanMde, passRateMde, POWER } from "../../../src/core/statistics/mde.js";

// z_{0.975} = 1.959963984540054 and z_{0.8} = 0.8416212335729143:
// python3 -c "from scipy import stats; print(stats.norm.ppf(0.975), stats.norm.ppf(0.8))"
const Z_975 = 1.959963984540054;
const Z_80 = 0.8416212335729143;

describe("passRateMde", () => {
  it("uses 80 % power", () => {
    expect(POWER).toBe(0.8);
  });

  it("is floored at the fewest flips the exact test can call significant", () => {
    // By hand: (1.95996 + 0.84162) · sqrt(4/41) / sqrt(41) = 2.80159 · 2 / 41 ≈ 0.13666,
    // below the floor 6/41 ≈ 0.14634 (mcnemarExactP(6, 0) = 1/32 < 0.05 ≤ mcnemarExactP(5, 0) = 1/16).
    expect((Z_975 + Z_80) * (2 / 41)).toBeLessThan(6 / 41);
    expect(passRateMde(41, 4, 0.05)).toBeCloseTo(6 / 41, 14);
  });

  it("follows the discordance once it is above the floor", () => {
    // By hand: 2.80159 · sqrt(9) / 41 ≈ 0.20499.
    // python3 -c "from scipy import stats; print((stats.norm.ppf(0.975)+stats.norm.ppf(0.8))*3/41)" → 0.20499404034972937
    expect(passRateMde(41, 9, 0.05)).toBeCloseTo(0.20499404034972937, 12);
  });

  it("assumes one discordant pair when none was seen, and keeps the exact-test floor", () => {
    // No flips in 100 items: 2.80159 / 100 ≈ 0.028 < 6/100.
    expect(passRateMde(100, 0, 0.05)).toBeCloseTo(0.06, 14);
    // At α = 0.01 the floor is 8 flips: 2 · 2^−7 = 0.0078 < 0.01 ≤ 2 · 2^−6 = 0.03125.
    expect(passRateMde(1000, 0, 0.01)).toBeCloseTo(8 / 1000, 14);
  });

  it("is capped at 1 and is 1 for an empty run", () => {
    expect(passRateMde(3, 0, 0.05)).toBe(1);
    expect(passRateMde(0, 0, 0.05)).toBe(1);
  });

  it("refuses impossible inputs", () => {
    expect(() => passRateMde(10, 11, 0.05)).toThrow(RangeError);
    expect(() => passRateMde(10, 1, 0)).toThrow(RangeError);
  });
});

describe("meanMde", () => {
  it("is (t + z) · se for the paired differences", () => {
    // python3 -c "from scipy import stats; print((stats.t.ppf(0.975,4)+stats.norm.ppf(0.8))*stats.sem([0.5,-0.25,0,1,0.25]))" → 0.7780945870960916
    expect(meanMde({ n: 5, mean: 0.3, se: Math.sqrt(0.23125 / 5), df: 4 }, 0.05)).toBeCloseTo(0.7780945870960916, 12);
  });

  it("uses one item moving a full point as the SE when nothing varied", () => {
    // python3 -c "from scipy import stats; print((stats.t.ppf(0.975,9)+stats.norm.ppf(0.8))/10)" → 0.3103778396371119
    expect(meanMde({ n: 10, mean: 0, se: 0, df: 9 }, 0.05)).toBeCloseTo(0.3103778396371119, 12);
    expect(meanMde({ n: 10, mean: 0, se: 0, df: 9 }, 0.05, { resolution: 0.05 })).toBeCloseTo(0.3103778396371119 * 0.5, 12);
  });

  it("is Infinity without two observations", () => {
    expect(meanMde({ n: 1, mean: 0, se: 0, df: 0 }, 0.05)).toBe(Infinity);
    expect(meanMde({ n: 8, mean: 0, se: 0, df: 0, clusters: 1 }, 0.05)).toBe(Infinity);
  });
});
