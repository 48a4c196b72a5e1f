import { describe, expect, it } from "vitest";
import type { ToolCall } from "../../../src/core/model/run-item.js";
import { configError, runScorer } from "./run-scorer.js";

function withCalls(...tool_calls: ToolCall[]) {
  return { output: "done", result: { tool_calls } };
}

describe("tool_called", () => {
  it("passes when the tool was called, and shows the calls it read", async () => {
    const calls = [{ name: "lookup_user", arguments: { id: 1 } }, { name: "search_orders", arguments: { q: "A1" } }];
    const outcome = await runScorer("tool_called", { tool: "search_orders" }, withCalls(...calls));
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: calls,
      compared: { tool: "search_orders", min_times: 1 },
      reason: "tool search_orders was called 1 time",
    });
  });

  it("fails naming the tools that were called instead", async () => {
    const outcome = await runScorer("tool_called", { tool: "search_orders" }, withCalls({ name: "lookup_user" }, { name: "lookup_user" }));
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe("tool search_orders was not called; called: lookup_user");
  });

  it("fails saying no tools were called when the target reported none", async () => {
    const outcome = await runScorer("tool_called", { tool: "search_orders" }, { output: "hi" });
    expect(outcome.evidence.reason).toBe("tool search_orders was not called; no tools were called");
  });

  it("matches arguments given as a JSON string, ignoring arguments not asked about", async () => {
    const outcome = await runScorer(
      "tool_called",
      { tool: "search_orders", arguments: { order_id: "A1", filters: { open: true } } },
      withCalls({ name: "search_orders", arguments: '{"limit": 5, "filters": {"open": true}, "order_id": "A1"}' }),
    );
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toBe('tool search_orders was called 1 time with arguments {"order_id":"A1","filters":{"open":true}}');
  });

  it("fails with the arguments it did see when none match", async () => {
    const outcome = await runScorer(
      "tool_called",
      { tool: "search_orders", arguments: { order_id: "A1" } },
      withCalls({ name: "search_orders", arguments: '{"order_id":"B2"}' }, { name: "search_orders", arguments: "not json" }),
    );
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe(
      'tool search_orders was called 2 times but never with arguments {"order_id":"A1"}; its arguments: {"order_id":"B2"}, "not json"',
    );
  });

  it("checks an exact count with times, including times: 0", async () => {
    const twice = withCalls({ name: "search_orders" }, { name: "search_orders" });
    const exact = await runScorer("tool_called", { tool: "search_orders", times: 1 }, twice);
    expect(exact.passed).toBe(false);
    expect(exact.evidence.reason).toBe("tool search_orders was called 2 times (expected exactly 1 time)");
    expect((await runScorer("tool_called", { tool: "search_orders", times: 2 }, twice)).passed).toBe(true);
    const never = await runScorer("tool_called", { tool: "delete_order", times: 0 }, twice);
    expect(never.passed).toBe(true);
    expect(never.evidence.reason).toBe("tool delete_order was not called, as required; called: search_orders");
  });

  it("checks a minimum with min_times", async () => {
    const outcome = await runScorer("tool_called", { tool: "search_orders", min_times: 3 }, withCalls({ name: "search_orders" }));
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe("tool search_orders was called 1 time (expected at least 3 times)");
  });

  it("refuses a config without a tool, a misspelt key, and times with min_times", () => {
    expect(configError("tool_called", {})).toBe(
      "experiments.orders.scorers[0].config.tool: name the tool, e.g. tool: search_orders",
    );
    expect(configError("tool_called", { tool: "x", argument: {} })).toBe(
      "experiments.orders.scorers[0].config: unknown key 'argument' (did you mean 'arguments'?)",
    );
    expect(configError("tool_called", { tool: "x", times: 1, min_times: 1 })).toBe(
      "experiments.orders.scorers[0].config.times: set either times (an exact count) or min_times, not both",
    );
  });
});
