import { describe, expect, it } from "vitest";
import { runItemId, scoreId } from "../../../src/core/model/ids.js";
import { RunItemSchema } from "../../../src/core/model/run-item.js";
import { decideRepeats } from "../../../src/core/repeats/decide-repeats.js";
import { attempt, ITEM, RUN, threeOfFive } from "./attempts.js";

describe("decideRepeats", () => {
  it("decides an item that passed 3 of 5 repeats by each pass rule", () => {
    const status = (rule: Parameters<typeof decideRepeats>[3]["rule"]) => decideRepeats(RUN, ITEM, threeOfFive(), { rule, repeat: 5 }).status;
    expect(status("all")).toBe("failed"); // pass^5 needs 5 of 5
    expect(status("weighted")).toBe("failed");
    expect(status("majority")).toBe("passed"); // 3 > 5 / 2
    expect(status("any")).toBe("passed");
    expect(status({ rate: 0.8 })).toBe("failed"); // 3 / 5 = 0.6 < 0.8
    expect(status({ rate: 0.6 })).toBe("passed"); // on the rate is enough
  });

  it("sums the attempts up in the run item's own fields", () => {
    const item = decideRepeats(RUN, ITEM, threeOfFive().reverse(), { rule: "majority", repeat: 5 });
    expect(RunItemSchema.parse(item)).toEqual(item);
    expect(item).toMatchObject({
      id: runItemId(RUN, ITEM.id),
      run_id: RUN,
      item_id: ITEM.id,
      status: "passed",
      input: ITEM.input,
      expected: ITEM.expected,
      metadata: ITEM.metadata,
      // The first attempt whose status is the item's: repeat 0 passed.
      output: { answer: 2 },
      latency_ms: (100 + 101 + 102 + 103 + 104) / 5,
      attempts: 5,
      usage: { input_tokens: 50, output_tokens: 25, total_tokens: 75 },
      finished_at: "2026-11-25T12:03:04.000Z",
    });
    expect(item.cost).toBeCloseTo(0.005);
    expect(item.error).toBeUndefined();
    expect(item.repeats?.map((a) => a.repeat)).toEqual([0, 1, 2, 3, 4]);
    expect(item.scores).toEqual([
      {
        id: scoreId(RUN, ITEM.id, "equals"),
        scorer: "equals",
        score: 0.6,
        passed: true,
        evidence: { reason: "passed 3 of 5 repeats (mean score 0.60)" },
      },
    ]);
  });

  it("shows a failed attempt's output when the item failed", () => {
    const item = decideRepeats(RUN, ITEM, threeOfFive(), { rule: "all", repeat: 5 });
    expect(item.status).toBe("failed");
    expect(item.output).toEqual({ answer: 3 });
    expect(item.scores[0]).toMatchObject({ score: 0.6, passed: false });
  });

  it("makes an item with fewer than K attempts an error with no scores", () => {
    const item = decideRepeats(RUN, ITEM, [attempt(0), attempt(3)], { rule: "any", repeat: 5 });
    expect(item).toMatchObject({ status: "error", error: "2 of 5 repeats done", scores: [], attempts: 2 });
    expect(item.repeats).toHaveLength(2);
  });

  it("makes an item whose attempt errored an error, not a failure, with that error", () => {
    const attempts = [attempt(0), attempt(1, { error: "HTTP 503 after 3 retries", latency_ms: 9000 }), attempt(2)];
    const item = decideRepeats(RUN, ITEM, attempts, { rule: "any", repeat: 3 });
    expect(item).toMatchObject({ status: "error", error: "HTTP 503 after 3 retries", attempts: 1 + 4 + 1 });
    // The timed-out call says nothing of the target's speed.
    expect(item.latency_ms).toBe((100 + 102) / 2);
    expect(item.output).toBeUndefined();
    expect(item.scores[0]).toMatchObject({ score: 1, passed: true, evidence: { reason: "passed 2 of 2 repeats (mean score 1.00)" } });
  });

  it("records a scorer that threw in one attempt on the aggregated score", () => {
    const attempts = [attempt(0), attempt(1)];
    attempts[1]!.status = "failed";
    attempts[1]!.scores[0] = { ...attempts[1]!.scores[0]!, score: 0, passed: false, error: "boom" };
    const [score] = decideRepeats(RUN, ITEM, attempts, { rule: "any", repeat: 2 }).scores;
    expect(score).toMatchObject({ score: 0.5, passed: true, error: "boom", evidence: { reason: "passed 1 of 2 repeats (mean score 0.50); errored in 1: boom" } });
  });

  it("refuses a repeat index twice or outside 0..K-1", () => {
    expect(() => decideRepeats(RUN, ITEM, [attempt(0), attempt(0)], { rule: "all", repeat: 2 })).toThrow(RangeError);
    expect(() => decideRepeats(RUN, ITEM, [attempt(2)], { rule: "all", repeat: 2 })).toThrow(RangeError);
    expect(() => decideRepeats(RUN, ITEM, [], { rule: "all", repeat: 2 })).toThrow(RangeError);
  });
});
