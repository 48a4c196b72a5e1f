import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

const REFERENCE = "the cat sat on the mat";

describe("rouge_n", () => {
  it("scores the ROUGE-1 F-measure and passes at the default threshold 0.75", async () => {
    // Unigrams: the output's 6 tokens all appear in the reference's 6 except "was" → 5 matches.
    // P = 5/6, R = 5/6, F = 2PR / (P + R) = 5/6 ≈ 0.8333 ≥ 0.75.
    const outcome = await runScorer("rouge_n", {}, { output: "the cat was on the mat", expected: REFERENCE });
    expect(outcome.passed).toBe(true);
    expect(outcome.score).toBeCloseTo(5 / 6, 12);
    expect(outcome.evidence).toEqual({
      read: "the cat was on the mat",
      compared: REFERENCE,
      reason: "ROUGE-1 F-measure of output against expected is 0.83, which reaches threshold 0.75",
    });
  });

  it("scores bigrams with n: 2", async () => {
    // Output bigrams: the·cat, cat·was, was·on, on·the, the·mat; the reference's: the·cat,
    // cat·sat, sat·on, on·the, the·mat. 3 match: P = 3/5, R = 3/5, F = 0.6 < 0.75.
    const outcome = await runScorer("rouge_n", { n: 2 }, { output: "the cat was on the mat", expected: REFERENCE });
    expect(outcome.passed).toBe(false);
    expect(outcome.score).toBeCloseTo(0.6, 12);
    expect(outcome.evidence.reason).toBe("ROUGE-2 F-measure of output against expected is 0.60, which is below threshold 0.75");
  });

  it("weighs recall: a short output that matches only part of the reference", async () => {
    // "the cat sat": P = 3/3, R = 3/6, F = 2 · 1 · 0.5 / 1.5 = 2/3.
    const outcome = await runScorer("rouge_n", { threshold: 0.6, value: REFERENCE }, { output: "the cat sat" });
    expect(outcome.score).toBeCloseTo(2 / 3, 12);
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toBe("ROUGE-1 F-measure of output against value is 0.67, which reaches threshold 0.6");
  });

  it("is case-sensitive unless told otherwise", async () => {
    expect((await runScorer("rouge_n", {}, { output: "The Cat", expected: "the cat" })).score).toBe(0);
    const folded = await runScorer("rouge_n", { case_sensitive: false }, { output: "The Cat", expected: "the cat" });
    expect(folded.score).toBe(1);
    expect(folded.evidence.reason).toMatch(/ \(ignoring case\)$/);
  });

  it("scores an empty output 0, and errors on an empty reference", async () => {
    expect(await runScorer("rouge_n", {}, { output: "  ", expected: REFERENCE })).toMatchObject({ score: 0, passed: false });
    await expect(runScorer("rouge_n", {}, { output: "the cat", expected: " " })).rejects.toThrow(
      "expected is empty; ROUGE needs a reference text",
    );
  });

  it("refuses an n-gram size or threshold out of range", () => {
    expect(configError("rouge_n", { n: 0 })).toBe(
      "experiments.orders.scorers[0].config.n: write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2",
    );
    expect(configError("rouge_n", { threshold: 75 })).toBe(
      "experiments.orders.scorers[0].config.threshold: write the least F-measure that passes, from 0 to 1, e.g. threshold: 0.6",
    );
  });
});
