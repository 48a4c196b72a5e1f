import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

const ORDER = { id: "A1", status: "shipped", customer: { id: 42, name: "Ada" }, items: [{ sku: "X", qty: 1 }, { sku: "Y", qty: 2 }] };

describe("json_match", () => {
  it("passes when the output holds every expected key, recursively, ignoring extra keys", async () => {
    const expected = { id: "A1", customer: { id: 42 } };
    const outcome = await runScorer("json_match", {}, { output: JSON.stringify(ORDER), expected });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: JSON.stringify(ORDER),
      compared: expected,
      reason: 'output holds expected {"id":"A1","customer":{"id":42}}',
    });
  });

  it("compares leaves by the scalar rule: the CSV text \"42\" matches the number 42", async () => {
    const outcome = await runScorer("json_match", {}, { output: ORDER, expected: { customer: { id: "42" }, status: "shipped" } });
    expect(outcome.passed).toBe(true);
  });

  it("fails naming each path that differs or is missing", async () => {
    const outcome = await runScorer("json_match", { value: { id: "B2", customer: { email: "a@b" }, status: "shipped" } }, { output: ORDER });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe(
      'output does not hold value: output.id is "A1", expected "B2"; output.customer.email is missing (expected "a@b")',
    );
  });

  it("matches arrays element by element, or in any order with array: subset", async () => {
    const expected = { items: [{ sku: "Y" }] };
    const ordered = await runScorer("json_match", {}, { output: ORDER, expected });
    expect(ordered.passed).toBe(false);
    expect(ordered.evidence.reason).toBe(
      "output does not hold expected: output.items has 2 elements, expected 1 element (in order; array: subset accepts any order and extra elements)",
    );
    expect((await runScorer("json_match", { array: "subset" }, { output: ORDER, expected })).passed).toBe(true);
    const swapped = { items: [{ sku: "Y", qty: 2 }, { sku: "X", qty: 1 }] };
    const wrongOrder = await runScorer("json_match", {}, { output: ORDER, expected: swapped });
    expect(wrongOrder.evidence.reason).toBe(
      'output does not hold expected: output.items[0].sku is "X", expected "Y"; output.items[0].qty is 1, expected 2; ' +
        'output.items[1].sku is "Y", expected "X"; and 1 more',
    );
    expect((await runScorer("json_match", { array: "subset" }, { output: ORDER, expected: swapped })).passed).toBe(true);
  });

  it("gives each expected element its own output element under array: subset", async () => {
    const outcome = await runScorer("json_match", { array: "subset", value: [1, 1] }, { output: [1, 2] });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe("output does not hold value: output has no element matching 1 (expected element 1)");
    // {a:1} fits both output elements, {b:2} only the first: an assignment exists, and is found.
    const assigned = await runScorer("json_match", { array: "subset", value: [{ a: 1 }, { b: 2 }] }, { output: [{ a: 1, b: 2 }, { a: 1 }] });
    expect(assigned.passed).toBe(true);
  });

  it("reads the value at output_path, and an expected object written as JSON text (a CSV cell)", async () => {
    const outcome = await runScorer("json_match", { output_path: "order" }, { output: { order: ORDER }, expected: '{"status": "shipped"}' });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toBe('output.order holds expected {"status":"shipped"}');
  });

  it("fails an output that is not JSON, quoting the parser", async () => {
    const outcome = await runScorer("json_match", { value: { id: "A1" } }, { output: "The order A1 shipped." });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toMatch(/^output is not JSON: /);
  });

  it("fails an output of another type", async () => {
    const outcome = await runScorer("json_match", { value: { id: "A1" } }, { output: "[1]" });
    expect(outcome.evidence.reason).toBe("output does not hold value: output is an array [1], expected an object");
  });

  it("refuses an unknown array rule and both value and field", () => {
    expect(configError("json_match", { array: "any" })).toBe(
      "experiments.orders.scorers[0].config.array: write array: ordered (element by element) or array: subset (any order)",
    );
    expect(configError("json_match", { value: {}, field: "expected" })).toBe(
      "experiments.orders.scorers[0].config.value: set either value (a literal) or field (a path into the item), not both",
    );
  });
});
