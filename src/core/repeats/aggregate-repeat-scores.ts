import type { PassRule } from "../config/scorer-ref-schema.js";
import { scoreId } from "../model/ids.js";
import type { RepeatAttempt, Score } from "../model/run-item.js";
import { passesOverRepeats } from "./repeat-rule.js";
import { sumUsage } from "./sum-usage.js";

/**
 * One score per scorer over an item's attempts, in order of first appearance: `score` the mean
 * over the attempts that scored it (a scorer limited by `when`, or an attempt whose call failed,
 * scores fewer than K), `passed` the pass rule over those attempts' flags, `error` the first
 * attempt's error when one threw, and what the scorer spent summed. The id is the one an item
 * without repeats would have, so `scores evidence` finds the aggregate by the usual id.
 */
export function aggregateRepeatScores(
  ids: { runId: string; itemId: string },
  attempts: readonly RepeatAttempt[],
  rule: PassRule,
): Score[] {
  const byScorer = new Map<string, Score[]>();
  for (const attempt of attempts) {
    for (const score of attempt.scores) {
      const scores = byScorer.get(score.scorer);
      if (scores === undefined) byScorer.set(score.scorer, [score]);
      else scores.push(score);
    }
  }
  return [...byScorer].map(([scorer, scores]) => aggregate(scoreId(ids.runId, ids.itemId, scorer), scorer, scores, rule));
}

function aggregate(id: string, scorer: string, scores: readonly Score[], rule: PassRule): Score {
  const passed = scores.filter((score) => score.passed).length;
  const mean = scores.reduce((sum, score) => sum + score.score, 0) / scores.length;
  const errors = scores.filter((score) => score.error !== undefined);
  const firstError = errors[0]?.error;
  let reason = `passed ${passed} of ${scores.length} repeats (mean score ${mean.toFixed(2)})`;
  if (firstError !== undefined) reason += `; errored in ${errors.length}: ${firstError}`;
  const usage = sumUsage(scores.map((score) => score.usage));
  const costs = scores.flatMap((score) => (score.cost === undefined ? [] : [score.cost]));
  return {
    id,
    scorer,
    // Clamped: a mean of values in [0, 1] can land a rounding step outside it.
    score: Math.min(1, Math.max(0, mean)),
    passed: passesOverRepeats(rule, passed, scores.length),
    evidence: { reason },
    ...(firstError !== undefined ? { error: firstError } : {}),
    ...(usage !== undefined ? { usage } : {}),
    ...(costs.length > 0 ? { cost: costs.reduce((sum, cost) => sum + cost, 0) } : {}),
  };
}
