import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

const FENCED = 'Here is the order:\n```json\n{"id": "A1", "note": "use {braces} and \\"quotes\\"", "items": [1, 2]}\n```\nAnything else?';

describe("contains_json", () => {
  it("finds a JSON object in a fenced block, braces inside its strings notwithstanding", async () => {
    const outcome = await runScorer("contains_json", {}, { output: FENCED });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: FENCED,
      reason: 'output contains JSON {"id":"A1","note":"use {braces} and \\"quotes\\"","items":[1,2]}',
    });
  });

  it("finds JSON inside prose after stray brackets, and counts the values found", async () => {
    const outcome = await runScorer("contains_json", {}, { output: "Step [1 of 2]: {oops} then {\"ok\": true} and [3]." });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toBe('output contains JSON {"ok":true} (and 1 more)');
  });

  it("reads past many short bracketed spans such as citations", async () => {
    const output = `${"As shown [1], ".repeat(500)}the order is {"id": "A1"}.`;
    expect((await runScorer("contains_json", { value: { id: "A1" } }, { output })).passed).toBe(true);
  });

  it("fails text with no JSON object or array: a bare number is not one", async () => {
    const outcome = await runScorer("contains_json", {}, { output: "The answer is 42 {not json}" });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe("output contains no JSON object or array");
    expect((await runScorer("contains_json", {}, { output: 42 })).passed).toBe(false);
  });

  it("passes a structured output as JSON itself", async () => {
    expect((await runScorer("contains_json", {}, { output: { id: "A1" } })).passed).toBe(true);
  });

  it("with value, needs a JSON value holding it as a subset", async () => {
    const outcome = await runScorer("contains_json", { value: { id: "A1", items: [1, 2] } }, { output: FENCED });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.compared).toEqual({ id: "A1", items: [1, 2] });
    expect(outcome.evidence.reason).toMatch(/^output contains JSON holding value: \{"id":"A1"/);
  });

  it("with field, fails naming where the closest JSON value differs", async () => {
    const outcome = await runScorer("contains_json", { field: "expected" }, {
      output: 'First {"id": "B2", "status": "open"}, then {"status": "shipped"}.',
      expected: { id: "A1", status: "open" },
    });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe(
      'output contains 2 JSON values, none holding expected; closest {"id":"B2","status":"open"}: json.id is "B2", expected "A1"',
    );
  });

  it("refuses both value and field", () => {
    expect(configError("contains_json", { value: { id: 1 }, field: "expected" })).toBe(
      "experiments.orders.scorers[0].config.value: set either value (a literal) or field (a path into the item), not both",
    );
  });
});
