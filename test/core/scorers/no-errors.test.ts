import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

describe("no_errors", () => {
  it("passes an answer without an error key, and text that merely mentions an error", async () => {
    const outcome = await runScorer("no_errors", {}, { output: { answer: "shipped", error: null } });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({ read: { answer: "shipped", error: null }, reason: "the output carries no error" });
    expect((await runScorer("no_errors", {}, { output: "No error occurred." })).passed).toBe(true);
    expect((await runScorer("no_errors", {}, { output: { error: "" } })).passed).toBe(true);
  });

  it("fails an object with a non-empty error, or the JSON text of one", async () => {
    const outcome = await runScorer("no_errors", {}, { output: { error: { message: "rate limited" } } });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe('the output carries an error: {"message":"rate limited"}');
    const text = await runScorer("no_errors", {}, { output: '{"error": "backend unavailable"}' });
    expect(text.passed).toBe(false);
    expect(text.evidence.reason).toBe('the output carries an error: "backend unavailable"');
  });

  it("passes an answer of tool calls only: no output carries an error", async () => {
    const calls = [{ name: "search_orders" }];
    const outcome = await runScorer("no_errors", {}, { result: { tool_calls: calls } });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence.reason).toBe("the target answered with tool calls only, and no output carries an error");
  });

  it("takes no options", () => {
    expect(configError("no_errors", { field: "error" })).toBe("experiments.orders.scorers[0].config: unknown key 'field'");
  });
});
