import { describe, expect, it } from "vitest";
import { scalarFromText, scalarText, valuesEqual } from "../../../src/core/scorers/scalar-equality.js";
import { runScorer } from "./run-scorer.js";

describe("the rule for comparing values across JSON types", () => {
  it("a number equals a text spelling the same JSON number, trimmed", () => {
    for (const text of ["42", " 42 ", "42\n", "42.0", "42.000", "4.2e1", "4.2E+1", "420e-1"]) {
      expect(valuesEqual(42, text), text).toBe(true);
      expect(valuesEqual(text, 42), text).toBe(true);
    }
    expect(valuesEqual(0.1, "0.10")).toBe(true);
    expect(valuesEqual(-3.5, "-3.5")).toBe(true);
  });

  it("0 equals -0, as text or as a number", () => {
    expect(valuesEqual(0, "-0")).toBe(true);
    expect(valuesEqual(-0, "0")).toBe(true);
    expect(valuesEqual(-0, 0)).toBe(true);
    expect(valuesEqual(0, "-0.0e5")).toBe(true);
  });

  it("refuses texts outside JSON's number grammar: leading zero, sign, hex, bare dot, words, empty", () => {
    for (const text of ["042", "+42", "0x2A", "42.", ".5", "4 2", "1_000", "1,000", "42abc", "Infinity", "NaN", "", "  "]) {
      expect(valuesEqual(text === ".5" ? 0.5 : 42, text), text).toBe(false);
    }
    expect(valuesEqual(Number.NaN, "NaN")).toBe(false);
    expect(valuesEqual(Number.NaN, "abc")).toBe(false);
    expect(valuesEqual(Number.POSITIVE_INFINITY, "1e400")).toBe(false);
  });

  it("a different number is a different value, whatever its spelling", () => {
    expect(valuesEqual(41, "42")).toBe(false);
    expect(valuesEqual(42, "42.0001")).toBe(false);
  });

  it("big integers compare as doubles, exactly as two JSON numbers do", () => {
    expect(valuesEqual(12345678901234567890, "12345678901234567890")).toBe(true);
    // 2^53 + 1 has no double: it reads as 2^53, in JSON as in the text.
    expect(valuesEqual(9007199254740992, "9007199254740993")).toBe(true);
    expect(valuesEqual(9007199254740992, JSON.parse("9007199254740993"))).toBe(true);
    expect(valuesEqual(9007199254740992, "9007199254740996")).toBe(false);
  });

  it("a boolean equals the text true or false in any case; null the text null, not the empty text", () => {
    expect(valuesEqual(true, "true")).toBe(true);
    expect(valuesEqual(true, " TRUE ")).toBe(true);
    expect(valuesEqual(false, "False")).toBe(true);
    expect(valuesEqual(true, "yes")).toBe(false);
    expect(valuesEqual(true, "1")).toBe(false);
    expect(valuesEqual(null, "null")).toBe(true);
    expect(valuesEqual(null, "")).toBe(false);
    expect(valuesEqual(null, "NULL")).toBe(true);
  });

  it("numbers, booleans and null never equal one another", () => {
    expect(valuesEqual(1, true)).toBe(false);
    expect(valuesEqual(0, false)).toBe(false);
    expect(valuesEqual(0, null)).toBe(false);
    expect(valuesEqual(1, "true")).toBe(false);
    expect(valuesEqual(false, "0")).toBe(false);
  });

  it("two texts compare as texts, never as numbers", () => {
    expect(valuesEqual("42", "42.0")).toBe(false);
    expect(valuesEqual("42", "42")).toBe(true);
  });

  it("applies the rule to the leaves of arrays and objects; keys and lengths must match exactly", () => {
    expect(valuesEqual({ answer: 42, ok: true, items: [1, 2] }, { answer: "42", ok: "true", items: ["1", "2.0"] })).toBe(true);
    expect(valuesEqual({ answer: 42 }, { Answer: "42" })).toBe(false);
    expect(valuesEqual({ answer: 42, extra: 1 }, { answer: "42" })).toBe(false);
    expect(valuesEqual([1, 2], ["2", "1"])).toBe(false);
    expect(valuesEqual([1], "1")).toBe(false);
    expect(valuesEqual({}, [])).toBe(false);
  });

  it("a missing value equals nothing", () => {
    expect(valuesEqual(undefined, undefined)).toBe(false);
    expect(valuesEqual(undefined, "")).toBe(false);
    expect(valuesEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });

  it("reads the scalar a text spells, and writes the canonical text of a scalar", () => {
    expect(scalarFromText(" 4.2e1 ")).toBe(42);
    expect(scalarFromText("TRUE")).toBe(true);
    expect(scalarFromText("null")).toBeNull();
    expect(scalarFromText("042")).toBeUndefined();
    expect(scalarText(42.0)).toBe("42");
    expect(scalarText(-0)).toBe("0");
    expect(scalarText(1e21)).toBe("1e+21");
    expect(scalarText(false)).toBe("false");
  });
});

describe("every scorer that compares values applies the rule", () => {
  it("equals: the number 42 equals the CSV text 42, and the JSON number 42", async () => {
    const fromCsv = await runScorer("equals", {}, { output: 42, expected: "42" });
    expect(fromCsv).toMatchObject({ score: 1, passed: true });
    expect(fromCsv.evidence.reason).toBe('output equals expected "42"');
    expect((await runScorer("equals", {}, { output: 42, expected: 42 })).passed).toBe(true);
    expect((await runScorer("equals", {}, { output: 42, expected: " 42.0 " })).passed).toBe(true);
  });

  it("equals: CSV's expected.<field> columns hold text leaves, compared by the rule", async () => {
    const outcome = await runScorer("equals", { field: "expected" }, { output: { answer: 6, shipped: false }, expected: { answer: "6", shipped: "FALSE" } });
    expect(outcome.passed).toBe(true);
  });

  it("equals: a different number is named as a different value, not a type mismatch", async () => {
    const outcome = await runScorer("equals", {}, { output: 41, expected: "42" });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe('output 41 does not equal expected "42"');
    const text = await runScorer("equals", {}, { output: 42, expected: "forty-two" });
    expect(text.evidence.reason).toBe('output 42 does not equal expected "forty-two" (output is a number, expected is a string)');
  });

  it("contains, icontains, not_contains, starts_with: a number output reads as its canonical text and holds an equal text", async () => {
    expect((await runScorer("contains", {}, { output: 42, expected: "42" })).passed).toBe(true);
    expect((await runScorer("contains", {}, { output: 42, expected: "42.0" })).passed).toBe(true);
    expect((await runScorer("contains", {}, { output: 42.0, expected: 42 })).passed).toBe(true);
    expect((await runScorer("contains", {}, { output: 1420, expected: "42" })).passed).toBe(true);
    expect((await runScorer("icontains", {}, { output: true, expected: "TRUE" })).passed).toBe(true);
    expect((await runScorer("not_contains", {}, { output: 42, expected: "4.2e1" })).passed).toBe(false);
    expect((await runScorer("starts_with", {}, { output: 42, expected: "42.0" })).passed).toBe(true);
    expect((await runScorer("starts_with", {}, { output: 4200, expected: "42" })).passed).toBe(true);
    // A text output is searched as text: "42.0" is not inside "42".
    expect((await runScorer("contains", {}, { output: "42", expected: "42.0" })).passed).toBe(false);
  });

  it("regex matches a number output's canonical text", async () => {
    expect((await runScorer("regex", { pattern: "^42$" }, { output: 42.0 })).passed).toBe(true);
  });

  it("tool_called: an argument given as a number matches the same number sent as text, and the reverse", async () => {
    const asText = { tool_calls: [{ name: "search_orders", arguments: { order_id: "42" } }] };
    expect((await runScorer("tool_called", { tool: "search_orders", arguments: { order_id: 42 } }, { output: "x", result: asText })).passed).toBe(true);
    const asNumber = { tool_calls: [{ name: "search_orders", arguments: '{"order_id": 42, "status": true}' }] };
    const outcome = await runScorer(
      "tool_called",
      { tool: "search_orders", arguments: { order_id: "42.0", status: "true" } },
      { output: "x", result: asNumber },
    );
    expect(outcome.passed).toBe(true);
    expect((await runScorer("tool_called", { tool: "search_orders", arguments: { order_id: "042" } }, { output: "x", result: asNumber })).passed).toBe(false);
  });
});
