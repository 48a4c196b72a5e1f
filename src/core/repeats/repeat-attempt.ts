import { runItemId, scoreId } from "../model/ids.js";
import type { Item } from "../model/item.js";
import type { RepeatAttempt, RunItem, TargetResult } from "../model/run-item.js";
import type { ScoredItem } from "../scorers/score-item.js";

/**
 * The id of a score of one attempt: `evalgate scores evidence <id>` finds each attempt's score
 * apart from the item's aggregated score (which keeps `scoreId(runId, itemId, scorer)`).
 */
export function attemptScoreId(runId: string, itemId: string, repeat: number, scorer: string): string {
  return scoreId(runId, `${itemId}#${repeat}`, scorer);
}

/**
 * What one call of the target left on a run item or an attempt: its output, latency, calls,
 * tool calls, usage, cost, and its error (a failed call, or an answer no scorer applies to).
 */
export function callFields(
  result: TargetResult,
  scored: ScoredItem,
): Pick<RepeatAttempt, "output" | "latency_ms" | "attempts" | "tool_calls" | "usage" | "cost" | "error"> {
  const error = result.error ?? scored.error;
  return {
    ...(result.output !== undefined ? { output: result.output } : {}),
    latency_ms: result.latency_ms,
    attempts: result.attempts,
    ...(result.tool_calls ? { tool_calls: result.tool_calls } : {}),
    ...(result.usage ? { usage: result.usage } : {}),
    ...(result.cost !== undefined ? { cost: result.cost } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

/** One call of the target (after its retries) and its scores, as attempt `repeat` (0-based) of the item. */
export function toRepeatAttempt(
  ids: { runId: string; itemId: string; repeat: number },
  result: TargetResult,
  scored: ScoredItem,
  finishedAt: Date,
): RepeatAttempt {
  return {
    repeat: ids.repeat,
    status: scored.status,
    ...callFields(result, scored),
    scores: scored.scores.map((score) => ({ ...score, id: attemptScoreId(ids.runId, ids.itemId, ids.repeat, score.scorer) })),
    finished_at: finishedAt.toISOString(),
  };
}

/** The attempts' score ids under another run's id: a shard's item copied into the merged run. */
export function withAttemptScoreIds(item: RunItem, runId: string): RunItem {
  if (item.repeats === undefined) return item;
  return {
    ...item,
    repeats: item.repeats.map((attempt) => ({
      ...attempt,
      scores: attempt.scores.map((score) => ({ ...score, id: attemptScoreId(runId, item.item_id, attempt.repeat, score.scorer) })),
    })),
  };
}

/**
 * The run item of one dataset item called once (no repeats, or an import): the item's own fields,
 * what the call left, and its scores, finished at `finishedAt`.
 */
export function toRunItem(runId: string, item: Item, result: TargetResult, scored: ScoredItem, finishedAt: Date): RunItem {
  return {
    id: runItemId(runId, item.id),
    run_id: runId,
    item_id: item.id,
    status: scored.status,
    input: item.input,
    ...(item.expected !== undefined ? { expected: item.expected } : {}),
    ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
    ...callFields(result, scored),
    scores: scored.scores,
    finished_at: finishedAt.toISOString(),
  };
}
