import type { Item } from "../model/item.js";
import type { TargetResult } from "../model/run-item.js";
import { appliesTo, weightOf } from "../scorers/modifiers.js";
import type { ResolvedScorer } from "../scorers/registry.js";
import { scoreItem, type ItemPassRule, type ScoredItem } from "../scorers/score-item.js";
import { evaluationOutcome } from "./evaluation-outcome.js";
import type { ImportRecord } from "./import-record.js";

/** Why an imported item without evaluations is an error (import without `--score`). */
export const NO_EVALUATION_IMPORTED =
  "no evaluation was imported for this item and --score was not given: nothing judged it; " +
  "add its evaluations, or import with --score to run the experiment's scorers";

/**
 * The scores of an item imported without `--score`: one per imported evaluation, named for it
 * (evaluation-outcome.ts says how each passes), and the item's status decided by `scoreItem`, the
 * one place that decides it, under the experiment's pass rule (a weighted rule weighs an
 * evaluation as the experiment weighs the scorer with its name, else 1). A score listed in
 * `scorerErrors` keeps its error and fails the item, as a scorer that errored does in a run.
 *
 * An item whose call failed (`result.error`) is an error and keeps the scores it was exported
 * with; an item with no evaluation is an error (NO_EVALUATION_IMPORTED): nobody judged it.
 */
export async function scoreImportedItem(
  record: ImportRecord,
  item: Item,
  result: TargetResult,
  experimentScorers: readonly ResolvedScorer[],
  runId: string,
  rule: ItemPassRule,
): Promise<ScoredItem> {
  const evaluations = Object.entries(record.evaluations ?? {});
  if (evaluations.length === 0 && result.error === undefined) return { status: "error", scores: [], error: NO_EVALUATION_IMPORTED };
  // No false green from a hand-made file: every scorer of the experiment that applies to the item
  // must have judged it, or nobody did (an evaluation named "q" cannot stand in for json_valid).
  const missing = experimentScorers.filter((scorer) => appliesTo(scorer.modifiers, item) && record.evaluations?.[scorer.label] === undefined);
  if (missing.length > 0 && result.error === undefined) {
    return { status: "error", scores: [], error: missingEvaluations(missing, evaluations.map(([name]) => name)) };
  }
  const weights = new Map(experimentScorers.map((scorer) => [scorer.label, weightOf(scorer.modifiers)]));
  const imported: ResolvedScorer[] = evaluations.map(([name, evaluation]) => ({
    label: name,
    name: "import",
    fn: () => evaluationOutcome(name, evaluation),
    // An evaluation the experiment has no scorer for never lifts a weighted mean; under `all` it
    // can only fail the item.
    modifiers: { weight: weights.get(name) ?? 0 },
  }));
  // scoreItem scores nothing for a failed call: that item is scored as if it had answered, then
  // stays an error (it was one when exported).
  const { error: _error, ...answered } = result;
  const scored = await scoreItem(imported, item, answered, { runId }, rule);
  const scores = scored.scores.map((score) => {
    const error = record.scorerErrors[score.scorer];
    return error === undefined ? score : { ...score, passed: false, error };
  });
  if (result.error !== undefined) return { status: "error", scores };
  const errored = scores.some((score) => score.error !== undefined);
  return { ...scored, scores, ...(errored && scored.status === "passed" ? { status: "failed" as const } : {}) };
}

function missingEvaluations(missing: readonly ResolvedScorer[], given: readonly string[]): string {
  const names = missing.map((scorer) => scorer.label).join(", ");
  const had = given.length > 0 ? given.join(", ") : "none";
  return (
    `no imported evaluation for the experiment's scorer${missing.length === 1 ? "" : "s"} ${names} (the record has ${had}): ` +
    "name evaluations after the experiment's scorers, or import with --score to run them"
  );
}
