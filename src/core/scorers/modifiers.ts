import type { ScorerRef } from "../config/scorer-ref-schema.js";
import { getPath } from "../json-path.js";
import type { Item } from "../model/item.js";
import { formatScore } from "../stats.js";
import { valuesEqual } from "./scalar-equality.js";
import type { ScorerOutcome } from "./scorer.js";

/** What any scorer ref may add to its scorer: applied here, never inside a scorer. */
export type ScorerModifiers = Pick<ScorerRef, "not" | "weight" | "threshold" | "when">;

/**
 * 0.1 + 0.2 is 0.30000000000000004 and 0.7 * 3 / 3 is not 0.7: a score on a threshold on paper
 * reaches it here too (the gate uses the same tolerance for pass rates).
 */
const TOLERANCE = 1e-12;

/** Whether a score (or a weighted mean) reaches a threshold, within float tolerance. */
export function reaches(score: number, threshold: number): boolean {
  return score + TOLERANCE >= threshold;
}

export function modifiersOf(ref: ScorerRef): ScorerModifiers {
  const modifiers: ScorerModifiers = {};
  if (ref.not !== undefined) modifiers.not = ref.not;
  if (ref.weight !== undefined) modifiers.weight = ref.weight;
  if (ref.threshold !== undefined) modifiers.threshold = ref.threshold;
  if (ref.when !== undefined) modifiers.when = ref.when;
  return modifiers;
}

/**
 * Whether a scorer runs on this item: every `when` path must hold a value equal to the given one
 * by the scalar rule (a CSV cell "3" equals 3). A missing value equals nothing, so the scorer
 * does not run.
 */
export function appliesTo(modifiers: ScorerModifiers | undefined, item: Item): boolean {
  const when = modifiers?.when;
  if (when === undefined) return true;
  return Object.entries(when).every(([path, expected]) => valuesEqual(getPath(item, path), expected));
}

/**
 * A valid outcome with the ref's modifiers applied. `threshold` first, on the scorer's own score,
 * as a threshold in the scorer's config would be; then `not` negates that judgement as a whole:
 * `{ name: similar, threshold: 0.8, not: true }` passes when the similarity is below 0.8, and its
 * score is 1 − similarity. Errors never reach here: negation never turns an error into a pass.
 */
export function applyModifiers(outcome: ScorerOutcome, modifiers: ScorerModifiers | undefined): ScorerOutcome {
  if (modifiers === undefined) return outcome;
  let { score, passed } = outcome;
  let reason = outcome.evidence.reason;
  const { threshold } = modifiers;
  if (threshold !== undefined) {
    passed = reaches(score, threshold);
    const shown = formatScore(score, [threshold]);
    reason += passed ? `; score ${shown} reaches the threshold ${threshold}` : `; score ${shown} is below the threshold ${threshold}`;
  }
  if (modifiers.not === true) {
    score = 1 - score;
    passed = !passed;
    reason = `not: ${reason}`;
  }
  if (score === outcome.score && passed === outcome.passed && reason === outcome.evidence.reason) return outcome;
  return { ...outcome, score, passed, evidence: { ...outcome.evidence, reason } };
}

/** A scorer's weight in `pass_rule: weighted`. */
export function weightOf(modifiers: ScorerModifiers | undefined): number {
  return modifiers?.weight ?? 1;
}
