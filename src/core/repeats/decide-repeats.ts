import type { PassRule } from "../config/scorer-ref-schema.js";
import { runItemId } from "../model/ids.js";
import type { Item } from "../model/item.js";
import type { RepeatAttempt, RunItem, RunItemStatus } from "../model/run-item.js";
import { aggregateRepeatScores } from "./aggregate-repeat-scores.js";
import { passesOverRepeats } from "./repeat-rule.js";
import { sumUsage } from "./sum-usage.js";

/** How a run repeats items: K calls per item, decided by the experiment's `pass_rule`. */
export interface RepeatPlan {
  rule: PassRule;
  /** K ≥ 1. */
  repeat: number;
}

/** The error of an item whose run has not finished all its repeats (yet). */
export function partialRepeatsError(done: number, repeat: number): string {
  return `${done} of ${repeat} repeats done`;
}

/**
 * The one place an item's status over its attempts is decided; builds the run item that sums
 * them up, with `repeats` the attempts in repeat order.
 *
 * - Fewer than K attempts: the item is `error` ("2 of 5 repeats done") with no scores, so every
 *   reader (summary, comparison, gate) treats it as not evaluated; `--resume` runs the rest.
 * - Any attempt `error` (its call failed after its retries, or nothing could judge it): the item
 *   is `error` with the first attempt's error. An error is not a failure and counts against
 *   `max_error_rate`, as without repeats.
 * - Otherwise `passed` when the passed attempts satisfy the pass rule (core/repeats/repeat-rule.ts),
 *   else `failed`.
 *
 * Scores: one per scorer (core/repeats/aggregate-repeat-scores.ts). `output` and `tool_calls` are
 * the first attempt's whose status is the item's (what a reader looks at to see why), `latency_ms`
 * the mean over the attempts whose call answered (all attempts when none did), `attempts` every
 * call made, `usage` and `cost` summed, `finished_at` the last attempt's.
 * Throws RangeError for no attempts, or a repeat index twice or outside 0..K−1.
 */
export function decideRepeats(
  runId: string,
  item: Pick<Item, "id" | "input" | "expected" | "metadata">,
  attempts: readonly RepeatAttempt[],
  plan: RepeatPlan,
): RunItem {
  const ordered = checkedAttempts(attempts, plan.repeat);
  const complete = ordered.length === plan.repeat;
  const firstError = ordered.find((attempt) => attempt.status === "error");
  const status: RunItemStatus = !complete || firstError !== undefined ? "error" : decidedStatus(ordered, plan.rule);
  const error = !complete
    ? partialRepeatsError(ordered.length, plan.repeat)
    : firstError === undefined
      ? undefined
      : (firstError.error ?? `repeat ${firstError.repeat} errored`);
  const shown = ordered.find((attempt) => attempt.status === status) ?? ordered[0]!;
  const answered = ordered.filter((attempt) => attempt.status !== "error");
  const usage = sumUsage(ordered.map((attempt) => attempt.usage));
  const costs = ordered.flatMap((attempt) => (attempt.cost === undefined ? [] : [attempt.cost]));
  return {
    id: runItemId(runId, item.id),
    run_id: runId,
    item_id: item.id,
    status,
    input: item.input,
    ...(item.expected !== undefined ? { expected: item.expected } : {}),
    ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
    ...(shown.output !== undefined ? { output: shown.output } : {}),
    latency_ms: mean((answered.length > 0 ? answered : ordered).map((attempt) => attempt.latency_ms)),
    attempts: ordered.reduce((sum, attempt) => sum + attempt.attempts, 0),
    ...(shown.tool_calls ? { tool_calls: shown.tool_calls } : {}),
    ...(usage !== undefined ? { usage } : {}),
    ...(costs.length > 0 ? { cost: costs.reduce((sum, cost) => sum + cost, 0) } : {}),
    ...(error !== undefined ? { error } : {}),
    scores: complete ? aggregateRepeatScores({ runId, itemId: item.id }, ordered, plan.rule) : [],
    finished_at: ordered.map((attempt) => attempt.finished_at).reduce((last, at) => (at > last ? at : last)),
    repeats: ordered,
  };
}

function decidedStatus(attempts: readonly RepeatAttempt[], rule: PassRule): RunItemStatus {
  const passed = attempts.filter((attempt) => attempt.status === "passed").length;
  return passesOverRepeats(rule, passed, attempts.length) ? "passed" : "failed";
}

function checkedAttempts(attempts: readonly RepeatAttempt[], repeat: number): RepeatAttempt[] {
  if (attempts.length === 0) throw new RangeError("an item's repeats are decided from at least one attempt");
  const ordered = [...attempts].sort((a, b) => a.repeat - b.repeat);
  ordered.forEach((attempt, index) => {
    if (attempt.repeat >= repeat) throw new RangeError(`repeat index ${attempt.repeat} is outside 0..${repeat - 1}`);
    if (index > 0 && ordered[index - 1]!.repeat === attempt.repeat) throw new RangeError(`repeat index ${attempt.repeat} is given twice`);
  });
  return ordered;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
