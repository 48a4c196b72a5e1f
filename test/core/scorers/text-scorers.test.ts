import { describe, expect, it } from "vitest";
import { runScorer } from "./run-scorer.js";

describe("contains", () => {
  it("passes when the output contains the expected text", async () => {
    const outcome = await runScorer("contains", {}, { output: "Your refund is on its way.", expected: "refund" });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toMatchObject({ compared: "refund", reason: 'output contains "refund"' });
  });

  it("fails when the text is absent, and is case-sensitive", async () => {
    const outcome = await runScorer("contains", {}, { output: "REFUND issued", expected: "refund" });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe('output does not contain "refund"');
  });

  it("scores the fraction of a list contained and names the missing texts", async () => {
    const outcome = await runScorer("contains", {}, { output: "order A1 shipped", expected: ["A1", "shipped", "today", "DHL"] });
    expect(outcome.score).toBe(0.5);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe('output contains 2 of 4 expected texts; missing: "today", "DHL"');
  });

  it("with any: true, passes when one text of the list is contained", async () => {
    const outcome = await runScorer("contains", { any: true }, { output: "we ship with DHL", expected: ["UPS", "DHL"] });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence.reason).toBe('output contains "DHL" (1 of 2 expected texts)');
    const none = await runScorer("contains", { any: true }, { output: "by post", expected: ["UPS", "DHL"] });
    expect(none).toMatchObject({ score: 0, passed: false });
    expect(none.evidence.reason).toBe('output contains none of 2 expected texts: "UPS", "DHL"');
  });

  it("searches the JSON text of a structured output", async () => {
    const outcome = await runScorer("contains", { value: "A1" }, { output: { order: { id: "A1" } } });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.read).toEqual({ order: { id: "A1" } });
  });

  it("refuses an expected value that is not text", async () => {
    await expect(runScorer("contains", {}, { output: "x", expected: { a: 1 } })).rejects.toThrow(
      'expected must be a text or a list of texts; found {"a":1}',
    );
  });
});

describe("icontains", () => {
  it("ignores case and says so", async () => {
    const outcome = await runScorer("icontains", {}, { output: "REFUND issued", expected: "Refund" });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toBe('output contains "Refund" (ignoring case)');
  });

  it("fails when the text is absent in any case", async () => {
    const outcome = await runScorer("icontains", {}, { output: "credit issued", expected: "refund" });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe('output does not contain "refund" (ignoring case)');
  });
});

describe("not_contains", () => {
  it("passes when no forbidden text appears", async () => {
    const outcome = await runScorer("not_contains", { value: ["sorry", "as an AI"] }, { output: "Here is your order." });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence.reason).toBe("output contains none of 2 forbidden texts");
  });

  it("fails naming the forbidden texts found, scoring the fraction absent", async () => {
    const outcome = await runScorer("not_contains", { value: ["sorry", "as an AI", "cannot"] }, { output: "Sorry, as an AI I cannot" });
    expect(outcome.passed).toBe(false);
    expect(outcome.score).toBeCloseTo(1 / 3);
    expect(outcome.evidence.reason).toBe('output contains 2 of 3 forbidden texts: "as an AI", "cannot"');
  });
});

describe("starts_with", () => {
  it("passes when the output starts with the text, ignoring leading whitespace", async () => {
    const outcome = await runScorer("starts_with", { value: "Dear" }, { output: "\n  Dear customer," });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toBe('output starts with "Dear"');
  });

  it("fails showing how the output starts", async () => {
    const outcome = await runScorer("starts_with", { value: ["Dear", "Hello"] }, { output: "Hi there" });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe('output starts with "Hi there", not any of "Dear", "Hello"');
  });
});
