import { describe, expect, it } from "vitest";
import {
  formatDeltaCount,
  formatDeltaMs,
  formatDeltaPp,
  formatPercent,
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

  it("shows a delta that rounds to zero as ±0", () => {
    expect(formatDeltaPp(-0.0001)).toBe("±0.0 pp");
    expect(formatSigned(0, 2)).toBe("±0.00");
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
