import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

const REFERENCE = "the cat sat on the mat";

describe("bleu", () => {
  it("takes the geometric mean of clipped 1- to 4-gram precisions", async () => {
    // Output "the cat sat on a mat" against the reference, both 6 tokens (brevity penalty 1):
    // 1-grams 5/6 (all but "a"), 2-grams 3/5 (the·cat, cat·sat, sat·on), 3-grams 2/4
    // (the·cat·sat, cat·sat·on), 4-grams 1/3 (the·cat·sat·on).
    // BLEU = (5/6 · 3/5 · 2/4 · 1/3)^(1/4) = (1/12)^(1/4) ≈ 0.5373.
    const outcome = await runScorer("bleu", {}, { output: "the cat sat on a mat", expected: REFERENCE });
    expect(outcome.score).toBeCloseTo((1 / 12) ** 0.25, 12);
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence).toEqual({
      read: "the cat sat on a mat",
      compared: REFERENCE,
      reason:
        "BLEU of output against expected is 0.54 (1-4 gram matches 5/6, 3/5, 2/4, 1/3; brevity penalty 1 " +
        "(6 tokens, reference 6)), which reaches threshold 0.5",
    });
  });

  it("smooths an order with no match and applies the brevity penalty to a short output", async () => {
    // Output "the cat on the mat" (5 tokens) against 6: 1-grams 5/5, 2-grams 3/4 (the·cat, on·the,
    // the·mat), 3-grams 1/3 (on·the·mat), 4-grams 0/2, smoothed ("exp", first zero order) to
    // 1 / (2 · 2) = 1/4. Mean = (1 · 3/4 · 1/3 · 1/4)^(1/4) = (1/16)^(1/4) = 0.5;
    // brevity penalty = e^(1 − 6/5) = e^−0.2 ≈ 0.8187; BLEU = 0.5 · e^−0.2 ≈ 0.4094.
    const outcome = await runScorer("bleu", { threshold: 0.45 }, { output: "the cat on the mat", expected: REFERENCE });
    expect(outcome.score).toBeCloseTo(0.5 * Math.exp(-0.2), 12);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.reason).toBe(
      "BLEU of output against expected is 0.41 (1-4 gram matches 5/5, 3/4, 1/3, 0/2; brevity penalty 0.8187 " +
        "(5 tokens, reference 6)), which is below threshold 0.45",
    );
  });

  it("uses only the orders a short output has (effective order)", async () => {
    // "the cat" has 1- and 2-grams only: 2/2 and 1/1, mean 1; brevity penalty e^(1 − 6/2) = e^−2.
    const outcome = await runScorer("bleu", {}, { output: "the cat", expected: REFERENCE });
    expect(outcome.score).toBeCloseTo(Math.exp(-2), 12);
    expect(outcome.evidence.reason).toContain("1-2 gram matches 2/2, 1/1");
  });

  it("clips by the best of several references and measures brevity against the closest length", async () => {
    // "the cat is here" (4 tokens) against "the cat is on the mat" (6) and "a cat is here" (4):
    // 1-grams 4/4 (the, cat, is from the first; here from the second), 2-grams 3/3, 3-grams 2/2
    // (the·cat·is; cat·is·here), 4-grams 0/1 → smoothed 1/(2 · 1) = 1/2. Closest length 4, penalty 1.
    // BLEU = (1 · 1 · 1 · 1/2)^(1/4) = 2^(−1/4) ≈ 0.8409.
    const outcome = await runScorer("bleu", {}, {
      output: "the cat is here",
      expected: ["the cat is on the mat", "a cat is here"],
    });
    expect(outcome.score).toBeCloseTo(2 ** -0.25, 12);
    expect(outcome.evidence.compared).toEqual(["the cat is on the mat", "a cat is here"]);
    expect(outcome.evidence.reason).toMatch(/^BLEU of output against 2 references in expected is 0\.84 /);
  });

  it("splits punctuation off words and folds case when asked", async () => {
    expect((await runScorer("bleu", {}, { output: "The cat sat on the mat.", expected: "the cat sat on the mat ." })).score).toBeLessThan(1);
    const folded = await runScorer("bleu", { case_sensitive: false }, { output: "The cat sat on the mat.", expected: "the cat sat on the mat ." });
    expect(folded.score).toBeCloseTo(1, 12);
  });

  it("scores a blank output 0 and errors on a blank reference", async () => {
    const blank = await runScorer("bleu", {}, { output: "", expected: REFERENCE });
    expect(blank).toMatchObject({ score: 0, passed: false });
    expect(blank.evidence.reason).toBe("BLEU of output against expected is 0.00 (the output is blank), which is below threshold 0.5");
    await expect(runScorer("bleu", {}, { output: "cat", expected: "  " })).rejects.toThrow("expected is blank; BLEU needs a reference text");
  });

  it("refuses a threshold outside 0..1", () => {
    expect(configError("bleu", { threshold: 2 })).toBe(
      "experiments.orders.scorers[0].config.threshold: write the least BLEU score that passes, from 0 to 1, e.g. threshold: 0.4",
    );
  });
});
