import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

function calling(...names: string[]) {
  return { output: "done", result: { tool_calls: names.map((name) => ({ name })) } };
}

describe("max_tool_calls", () => {
  it("passes at the limit", async () => {
    const outcome = await runScorer("max_tool_calls", { max: 2 }, calling("search_orders", "refund_order"));
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: ["search_orders", "refund_order"],
      compared: 2,
      reason: "2 tool calls (search_orders → refund_order), within the limit of 2",
    });
  });

  it("fails over the limit with score max / calls", async () => {
    const outcome = await runScorer("max_tool_calls", { max: 1 }, calling("a", "b", "c", "d"));
    expect(outcome).toMatchObject({ score: 0.25, passed: false });
    expect(outcome.evidence.reason).toBe("4 tool calls (a → b → c → d), over the limit of 1");
  });

  it("counts an answer without tool calls as none", async () => {
    const outcome = await runScorer("max_tool_calls", { max: 0 }, { output: "hi" });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toBe("no tool calls, within the limit of 0");
  });

  it("refuses a missing or fractional limit", () => {
    expect(configError("max_tool_calls", {})).toBe(
      "experiments.orders.scorers[0].config.max: write the most tool calls allowed as a whole number, e.g. max: 5",
    );
    expect(configError("max_tool_calls", { max: 1.5 })).toBe(
      "experiments.orders.scorers[0].config.max: write the most tool calls allowed as a whole number, e.g. max: 5",
    );
  });
});
