import { describe, expect, it } from "vitest";
import { configError, runScorer } from "./run-scorer.js";

describe("numeric_range", () => {
  it("passes a number inside the range, bounds included by default", async () => {
    const outcome = await runScorer("numeric_range", { min: 0, max: 100 }, { output: 100 });
    expect(outcome).toMatchObject({ score: 1, passed: true });
    expect(outcome.evidence).toEqual({
      read: 100,
      compared: { min: 0, max: 100, inclusive: true },
      reason: "output 100 is at least 0 and at most 100",
    });
  });

  it("excludes the bounds with inclusive: false", async () => {
    const outcome = await runScorer("numeric_range", { min: 0, max: 100, inclusive: false }, { output: 100 });
    expect(outcome).toMatchObject({ score: 0, passed: false });
    expect(outcome.evidence.reason).toBe("output 100 is not above 0 and below 100");
  });

  it("reads numeric text by the scalar rule, at an output_path too", async () => {
    const outcome = await runScorer("numeric_range", { min: 40, output_path: "total" }, { output: '{"total": " 4.2e1 "}' });
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.reason).toBe("output.total 42 is at least 40");
  });

  it("fails text that is not a number, and a leading-zero code the scalar rule does not read as one", async () => {
    const words = await runScorer("numeric_range", { max: 10 }, { output: "about 5" });
    expect(words).toMatchObject({ score: 0, passed: false });
    expect(words.evidence.reason).toBe('output "about 5" is not a number (a string); expected at most 10');
    expect((await runScorer("numeric_range", { max: 10 }, { output: "05" })).passed).toBe(false);
    expect((await runScorer("numeric_range", { max: 10 }, { output: true })).evidence.reason).toBe(
      "output true is not a number (a boolean); expected at most 10",
    );
  });

  it("never passes a missing value: a path with nothing at it is the scorer's error", async () => {
    await expect(runScorer("numeric_range", { min: 0, output_path: "total" }, { output: { count: 1 } })).rejects.toThrow(
      'the output has no value at "total" (output_path)',
    );
  });

  it("refuses a config with no bound, an empty range, or a bound that is not a number", () => {
    expect(configError("numeric_range", {})).toBe(
      "experiments.orders.scorers[0].config.min: set min, max or both, e.g. min: 0, max: 100",
    );
    expect(configError("numeric_range", { min: 5, max: 1 })).toBe(
      "experiments.orders.scorers[0].config.min: min 5 and max 1 leave no number in the range; write min below max",
    );
    expect(configError("numeric_range", { min: 5, max: 5, inclusive: false })).toContain("leave no number in the range");
    expect(configError("numeric_range", { max: "ten" })).toBe(
      "experiments.orders.scorers[0].config.max: write the upper bound as a number, e.g. max: 100",
    );
  });
});
