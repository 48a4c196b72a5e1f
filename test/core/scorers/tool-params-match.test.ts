import { describe, expect, it } from "vitest";
import type { ToolCall } from "../../../src/core/model/run-item.js";
import { configError, runScorer } from "./run-scorer.js";

function withCalls(...tool_calls: ToolCall[]) {
  return { output: "done", result: { tool_calls } };
}

describe("tool_params_match", () => {
  it("passes when any call of the tool holds the params, by the scalar rule and as a subset", async () => {
    const calls = [
      { name: "search_orders", arguments: '{"order_id": "B2"}' },
      { name: "search_orders", arguments: '{"order_id": "42", "filters": {"open": true, "limit": 5}}' },
    ];
    const params = { order_id: 42, filters: { open: "true" } };
    const outcome = await runScorer("tool_params_match", { tool: "search_orders", params }, withCalls(...calls));
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: calls,
      compared: { tool: "search_orders", params },
      reason: 'tool search_orders was called with params {"order_id":42,"filters":{"open":"true"}}',
    });
  });

  it("fails naming where the closest call differs", async () => {
    const outcome = await runScorer("tool_params_match", { tool: "search_orders", params: { order_id: "A1", limit: 5 } }, withCalls(
      { name: "search_orders", arguments: { order_id: "B2" } },
      { name: "search_orders", arguments: { order_id: "B2", limit: 5 } },
    ));
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe(
      'tool search_orders was called 2 times, never with params {"order_id":"A1","limit":5}; closest call: arguments.order_id is "B2", expected "A1"',
    );
  });

  it("fails arguments that are not an object", async () => {
    const outcome = await runScorer("tool_params_match", { tool: "search_orders", params: { order_id: "A1" } }, withCalls(
      { name: "search_orders", arguments: "not json" },
    ));
    expect(outcome.evidence.reason).toBe(
      'tool search_orders was called 1 time, never with params {"order_id":"A1"}; closest call: arguments is a string "not json", expected an object',
    );
  });

  it("fails when the tool was not called", async () => {
    const outcome = await runScorer("tool_params_match", { tool: "search_orders", params: {} }, { output: "hi" });
    expect(outcome.evidence.reason).toBe("tool search_orders was not called; no tools were called");
  });

  it("refuses a config without params or a tool", () => {
    expect(configError("tool_params_match", { tool: "x" })).toBe(
      "experiments.orders.scorers[0].config.params: write the expected arguments as a mapping, e.g. params: { order_id: A1 }",
    );
    expect(configError("tool_params_match", { params: {} })).toBe(
      "experiments.orders.scorers[0].config.tool: name the tool, e.g. tool: search_orders",
    );
  });
});
