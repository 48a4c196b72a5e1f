import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

describe("levenshtein", () => {
  it("passes within max_distance, scoring the similarity 1 − distance / longer length", async () => {
    // kitten → sitting: substitute k→s, e→i, insert g = 3 edits; the longer text has 7 characters.
    const outcome = await runScorer("levenshtein", { max_distance: 3 }, { output: "kitten", expected: "sitting" });
    expect(outcome.passed).toBe(true);
    expect(outcome.score).toBeCloseTo(1 - 3 / 7, 12);
    expect(outcome.evidence).toEqual({
      read: "kitten",
      compared: "sitting",
      reason: "output is 3 edits from expected (similarity 0.57 over 7 characters), within max_distance 3",
    });
  });

  it("fails past max_distance", async () => {
    const outcome = await runScorer("levenshtein", { max_distance: 2, value: "sitting" }, { output: "kitten" });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe("output is 3 edits from value (similarity 0.57 over 7 characters), outside max_distance 2");
  });

  it("passes at exactly min_similarity, and shows a similarity just under it without rounding onto it", async () => {
    // "order 42" → "order 4": 1 edit over 8 characters, similarity 0.875.
    expect((await runScorer("levenshtein", { min_similarity: 0.875 }, { output: "order 4", expected: "order 42" })).passed).toBe(true);
    // 1 edit over 2000 characters: similarity 0.9995, which two decimals would show as 1.00.
    const long = "a".repeat(2000);
    const outcome = await runScorer("levenshtein", { min_similarity: 1 }, { output: `${long.slice(1)}b`, expected: long });
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toContain("(similarity 0.9995 over 2000 characters), outside min_similarity 1");
  });

  it("trims by default and folds case when asked", async () => {
    expect((await runScorer("levenshtein", { max_distance: 0 }, { output: "  Paris\n", expected: "Paris" })).score).toBe(1);
    const folded = await runScorer("levenshtein", { max_distance: 0, case_sensitive: false }, { output: "PARIS", expected: "paris" });
    expect(folded.passed).toBe(true);
    expect(folded.evidence.reason).toBe("output is 0 edits from expected (similarity 1.00 over 5 characters), within max_distance 0 (ignoring case)");
  });

  it("scores two empty texts as identical", async () => {
    expect(await runScorer("levenshtein", { max_distance: 0, value: "" }, { output: "" })).toMatchObject({ score: 1, passed: true });
  });

  it("errors on a list of expected texts: there is no single distance", async () => {
    await expect(runScorer("levenshtein", { max_distance: 1 }, { output: "a", expected: ["a", "b"] })).rejects.toThrow(
      "expected is a list of 2 texts; this scorer compares the output with one text",
    );
  });

  it("refuses a config with neither or both bounds, or a similarity outside 0..1", () => {
    expect(configError("levenshtein", {})).toBe(
      "experiments.orders.scorers[0].config.max_distance: set max_distance (edits allowed, e.g. max_distance: 3) or min_similarity (0 to 1, e.g. min_similarity: 0.8)",
    );
    expect(configError("levenshtein", { max_distance: 1, min_similarity: 0.5 })).toBe(
      "experiments.orders.scorers[0].config.max_distance: set either max_distance or min_similarity, not both",
    );
    expect(configError("levenshtein", { min_similarity: 80 })).toBe(
      "experiments.orders.scorers[0].config.min_similarity: write the least similarity as a number from 0 to 1, e.g. min_similarity: 0.8",
    );
    expect(configError("levenshtein", { max_distance: 1.5 })).toBe(
      "experiments.orders.scorers[0].config.max_distance: write the most edits allowed as a whole number, e.g. max_distance: 3",
    );
  });
});
