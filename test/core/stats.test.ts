import { describe, expect, it } from "vitest";
import {
  formatDeltaCount,
  formatDeltaMs,
  formatDeltaPp,
  formatDeltaScore,
  formatFraction,
  formatPercent,
  formatThreshold,
  formatSigned,
  latencyStats,
  ratio,
} from "../../src/core/stats.js";

describe("stats", () => {
  it("formats percentages and signed deltas with a real minus sign", () => {
    expect(formatPercent(0.86)).toBe("86.0%");
    expect(formatDeltaPp(0.04)).toBe("+4.0 pp");
    expect(formatDeltaPp(-0.021)).toBe("\u22122.1 pp");
    expect(formatDeltaMs(12.4)).toBe("+12 ms");
    expect(formatDeltaCount(-1200)).toBe("\u22121,200");
  });

  it("never shows a real change as ±0, and no change as ±0", () => {
    // 1,999/2,000 against 2,000/2,000: −0.05 pp, which one decimal would call no change.
    expect(formatDeltaPp(1999 / 2000 - 1)).toBe("\u22120.05 pp");
    expect(formatDeltaPp(-0.0001)).toBe("\u22120.01 pp");
    expect(formatDeltaScore(0.9995 - 1)).toBe("\u22120.0005");
    expect(formatSigned(0, 2)).toBe("±0.00");
  });

  it("shows rates honestly against 0, 100 % and a threshold, and thresholds exactly", () => {
    expect(formatPercent(1999 / 2000)).toBe("99.95%");
    expect(formatPercent(1 / 30000)).toBe("0.003%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(1799 / 2000, { against: [0.9] })).toBe("89.95%");
    expect(formatPercent(2 / 3, { against: [0.6667] })).toBe("66.667%");
    expect(formatPercent(27 / 30, { against: [0.9] })).toBe("90.0%");
    expect(formatThreshold(0.6667)).toBe("66.67%");
    expect(formatThreshold(0.9)).toBe("90.0%");
    expect(formatThreshold(1)).toBe("100.0%");
    expect(formatFraction(0.99996)).toBe("0.99996");
    expect(formatFraction(0.5)).toBe("0.5000");
  });

  it("computes latency quantiles with linear interpolation and zeros for no data", () => {
    expect(latencyStats([])).toEqual({ p50: 0, p95: 0, mean: 0 });
    expect(latencyStats([300, 100, 200])).toEqual({ p50: 200, p95: 290, mean: 200 });
  });

  it("gives a ratio of 0 for an empty whole", () => {
    expect(ratio(0, 0)).toBe(0);
    expect(ratio(1, 4)).toBe(0.25);
  });
});
