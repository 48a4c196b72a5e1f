import { describe, expect, it } from "vitest";
import { createDiffBudget } from "../../../../src/core/report/html/diff-budget.js";
import { MAX_DIFF_EDITS, outputDiff } from "../../../../src/core/report/html/output-diff.js";

describe("outputDiff", () => {
  it("marks words removed from and added to the baseline's output, whitespace and line breaks kept", () => {
    const baseline = "Your order  shipped.\nThanks, Ann";
    const candidate = "Your order has not shipped.\nThanks,  Bob";
    const diff = outputDiff(baseline, candidate)!;
    expect(diff.filter(([kind]) => kind !== 2).map(([, text]) => text).join("")).toBe(baseline);
    expect(diff.filter(([kind]) => kind !== 1).map(([, text]) => text).join("")).toBe(candidate);
    expect(diff.filter(([kind]) => kind === 2).map(([, text]) => text.trim())).toEqual(expect.arrayContaining(["has not", "Bob"]));
    expect(outputDiff("same", "same")).toBeUndefined();
  });

  it("gives no diff for outputs that differ in more words than a reader could follow", () => {
    const words = (prefix: string) => Array.from({ length: MAX_DIFF_EDITS }, (_, i) => `${prefix}${i}`).join(" ");
    expect(outputDiff(words("a"), words("b"))).toBeUndefined();
  });
});

describe("createDiffBudget", () => {
  it("diffs until the report's budget is spent, then says why the rest have none", () => {
    const budget = createDiffBudget(100);
    expect(budget.diff("a b c", "a b c")).toBeUndefined();
    expect(budget.diff("one two three four five", "one two six four five")).toHaveProperty("diff");
    expect(budget.diff("one two three four five", "one two six four five")).toHaveProperty("diff");
    expect(budget.diff("one two three", "one four three")).toEqual({
      note: "not diffed: the report spent its diff budget on the items listed before this one",
    });
  });
});
