import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

describe("latency_max", () => {
  it("passes within the limit with full score", async () => {
    const outcome = await runScorer("latency_max", { ms: 1000 }, { result: { latency_ms: 800 } });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({ read: 800, compared: 1000, reason: "latency 800 ms is within 1000 ms" });
  });

  it("passes exactly at the limit", async () => {
    expect((await runScorer("latency_max", { ms: 1000 }, { result: { latency_ms: 1000 } })).passed).toBe(true);
  });

  it("fails above the limit with score limit / latency", async () => {
    const outcome = await runScorer("latency_max", { ms: 1000 }, { result: { latency_ms: 4000 } });
    expect(outcome).toMatchObject({ score: 0.25, passed: false });
    expect(outcome.evidence.reason).toBe("latency 4000 ms exceeds 1000 ms");
  });

  it("refuses a missing or non-positive limit", () => {
    expect(configError("latency_max", {})).toBe(
      "experiments.orders.scorers[0].config.ms: write the limit in milliseconds, e.g. ms: 2000",
    );
    expect(configError("latency_max", { ms: 0 })).toBe(
      "experiments.orders.scorers[0].config.ms: write a limit above 0 milliseconds, e.g. ms: 2000",
    );
  });
});
