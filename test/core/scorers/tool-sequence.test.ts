import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

function calling(...names: string[]) {
  return { output: "done", result: { tool_calls: names.map((name) => ({ name })) } };
}

const TOOLS = ["search_orders", "refund_order"];

describe("tool_sequence", () => {
  it("in_order (the default) passes the tools in order with other calls between", async () => {
    const outcome = await runScorer("tool_sequence", { tools: TOOLS }, calling("lookup_user", "search_orders", "log", "refund_order"));
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: ["lookup_user", "search_orders", "log", "refund_order"],
      compared: { tools: TOOLS, mode: "in_order" },
      reason: "search_orders → refund_order were called in order; calls: lookup_user → search_orders → log → refund_order",
    });
  });

  it("in_order fails naming the first tool not called after the ones before it", async () => {
    const outcome = await runScorer("tool_sequence", { tools: TOOLS }, calling("refund_order", "search_orders"));
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe("refund_order was not called after search_orders; calls: refund_order → search_orders");
  });

  it("judges an answer with no tool calls as an empty sequence", async () => {
    const outcome = await runScorer("tool_sequence", { tools: TOOLS }, { output: "hi" });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe("search_orders was not called; calls: (none)");
  });

  it("exact allows no other call", async () => {
    const extra = await runScorer("tool_sequence", { tools: TOOLS, mode: "exact" }, calling("search_orders", "log", "refund_order"));
    expect(extra.passed).toBe(false);
    expect(extra.evidence.reason).toBe(
      "expected exactly search_orders → refund_order; calls: search_orders → log → refund_order",
    );
    const exact = await runScorer("tool_sequence", { tools: TOOLS, mode: "exact" }, calling("search_orders", "refund_order"));
    expect(exact.evidence.reason).toBe("search_orders → refund_order were called exactly; calls: search_orders → refund_order");
  });

  it("any_order needs each listed tool as often as it is listed, in any order", async () => {
    expect((await runScorer("tool_sequence", { tools: TOOLS, mode: "any_order" }, calling("refund_order", "search_orders"))).passed).toBe(true);
    const twice = await runScorer("tool_sequence", { tools: ["search_orders", "search_orders"], mode: "any_order" }, calling("search_orders"));
    expect(twice.passed).toBe(false);
    expect(twice.evidence.reason).toBe(
      "missing: search_orders (expected each of search_orders, search_orders, in any order); calls: search_orders",
    );
  });

  it("refuses an empty list and an unknown mode", () => {
    expect(configError("tool_sequence", { tools: [] })).toBe(
      "experiments.orders.scorers[0].config.tools: list the tools in order, e.g. tools: [search_orders, refund_order]",
    );
    expect(configError("tool_sequence", { tools: TOOLS, mode: "strict" })).toBe(
      "experiments.orders.scorers[0].config.mode: write mode: exact, in_order or any_order",
    );
  });
});
