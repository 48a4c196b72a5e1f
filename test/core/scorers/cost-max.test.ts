import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

describe("cost_max", () => {
  it("passes a cost within the limit", async () => {
    const outcome = await runScorer("cost_max", { max: 0.01 }, { output: "ok", result: { cost: 0.004 } });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({ read: 0.004, compared: 0.01, reason: "cost 0.0040 is within the limit of 0.0100" });
  });

  it("fails over the limit with score max / cost, never rounding the cost onto the limit", async () => {
    const outcome = await runScorer("cost_max", { max: 0.01 }, { output: "ok", result: { cost: 0.01002 } });
    expect(outcome.passed).toBe(false);
    expect(outcome.score).toBeCloseTo(0.01 / 0.01002, 12);
    expect(outcome.evidence.reason).toBe("cost 0.01002 is over the limit of 0.0100");
  });

  it("a missing cost is the scorer's error (so `not` cannot pass it)", async () => {
    await expect(runScorer("cost_max", { max: 1 }, { output: "ok" })).rejects.toThrow(
      "the target reported no cost; a missing cost never passes cost_max",
    );
  });

  it("refuses a missing or negative limit", () => {
    expect(configError("cost_max", {})).toBe(
      "experiments.orders.scorers[0].config.max: write the most the call may cost, in the unit the target reports, e.g. max: 0.01",
    );
    expect(configError("cost_max", { max: -1 })).toBe("experiments.orders.scorers[0].config.max: write a limit of 0 or more, e.g. max: 0.01");
  });
});
