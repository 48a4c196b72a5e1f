import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

describe("equals", () => {
  it("passes when the output equals the expected text, and says so", async () => {
    const outcome = await runScorer("equals", {}, { output: "42", expected: "42" });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({ read: "42", compared: "42", reason: 'output equals expected "42"' });
  });

  it("fails with a reason naming both values", async () => {
    const outcome = await runScorer("equals", {}, { output: "41", expected: "42" });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe('output "41" does not equal expected "42"');
  });

  it("trims strings by default, and not when trim is false", async () => {
    expect((await runScorer("equals", {}, { output: " Paris\n", expected: "Paris" })).passed).toBe(true);
    expect((await runScorer("equals", { trim: false }, { output: " Paris\n", expected: "Paris" })).passed).toBe(false);
  });

  it("compares case-sensitively unless case_sensitive is false", async () => {
    expect((await runScorer("equals", {}, { output: "paris", expected: "Paris" })).passed).toBe(false);
    expect((await runScorer("equals", { case_sensitive: false }, { output: "paris", expected: "Paris" })).passed).toBe(true);
  });

  it("compares structured values by canonical JSON, whatever the key order", async () => {
    const outcome = await runScorer("equals", {}, {
      output: { b: [1, 2], a: { y: true, x: null } },
      expected: { a: { x: null, y: true }, b: [1, 2] },
    });
    expect(outcome.passed).toBe(true);
    const different = await runScorer("equals", {}, { output: { a: 1, b: [2, 1] }, expected: { a: 1, b: [1, 2] } });
    expect(different.passed).toBe(false);
  });

  it("parses a JSON string output when a number is expected, and notes it", async () => {
    const outcome = await runScorer("equals", {}, { output: "42", expected: 42 });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toContain("(output parsed as JSON)");
  });

  it("names the type mismatch when the output is text and the number differs", async () => {
    const outcome = await runScorer("equals", {}, { output: "forty-two", expected: 42 });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe('output "forty-two" does not equal expected 42 (output is a string, expected is a number)');
  });

  it("reads the expected value from another field of the item or a literal value", async () => {
    const fromField = await runScorer("equals", { field: "expected.answer" }, { output: "A1", expected: { answer: "A1" } });
    expect(fromField.passed).toBe(true);
    expect(fromField.evidence.reason).toBe('output equals expected.answer "A1"');
    const fromMetadata = await runScorer("equals", { field: "metadata.city" }, { output: "Oslo", metadata: { city: "Oslo" } });
    expect(fromMetadata.passed).toBe(true);
    const literal = await runScorer("equals", { value: "ok" }, { output: "ok" });
    expect(literal.evidence.reason).toBe('output equals value "ok"');
  });

  it("reads output_path inside an output that is a JSON string", async () => {
    const output = JSON.stringify({ answer: { city: "Oslo" }, confidence: 0.2 });
    const outcome = await runScorer("equals", { output_path: "answer.city" }, { output, expected: "Oslo" });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.read).toBe("Oslo");
    expect(outcome.evidence.reason).toBe('output.answer.city equals expected "Oslo"');
  });

  it("errors (never a pass or a plain failure) when the output path finds nothing", async () => {
    await expect(runScorer("equals", { output_path: "answer" }, { output: { reply: "x" }, expected: "x" })).rejects.toThrow(
      'the output has no value at "answer" (output_path); nothing to score',
    );
  });

  it("throws a clear error when the item has no expected value", async () => {
    await expect(runScorer("equals", {}, { output: "x" })).rejects.toThrow(
      'item has no value at "expected"; add it to the item or set value: or field: in the scorer\'s config',
    );
  });

  it("refuses value and field together", () => {
    expect(configError("equals", { value: 1, field: "expected" })).toBe(
      "experiments.orders.scorers[0].config.value: set either value (a literal) or field (a path into the item), not both",
    );
  });
});
