import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

describe("tool_not_called", () => {
  it("passes when the tool was never called, naming what was", async () => {
    const calls = [{ name: "search_orders", arguments: { q: "A1" } }];
    const outcome = await runScorer("tool_not_called", { tool: "delete_order" }, { output: "ok", result: { tool_calls: calls } });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: calls,
      compared: { tool: "delete_order" },
      reason: "tool delete_order was not called; called: search_orders",
    });
  });

  it("passes an answer with no tool calls at all", async () => {
    const outcome = await runScorer("tool_not_called", { tool: "delete_order" }, { output: "ok" });
    expect(outcome.evidence.reason).toBe("tool delete_order was not called; no tools were called");
  });

  it("fails with the number of times it was called", async () => {
    const outcome = await runScorer("tool_not_called", { tool: "delete_order" }, {
      output: "ok",
      result: { tool_calls: [{ name: "delete_order" }, { name: "delete_order" }] },
    });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe("tool delete_order was called 2 times, and must not be");
  });

  it("refuses a config without a tool", () => {
    expect(configError("tool_not_called", {})).toBe("experiments.orders.scorers[0].config.tool: name the tool, e.g. tool: delete_order");
  });
});
