import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

const USAGE = { input_tokens: 1200, output_tokens: 300, total_tokens: 1500 };

describe("tokens_max", () => {
  it("limits the total by default", async () => {
    const outcome = await runScorer("tokens_max", { max: 1500 }, { output: "ok", result: { usage: USAGE } });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: USAGE,
      compared: { max: 1500, tokens: "total" },
      reason: "1500 total tokens, within the limit of 1500",
    });
  });

  it("limits input or output tokens, scoring max / used over the limit", async () => {
    const outcome = await runScorer("tokens_max", { max: 600, tokens: "input" }, { output: "ok", result: { usage: USAGE } });
    expect(outcome).toMatchObject({ score: 0.5, passed: false });
    expect(outcome.evidence.reason).toBe("1200 input tokens, over the limit of 600");
    expect((await runScorer("tokens_max", { max: 300, tokens: "output" }, { output: "ok", result: { usage: USAGE } })).passed).toBe(true);
  });

  it("adds input and output when the target reported no total", async () => {
    const outcome = await runScorer("tokens_max", { max: 2000 }, { output: "ok", result: { usage: { input_tokens: 1200, output_tokens: 300 } } });
    expect(outcome.evidence.reason).toBe("1500 total tokens (1200 input + 300 output), within the limit of 2000");
  });

  it("a missing count is the scorer's error (so `not` cannot pass it)", async () => {
    await expect(runScorer("tokens_max", { max: 2000 }, { output: "ok" })).rejects.toThrow(
      "the target reported no token usage; a missing count never passes tokens_max",
    );
    await expect(
      runScorer("tokens_max", { max: 2000, tokens: "output" }, { output: "ok", result: { usage: { input_tokens: 5 } } }),
    ).rejects.toThrow("the target's usage has no output_tokens; a missing count never passes tokens_max");
  });

  it("refuses a missing limit and an unknown count", () => {
    expect(configError("tokens_max", {})).toBe("experiments.orders.scorers[0].config.max: write the most tokens allowed, e.g. max: 2000");
    expect(configError("tokens_max", { max: 10, tokens: "cached" })).toBe(
      "experiments.orders.scorers[0].config.tokens: write tokens: total, input or output",
    );
  });
});
