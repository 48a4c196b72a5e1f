import type { RepeatAttempt } from "../../../src/core/model/run-item.js";
import { attemptScoreId } from "../../../src/core/repeats/repeat-attempt.js";

export const RUN = "run-20261125-120301-7f3a";
export const ITEM = { id: "item-1", input: { question: "1+1" }, expected: { answer: 2 }, metadata: { doc: "a" } };

/** One attempt of ITEM: `passed` decides its `equals` score (1 or 0); `error` makes it a failed call. */
export function attempt(repeat: number, spec: { passed?: boolean; error?: string; latency_ms?: number; score?: number } = {}): RepeatAttempt {
  if (spec.error !== undefined) {
    return { repeat, status: "error", latency_ms: spec.latency_ms ?? 5000, attempts: 4, error: spec.error, scores: [], finished_at: at(repeat) };
  }
  const passed = spec.passed ?? true;
  return {
    repeat,
    status: passed ? "passed" : "failed",
    output: { answer: passed ? 2 : 3 },
    latency_ms: spec.latency_ms ?? 100 + repeat,
    attempts: 1,
    usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
    cost: 0.001,
    scores: [
      {
        id: attemptScoreId(RUN, ITEM.id, repeat, "equals"),
        scorer: "equals",
        score: spec.score ?? (passed ? 1 : 0),
        passed,
        evidence: { reason: passed ? "equal" : "3 is not 2" },
      },
    ],
    finished_at: at(repeat),
  };
}

function at(repeat: number): string {
  return `2026-11-25T12:03:0${repeat}.000Z`;
}

/** 3 of 5 pass: repeats 0, 2 and 4. */
export function threeOfFive(): RepeatAttempt[] {
  return [0, 1, 2, 3, 4].map((repeat) => attempt(repeat, { passed: repeat % 2 === 0 }));
}
