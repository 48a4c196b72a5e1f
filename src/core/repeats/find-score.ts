import type { RunItem, Score } from "../model/run-item.js";

/**
 * The score with this id in a run item: one of its own scores (an aggregate over repeats, or the
 * only attempt's), else one attempt's score (ids differ per attempt, see `attemptScoreId`).
 */
export function findScore(runItem: RunItem, scoreId: string): Score | undefined {
  const own = runItem.scores.find((score) => score.id === scoreId);
  if (own !== undefined) return own;
  for (const attempt of runItem.repeats ?? []) {
    const score = attempt.scores.find((candidate) => candidate.id === scoreId);
    if (score !== undefined) return score;
  }
  return undefined;
}
