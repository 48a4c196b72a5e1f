import { describe, expect, it } from "vitest";
import { scoreId } from "../../../src/core/model/ids.js";
import { RepeatAttemptSchema } from "../../../src/core/model/run-item.js";
import { decideRepeats } from "../../../src/core/repeats/decide-repeats.js";
import { attemptScoreId, toRepeatAttempt, withAttemptScoreIds } from "../../../src/core/repeats/repeat-attempt.js";
import { ITEM, RUN, threeOfFive } from "./attempts.js";

describe("toRepeatAttempt", () => {
  it("keeps one call's result and scores, each score with an id of its own attempt", () => {
    const score = { id: scoreId(RUN, ITEM.id, "equals"), scorer: "equals", score: 1, passed: true, evidence: { reason: "equal" } };
    const attempt = toRepeatAttempt(
      { runId: RUN, itemId: ITEM.id, repeat: 3 },
      { output: { answer: 2 }, latency_ms: 120, attempts: 2, usage: { input_tokens: 3 }, cost: 0.01 },
      { status: "passed", scores: [score] },
      new Date("2026-11-25T12:03:09.000Z"),
    );
    expect(RepeatAttemptSchema.parse(attempt)).toEqual(attempt);
    expect(attempt).toEqual({
      repeat: 3,
      status: "passed",
      output: { answer: 2 },
      latency_ms: 120,
      attempts: 2,
      usage: { input_tokens: 3 },
      cost: 0.01,
      scores: [{ ...score, id: attemptScoreId(RUN, ITEM.id, 3, "equals") }],
      finished_at: "2026-11-25T12:03:09.000Z",
    });
    expect(attemptScoreId(RUN, ITEM.id, 3, "equals")).not.toBe(attemptScoreId(RUN, ITEM.id, 2, "equals"));
    expect(attemptScoreId(RUN, ITEM.id, 3, "equals")).not.toBe(score.id);
  });

  it("records a failed call's error as the attempt's", () => {
    const attempt = toRepeatAttempt({ runId: RUN, itemId: ITEM.id, repeat: 0 }, { latency_ms: 5000, attempts: 4, error: "HTTP 503" }, { status: "error", scores: [] }, new Date(0));
    expect(attempt).toMatchObject({ status: "error", error: "HTTP 503", scores: [] });
  });

  it("re-derives the attempts' score ids under another run", () => {
    const item = decideRepeats(RUN, ITEM, threeOfFive(), { rule: "all", repeat: 5 });
    const moved = withAttemptScoreIds(item, "run-other");
    expect(moved.repeats!.map((a) => a.scores[0]!.id)).toEqual([0, 1, 2, 3, 4].map((r) => attemptScoreId("run-other", ITEM.id, r, "equals")));
  });
});
