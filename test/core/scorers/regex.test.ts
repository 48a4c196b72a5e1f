import { describe, expect, it } from "vitest";
import { resolveScorers } from "../../../src/core/scorers/registry.js";
import { scoreItem } from "../../../src/core/scorers/score-item.js";
import { configError, runScorer } from "./run-scorer.js";

describe("regex", () => {
  it("passes on a match and quotes the matched text", async () => {
    const outcome = await runScorer("regex", { pattern: "order [A-Z][0-9]+" }, { output: "I found order B12 for you" });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toMatchObject({
      compared: "/order [A-Z][0-9]+/",
      reason: 'output matches /order [A-Z][0-9]+/ at "order B12"',
    });
  });

  it("fails when nothing matches", async () => {
    const outcome = await runScorer("regex", { pattern: "^\\d+$" }, { output: "12a" });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe("output does not match /^\\d+$/");
  });

  it("applies flags", async () => {
    expect((await runScorer("regex", { pattern: "^yes$" }, { output: "YES" })).passed).toBe(false);
    const outcome = await runScorer("regex", { pattern: "^yes$", flags: "i" }, { output: "YES" });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.compared).toBe("/^yes$/i");
  });

  it("gives the same verdict on every item with the g flag", async () => {
    const [scorer] = resolveScorers([{ name: "regex", label: "regex", config: { pattern: "ok", flags: "g" } }], "x");
    const item = { id: "1", input: null };
    const result = { output: "ok", latency_ms: 1, attempts: 1 };
    const verdicts = [];
    for (let call = 0; call < 3; call += 1) verdicts.push((await scorer!.fn({ item, result })).passed);
    expect(verdicts).toEqual([true, true, true]);
  });

  it("matches the JSON text of a structured output, or a value under output_path", async () => {
    expect((await runScorer("regex", { pattern: '"status":"shipped"' }, { output: { status: "shipped" } })).passed).toBe(true);
    const outcome = await runScorer("regex", { pattern: "^A\\d$", output_path: "order.id" }, { output: '{"order":{"id":"A1"}}' });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.read).toBe("A1");
  });

  it("refuses a bad pattern or bad flags at config time, naming the field", () => {
    expect(configError("regex", { pattern: "(unclosed" })).toMatch(
      /^experiments\.orders\.scorers\[0\]\.config\.pattern: not a valid regular expression \(.*Unterminated group\)/,
    );
    expect(configError("regex", { pattern: "a", flags: "x" })).toBe(
      'experiments.orders.scorers[0].config.flags: flags are letters among d, g, i, m, s, u, v, y, e.g. flags: "i"',
    );
    expect(configError("regex", {})).toBe(
      'experiments.orders.scorers[0].config.pattern: write the regular expression, e.g. pattern: "^order [0-9]+$"',
    );
  });

  it("stops a catastrophically backtracking match after the default 100 ms: the item errors, the next one is scored", async () => {
    const scorers = resolveScorers([{ name: "regex", label: "all-a", config: { pattern: "^(a+)+$" } }], "x");
    const item = { id: "1", input: null };
    const started = performance.now();
    const stuck = await scoreItem(scorers, item, { output: "a".repeat(40) + "!", latency_ms: 1, attempts: 1 }, { runId: "r" });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(stuck.status).toBe("failed");
    expect(stuck.scores[0]).toMatchObject({
      passed: false,
      error: expect.stringMatching(/^regex timed out after 100 ms on a 41-character output; simplify the pattern/),
    });
    const next = await scoreItem(scorers, item, { output: "aaaa", latency_ms: 1, attempts: 1 }, { runId: "r" });
    expect(next.status).toBe("passed");
  });

  it("takes its time limit from timeout", async () => {
    await expect(runScorer("regex", { pattern: "^(a+)+$", timeout: "20ms" }, { output: "a".repeat(40) + "!" })).rejects.toThrow(
      "regex timed out after 20 ms on a 41-character output",
    );
    expect(configError("regex", { pattern: "a", timeout: 100 })).toBe(
      'experiments.orders.scorers[0].config.timeout: write a duration with a unit, e.g. "30s" or "500ms"',
    );
  });
});
