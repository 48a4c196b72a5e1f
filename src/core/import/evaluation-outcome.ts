import { reaches } from "../scorers/modifiers.js";
import type { ScorerOutcome } from "../scorers/scorer.js";
import { PASSING_SCORE, labelVerdict, type ArizeEvaluation } from "./arize-run-schema.js";

/**
 * An imported evaluation as a scorer's outcome. `passed`: from the label when it is a verdict word
 * (PASS_LABELS / FAIL_LABELS), else score ≥ PASSING_SCORE. `score`: as given, else 1 for a pass
 * label and 0 for a fail label. The evidence's reason is the explanation (else a sentence naming
 * the label and score); the label, when there is one, is what the evidence `read`. The evaluation
 * has been checked (read-evaluations.ts): a score or a verdict label is always there.
 */
export function evaluationOutcome(name: string, evaluation: ArizeEvaluation): ScorerOutcome {
  const verdict = evaluation.label === undefined ? undefined : labelVerdict(evaluation.label);
  const score = evaluation.score ?? (verdict === true ? 1 : 0);
  const passed = verdict ?? reaches(score, PASSING_SCORE);
  const given = [
    ...(evaluation.label !== undefined ? [`label ${JSON.stringify(evaluation.label)}`] : []),
    ...(evaluation.score !== undefined ? [`score ${evaluation.score}`] : []),
  ].join(", ");
  const reason = evaluation.explanation ?? `imported evaluation ${name}: ${given} (${passed ? "passed" : "failed"})`;
  return {
    score,
    passed,
    evidence: { ...(evaluation.label !== undefined ? { read: { label: evaluation.label } } : {}), reason },
  };
}
