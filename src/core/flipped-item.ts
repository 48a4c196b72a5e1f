import type { ChangedScorer, FlippedItem, ScoreSnapshot } from "./comparison.js";
import type { RunItem, Score } from "./model/run-item.js";
import { repeatCounts } from "./repeats/repeat-counts.js";

export type FlipKind = "regression" | "fix";

/** regression = passed → failed or error; fix = failed or error → passed; else undefined. */
export function flipKind(baseline: RunItem, candidate: RunItem): FlipKind | undefined {
  const before = baseline.status === "passed";
  const after = candidate.status === "passed";
  if (before && !after) return "regression";
  if (!before && after) return "fix";
  return undefined;
}

export function flippedItem(baseline: RunItem, candidate: RunItem): FlippedItem {
  return {
    item_id: candidate.item_id,
    run_item_id: candidate.id,
    baseline_status: baseline.status,
    candidate_status: candidate.status,
    input: candidate.input,
    ...(candidate.expected !== undefined ? { expected: candidate.expected } : {}),
    baseline_output: baseline.output,
    candidate_output: candidate.output,
    // An errored call was never scored: its error, not the baseline's scores, explains the flip.
    changed_scorers: candidate.status === "error" ? [] : changedScorers(baseline.scores, candidate.scores),
    ...(candidate.error !== undefined ? { candidate_error: candidate.error } : {}),
    ...(baseline.repeats !== undefined ? { baseline_repeats: passedOf(baseline) } : {}),
    ...(candidate.repeats !== undefined ? { candidate_repeats: passedOf(candidate) } : {}),
  };
}

function passedOf(item: RunItem): { passed: number; count: number } {
  const counts = repeatCounts(item);
  return { passed: counts.passed, count: counts.count };
}

/** Scorers in baseline order, then the candidate's new ones; unchanged scorers are left out. */
function changedScorers(baseline: Score[], candidate: Score[]): ChangedScorer[] {
  const candidateByName = new Map(candidate.map((score) => [score.scorer, score]));
  const baselineNames = new Set(baseline.map((score) => score.scorer));
  const changed: ChangedScorer[] = [];
  for (const before of baseline) {
    const after = candidateByName.get(before.scorer);
    if (after !== undefined && after.passed === before.passed && after.score === before.score) continue;
    changed.push(changedScorer(before.scorer, before, after));
  }
  for (const after of candidate) {
    if (!baselineNames.has(after.scorer)) changed.push(changedScorer(after.scorer, undefined, after));
  }
  return changed;
}

function changedScorer(scorer: string, before: Score | undefined, after: Score | undefined): ChangedScorer {
  return {
    scorer,
    baseline: snapshot(before),
    candidate: snapshot(after),
    reason: reasonOf(after ?? before),
  };
}

function snapshot(score: Score | undefined): ScoreSnapshot | null {
  return score === undefined ? null : { score: score.score, passed: score.passed };
}

function reasonOf(score: Score | undefined): string {
  if (score === undefined) return "";
  return score.error !== undefined ? `scorer error: ${score.error}` : score.evidence.reason;
}
