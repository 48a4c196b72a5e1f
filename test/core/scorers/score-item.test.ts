import { describe, expect, it } from "vitest";
import type { Item } from "../../../src/core/model/item.js";
import { scoreId } from "../../../src/core/model/ids.js";
import type { TargetResult } from "../../../src/core/model/run-item.js";
import { ScoreSchema } from "../../../src/core/model/run-item.js";
import { EVIDENCE_TEXT_LIMIT } from "../../../src/core/scorers/evidence-values.js";
import { resolveScorers, type ResolvedScorer } from "../../../src/core/scorers/registry.js";
import { PASS_ALL, passRuleOf, scoreItem } from "../../../src/core/scorers/score-item.js";
import type { ScoreFn } from "../../../src/core/scorers/scorer.js";

const item: Item = { id: "item-7", input: { question: "Where is A1?" }, expected: "shipped" };
const result: TargetResult = {
  output: "Order A1 is shipped",
  latency_ms: 120,
  attempts: 1,
  tool_calls: [{ name: "search_orders", arguments: '{"order_id":"A1"}' }],
};

function builtins(): ResolvedScorer[] {
  return resolveScorers(
    [
      { name: "contains", label: "contains", config: {} },
      { name: "tool_called", label: "searched", config: { tool: "search_orders", arguments: { order_id: "A1" } } },
    ],
    "experiments.orders.scorers",
  );
}

function custom(label: string, fn: ScoreFn): ResolvedScorer {
  return { label, name: "custom", fn };
}

describe("scoreItem", () => {
  it("passes an item when every scorer passes, with stable score ids", async () => {
    const scored = await scoreItem(builtins(), item, result, { runId: "run-1" });
    expect(scored.status).toBe("passed");
    expect(scored.scores.map((score) => [score.id, score.scorer, score.passed])).toEqual([
      [scoreId("run-1", "item-7", "contains"), "contains", true],
      [scoreId("run-1", "item-7", "searched"), "searched", true],
    ]);
    for (const score of scored.scores) expect(() => ScoreSchema.parse(score)).not.toThrow();
  });

  it("fails an item when one scorer fails", async () => {
    const scored = await scoreItem(builtins(), item, { ...result, tool_calls: [] }, { runId: "run-1" });
    expect(scored.status).toBe("failed");
    expect(scored.scores.map((score) => score.passed)).toEqual([true, false]);
  });

  it("makes a failed target call an error item and runs no scorer", async () => {
    let calls = 0;
    const counting = custom("counting", () => {
      calls += 1;
      return { score: 1, passed: true, evidence: { reason: "ran" } };
    });
    const scored = await scoreItem([counting], item, { ...result, output: undefined, error: "HTTP 503" }, { runId: "run-1" });
    expect(scored).toEqual({ status: "error", scores: [] });
    expect(calls).toBe(0);
  });

  it("records a throwing scorer as that scorer's error while the others still score", async () => {
    const throwing = custom("judge", () => {
      throw new Error("judge model unreachable");
    });
    const [contains, searched] = builtins();
    const scored = await scoreItem([contains!, throwing, searched!], item, result, { runId: "run-1" });
    expect(scored.status).toBe("failed");
    expect(scored.scores.map((score) => score.scorer)).toEqual(["contains", "judge", "searched"]);
    expect(scored.scores[0]!.passed).toBe(true);
    expect(scored.scores[2]!.passed).toBe(true);
    expect(scored.scores[1]).toEqual({
      id: scoreId("run-1", "item-7", "judge"),
      scorer: "judge",
      score: 0,
      passed: false,
      evidence: { reason: "scorer judge (custom) threw: judge model unreachable" },
      error: "judge model unreachable",
    });
  });

  it("records a built-in scorer's error on an item with no expected value", async () => {
    const scored = await scoreItem(builtins(), { id: "no-expected", input: "x" }, result, { runId: "run-1" });
    expect(scored.scores[0]!.error).toBe(
      'item has no value at "expected"; add it to the item or set value: or field: in the scorer\'s config',
    );
    expect(scored.scores[1]!.passed).toBe(true);
  });

  it("awaits an async scorer and records a rejected one as an error", async () => {
    const slowPass = custom("slow", async () => ({ score: 0.5, passed: true, evidence: { reason: "half" } }));
    const rejecting = custom("rejecting", () => Promise.reject("plain string rejection"));
    const scored = await scoreItem([slowPass, rejecting], item, result, { runId: "run-1" });
    expect(scored.scores[0]).toMatchObject({ score: 0.5, passed: true, evidence: { reason: "half" } });
    expect(scored.scores[1]).toMatchObject({ passed: false, error: "plain string rejection" });
  });

  it("refuses a score outside 0..1 or NaN as the scorer's error", async () => {
    const tooHigh = custom("high", () => ({ score: 1.5, passed: true, evidence: { reason: "?" } }));
    const notANumber = custom("nan", () => ({ score: Number.NaN, passed: false, evidence: { reason: "?" } }));
    const scored = await scoreItem([tooHigh, notANumber], item, result, { runId: "run-1" });
    expect(scored.status).toBe("failed");
    expect(scored.scores[0]).toMatchObject({ score: 0, passed: false, error: "score 1.5 is not a number between 0 and 1" });
    expect(scored.scores[0]!.evidence.reason).toBe(
      "scorer high (custom) returned an invalid result: score 1.5 is not a number between 0 and 1",
    );
    expect(scored.scores[1]).toMatchObject({ score: 0, error: "score NaN is not a number between 0 and 1" });
  });

  it("cuts a huge output in the evidence and says how much was left out", async () => {
    const huge = "x".repeat(50_000);
    const [scorer] = resolveScorers([{ name: "json_valid", label: "json_valid", config: {} }], "x");
    const scored = await scoreItem([scorer!], item, { ...result, output: huge }, { runId: "run-1" });
    const read = scored.scores[0]!.evidence.read as string;
    expect(read.length).toBeLessThan(EVIDENCE_TEXT_LIMIT + 50);
    expect(read.endsWith(`… (${50_000 - EVIDENCE_TEXT_LIMIT} more characters)`)).toBe(true);
  });

  it("scores thousands of items a second with built-in scorers", async () => {
    const scorers = resolveScorers(
      [
        { name: "json_schema", label: "schema", config: { schema: { type: "object", required: ["status"] } } },
        { name: "equals", label: "equals", config: { output_path: "status", value: "shipped" } },
        { name: "regex", label: "regex", config: { pattern: "ship+ed", flags: "i" } },
      ],
      "x",
    );
    const structured = { ...result, output: '{"status":"shipped","order":"A1"}' };
    const started = performance.now();
    for (let index = 0; index < 3_000; index += 1) {
      const scored = await scoreItem(scorers, { ...item, id: `item-${index}` }, structured, { runId: "run-1" });
      if (scored.status !== "passed") throw new Error(JSON.stringify(scored));
    }
    // A generous bound: this takes about a second, mostly the regex's and the schema's time limits
    // (a vm call of ~0.2 ms each); it guards against per-call compiling.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ["not_contains", { value: ["I'm sorry"] }],
    ["regex", { pattern: "^(?!.*sorry).*$" }],
    ["contains", { value: "x" }],
    ["icontains", { value: "x" }],
    ["starts_with", { value: "x" }],
    ["equals", { value: "x" }],
    ["json_valid", {}],
    ["json_schema", { schema: { type: "object" } }],
  ])("%s never passes an item whose output has nothing at output_path", async (name, config) => {
    const [scorer] = resolveScorers([{ name, label: name, config: { ...config, output_path: "answer" } }], "experiments.e.scorers");
    const scored = await scoreItem([scorer!], item, { output: { reply: "x" }, latency_ms: 1, attempts: 1 }, { runId: "run-1" });
    expect(scored.status).toBe("failed");
    expect(scored.scores[0]).toMatchObject({ passed: false, score: 0, error: 'the output has no value at "answer" (output_path); nothing to score' });
  });

  it("refuses evidence that could not be stored (nested thousands deep, or containing itself) as the scorer's error", async () => {
    let deep: unknown = "bottom";
    for (let level = 0; level < 5_000; level += 1) deep = [deep];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const nested = custom("deep", () => ({ score: 1, passed: true, evidence: { read: deep, reason: "ok" } }));
    const looping = custom("cyclic", () => ({ score: 1, passed: true, evidence: { read: cyclic, reason: "ok" } }));
    const scored = await scoreItem([nested, looping], item, result, { runId: "run-1" });
    expect(scored.scores.map((score) => score.error)).toEqual([
      "evidence nests deeper than 256 levels or contains itself; it could not be stored",
      "evidence nests deeper than 256 levels or contains itself; it could not be stored",
    ]);
    expect(() => JSON.stringify(scored)).not.toThrow();
  });

  it("a JSON string output nested thousands deep is never parsed into evidence", async () => {
    const deepText = `{"answer": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const scorers = resolveScorers(
      [
        { name: "equals", label: "equals", config: { output_path: "answer", value: [] } },
        { name: "json_schema", label: "json_schema", config: { schema: { type: "object" } } },
        { name: "json_valid", label: "json_valid", config: {} },
        { name: "tool_called", label: "tool_called", config: { tool: "search", arguments: { q: 1 } } },
      ],
      "x",
    );
    const deepArguments = { ...result, output: deepText, tool_calls: [{ name: "search", arguments: deepText }] };
    const scored = await scoreItem(scorers, item, deepArguments, { runId: "run-1" });
    expect(scored.scores.map((score) => [score.scorer, score.passed, score.error])).toEqual([
      ["equals", false, "the output is JSON text, but it nests deeper than 128 levels; nothing to score"],
      ["json_schema", false, "output is JSON text, but it nests deeper than 128 levels; too deep to validate"],
      ["json_valid", true, undefined],
      ["tool_called", false, undefined],
    ]);
    expect(() => JSON.stringify(scored)).not.toThrow();
  });
});

describe("passRuleOf", () => {
  it("weighs scorers within a call only under weighted; the repeat rules ask every scorer of a call to pass", () => {
    expect(passRuleOf({ pass_rule: "weighted", item_threshold: 0.7 })).toEqual({ pass_rule: "weighted", item_threshold: 0.7 });
    expect(passRuleOf({ pass_rule: "weighted" })).toEqual({ pass_rule: "weighted", item_threshold: 0.5 });
    for (const rule of ["all", "majority", "any", { rate: 0.8 }] as const) {
      expect(passRuleOf({ pass_rule: rule, item_threshold: 0.7 })).toEqual(PASS_ALL);
    }
  });
});
