import { describe, expect, it } from "vitest";
import type { RunItem } from "../../../src/core/model/run-item.js";
import { decideRepeats } from "../../../src/core/repeats/decide-repeats.js";
import { isFlaky, repeatCounts } from "../../../src/core/repeats/repeat-counts.js";
import { attempt, ITEM, RUN, threeOfFive } from "./attempts.js";

describe("repeatCounts and isFlaky", () => {
  it("counts an item's attempts and calls it flaky when they both passed and failed", () => {
    const item = decideRepeats(RUN, ITEM, threeOfFive(), { rule: "majority", repeat: 5 });
    expect(repeatCounts(item)).toEqual({ passed: 3, failed: 2, errored: 0, count: 5 });
    expect(isFlaky(item)).toBe(true);
  });

  it("does not call an item flaky for an error among passes", () => {
    const item = decideRepeats(RUN, ITEM, [attempt(0), attempt(1, { error: "timeout" }), attempt(2)], { rule: "all", repeat: 3 });
    expect(repeatCounts(item)).toEqual({ passed: 2, failed: 0, errored: 1, count: 3 });
    expect(isFlaky(item)).toBe(false);
  });

  it("counts an item without repeats as one attempt, never flaky", () => {
    const item: Pick<RunItem, "status" | "repeats"> = { status: "failed" };
    expect(repeatCounts(item)).toEqual({ passed: 0, failed: 1, errored: 0, count: 1 });
    expect(isFlaky(item)).toBe(false);
  });
});
