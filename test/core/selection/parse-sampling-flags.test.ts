import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { parseRowsSpec } from "../../../src/core/selection/parse-rows-spec.js";
import {
  checkResumedSelection,
  parseSamplingFlags,
  withDrawnSeed,
} from "../../../src/core/selection/parse-sampling-flags.js";

function userErrorOf(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error("expected a UserError");
}

describe("--rows SPEC", () => {
  it("reads indexes and inclusive ranges", () => {
    expect(parseRowsSpec("0,3-5, 9")).toEqual([
      { start: 0, end: 0 },
      { start: 3, end: 5 },
      { start: 9, end: 9 },
    ]);
  });

  it.each([
    ["an empty token", "0,,3", "empty entry"],
    ["an empty spec", "", "empty entry"],
    ["a bad range", "3-", "bad range"],
    ["a range of three parts", "1-2-3", "bad range"],
    ["a start after the end", "5-3", "start is after its end"],
    ["a non-integer", "1.5", "not a whole number"],
    ["a negative row", "-1", "bad range"],
    ["a word", "abc", "not a whole number"],
  ])("refuses %s with a message naming --rows", (_what, spec, problem) => {
    const error = userErrorOf(() => parseRowsSpec(spec));
    expect(error.message).toContain("--rows");
    expect(error.message).toContain(problem);
  });
});

describe("sampling flags", () => {
  it("allow at most one mode", () => {
    const error = userErrorOf(() => parseSamplingFlags({ sample: "50", rows: "1-3" }));
    expect(error.message).toContain("sampling options are mutually exclusive");
    expect(userErrorOf(() => parseSamplingFlags({ split: "train:80", sample: "10", seed: "1" })).message).toContain(
      "sampling options are mutually exclusive",
    );
  });

  it("--seed alone changes nothing", () => {
    expect(parseSamplingFlags({ seed: "42" })).toBeUndefined();
    expect(parseSamplingFlags({})).toBeUndefined();
  });

  it("record the mode, value and seed", () => {
    expect(parseSamplingFlags({ sample: "50", seed: "42" })).toEqual({ mode: "sample", value: "50", seed: 42 });
    expect(parseSamplingFlags({ split: "test:80" })).toEqual({ mode: "split", value: "test:80" });
    expect(parseSamplingFlags({ rows: "0,3-5,9" })).toEqual({ mode: "rows", value: "0,3-5,9" });
  });

  it.each([
    [{ sample: "0" }, "--sample"],
    [{ sample: "101" }, "--sample"],
    [{ sample: "half" }, "--sample"],
    [{ split: "train:100" }, "--split"],
    [{ split: "train:0" }, "--split"],
    [{ split: "validation:20" }, "--split"],
    [{ sample: "50", seed: "x" }, "--seed"],
  ])("refuse %j naming %s", (flags, flag) => {
    expect(userErrorOf(() => parseSamplingFlags(flags)).message).toContain(flag);
  });

  it("a sample without a seed draws one when the run starts, so a resume keeps its rows", () => {
    expect(withDrawnSeed({ mode: "sample", value: "50" }, () => 0.5)).toEqual({ mode: "sample", value: "50", seed: 1073741823 });
    expect(withDrawnSeed({ mode: "sample", value: "50", seed: 3 }, () => 0.5).seed).toBe(3);
    expect(withDrawnSeed({ mode: "split", value: "train:80" }, () => 0.5)).toEqual({ mode: "split", value: "train:80" });
  });

  it("a resume may repeat the run's selection but not ask for another", () => {
    const recorded = { mode: "sample" as const, value: "50", seed: 42, selected: 4 };
    expect(() => checkResumedSelection("r1", recorded, undefined)).not.toThrow();
    expect(() => checkResumedSelection("r1", recorded, { mode: "sample", value: "50" })).not.toThrow();
    expect(userErrorOf(() => checkResumedSelection("r1", recorded, { mode: "sample", value: "50", seed: 7 })).message).toContain(
      "sample 50% (seed 42): 4 items",
    );
    expect(userErrorOf(() => checkResumedSelection("r1", undefined, { mode: "rows", value: "1" })).message).toContain("all items");
  });
});
