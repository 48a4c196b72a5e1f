import { MAX_JSON_DEPTH, nestingExceeds } from "../json-depth.js";
import type { Item } from "../model/item.js";
import { scoreId } from "../model/ids.js";
import type { RunItemStatus, Score, TargetResult, Usage } from "../model/run-item.js";
import type { ExperimentConfig } from "../config/schema.js";
import { DEFAULT_ITEM_THRESHOLD } from "../config/scorer-ref-schema.js";
import { appliesTo, applyModifiers, reaches, weightOf } from "./modifiers.js";
import type { ResolvedScorer } from "./registry.js";
import { ScorerErrorAfterSpending, type ScorerInput, type ScorerOutcome } from "./scorer.js";

export interface ScoredItem {
  status: RunItemStatus;
  scores: Score[];
  /** Why the item is an error although its target answered (no scorer applies to it). */
  error?: string;
}

/**
 * How one call's scores decide its status: the within-attempt part of the experiment's
 * `pass_rule` and `item_threshold`. Across repeats the rule is applied by core/repeats/.
 */
export type ItemPassRule = { pass_rule: "all" } | { pass_rule: "weighted"; item_threshold: number };

export const PASS_ALL: ItemPassRule = { pass_rule: "all" };

/**
 * `weighted` weighs the scorers of one call; every other rule (`all`, and `majority`, `any`,
 * `rate >= x`, which count repeats) asks every scorer of one call to pass
 * (core/config/scorer-ref-schema.ts).
 */
export function passRuleOf(experiment: Pick<ExperimentConfig, "pass_rule" | "item_threshold">): ItemPassRule {
  return experiment.pass_rule === "weighted"
    ? { pass_rule: "weighted", item_threshold: experiment.item_threshold ?? DEFAULT_ITEM_THRESHOLD }
    : PASS_ALL;
}

/**
 * Scores one item with every scorer whose `when` matches it, and decides its status: the one
 * place an item's pass or fail is decided. A failed target call makes the item an error and
 * nothing is scored. A scorer that throws, or answers something that is not a score, is recorded
 * as that scorer's error on this item (score 0, not passed): one bad scorer never stops the run,
 * and fails the item under every pass rule (an error is not a low score).
 *
 * An item no scorer applies to is an error, never a pass: nobody judged it (no false green).
 */
export async function scoreItem(
  scorers: readonly ResolvedScorer[],
  item: Item,
  result: TargetResult,
  ids: { runId: string; signal?: AbortSignal },
  rule: ItemPassRule = PASS_ALL,
): Promise<ScoredItem> {
  if (result.error !== undefined) return { status: "error", scores: [] };
  const applicable = scorers.filter((scorer) => appliesTo(scorer.modifiers, item));
  if (applicable.length === 0) return { status: "error", scores: [], error: NO_SCORER_APPLIES };
  const scores: Score[] = [];
  const input = { item, result, runId: ids.runId, ...(ids.signal ? { signal: ids.signal } : {}) };
  for (const scorer of applicable) {
    scores.push(await runScorer(scorer, input, scoreId(ids.runId, item.id, scorer.label)));
  }
  return decideItemStatus(applicable, scores, rule);
}

const NO_SCORER_APPLIES =
  "no scorer applies to this item: the when of every scorer excludes it; give the item scorers of its own or widen a when";

/**
 * `all`: every scorer passes. `weighted`: no scorer errored and the weighted mean score reaches
 * `item_threshold` (weights from the refs, default 1); with every weight 0 nothing decides the
 * item, so it is an error rather than a pass by default.
 */
function decideItemStatus(scorers: readonly ResolvedScorer[], scores: Score[], rule: ItemPassRule): ScoredItem {
  if (rule.pass_rule === "all" || scores.some((score) => score.error !== undefined)) {
    return { status: scores.every((score) => score.passed) ? "passed" : "failed", scores };
  }
  let total = 0;
  let weighted = 0;
  scores.forEach((score, index) => {
    const weight = weightOf(scorers[index]!.modifiers);
    total += weight;
    weighted += weight * score.score;
  });
  if (total === 0) {
    return { status: "error", scores, error: "every scorer that applies to this item has weight 0, so nothing decides it under pass_rule: weighted" };
  }
  return { status: reaches(weighted / total, rule.item_threshold) ? "passed" : "failed", scores };
}

async function runScorer(scorer: ResolvedScorer, input: ScorerInput, id: string): Promise<Score> {
  let outcome: ScorerOutcome;
  try {
    outcome = await scorer.fn(input);
  } catch (error) {
    const spent = error instanceof ScorerErrorAfterSpending ? error.spent : {};
    return { ...erroredScore(id, scorer, errorMessage(error), "threw"), ...definedSpending(spent) };
  }
  const problem = outcomeProblem(outcome);
  if (problem !== undefined) return erroredScore(id, scorer, problem, "returned an invalid result");
  outcome = applyModifiers(outcome, scorer.modifiers);
  return {
    id,
    scorer: scorer.label,
    score: outcome.score,
    passed: outcome.passed,
    evidence: outcome.evidence,
    ...(outcome.usage !== undefined ? { usage: outcome.usage } : {}),
    ...(outcome.cost !== undefined ? { cost: outcome.cost } : {}),
  };
}

/**
 * Evidence quotes values (an item's expected value, the output) that may each nest up to
 * MAX_JSON_DEPTH, a level or two down; past this the store's JSON.stringify could overflow.
 */
const MAX_EVIDENCE_DEPTH = 2 * MAX_JSON_DEPTH;

/** The store and the summary trust a score in [0, 1] with a storable reason: anything else is refused here. */
function outcomeProblem(outcome: unknown): string | undefined {
  if (outcome === null || typeof outcome !== "object") return `expected { score, passed, evidence }, got ${String(outcome)}`;
  const { score, passed, evidence } = outcome as Partial<ScorerOutcome>;
  if (typeof score !== "number" || Number.isNaN(score) || score < 0 || score > 1) {
    return `score ${String(score)} is not a number between 0 and 1`;
  }
  if (typeof passed !== "boolean") return `passed ${String(passed)} is not true or false`;
  if (evidence === null || typeof evidence !== "object" || typeof evidence.reason !== "string") {
    return "evidence has no reason";
  }
  if (nestingExceeds(evidence, MAX_EVIDENCE_DEPTH)) {
    return `evidence nests deeper than ${MAX_EVIDENCE_DEPTH} levels or contains itself; it could not be stored`;
  }
  return undefined;
}

function definedSpending(spent: { usage?: Usage; cost?: number }): Pick<Score, "usage" | "cost"> {
  return { ...(spent.usage !== undefined ? { usage: spent.usage } : {}), ...(spent.cost !== undefined ? { cost: spent.cost } : {}) };
}

function erroredScore(id: string, scorer: ResolvedScorer, message: string, what: string): Score {
  return {
    id,
    scorer: scorer.label,
    score: 0,
    passed: false,
    evidence: { reason: `scorer ${scorer.label} (${scorer.name}) ${what}: ${message}` },
    error: message,
  };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : String(error);
}
