import { MAX_JSON_DEPTH, nestingExceeds } from "../json-depth.js";
import type { Item } from "../model/item.js";
import { scoreId } from "../model/ids.js";
import type { RunItemStatus, Score, TargetResult } from "../model/run-item.js";
import type { ResolvedScorer } from "./registry.js";
import type { ScorerOutcome } from "./scorer.js";

export interface ScoredItem {
  status: RunItemStatus;
  scores: Score[];
}

/**
 * Scores one item with every scorer. A failed target call makes the item an error and nothing is
 * scored. A scorer that throws, or answers something that is not a score, is recorded as that
 * scorer's error on this item (score 0, not passed): one bad scorer never stops the run.
 */
export async function scoreItem(
  scorers: readonly ResolvedScorer[],
  item: Item,
  result: TargetResult,
  ids: { runId: string },
): Promise<ScoredItem> {
  if (result.error !== undefined) return { status: "error", scores: [] };
  const scores: Score[] = [];
  for (const scorer of scorers) {
    scores.push(await runScorer(scorer, item, result, scoreId(ids.runId, item.id, scorer.label)));
  }
  const status = scores.every((score) => score.passed) ? "passed" : "failed";
  return { status, scores };
}

async function runScorer(scorer: ResolvedScorer, item: Item, result: TargetResult, id: string): Promise<Score> {
  let outcome: ScorerOutcome;
  try {
    outcome = await scorer.fn({ item, result });
  } catch (error) {
    return erroredScore(id, scorer, errorMessage(error), "threw");
  }
  const problem = outcomeProblem(outcome);
  if (problem !== undefined) return erroredScore(id, scorer, problem, "returned an invalid result");
  return { id, scorer: scorer.label, score: outcome.score, passed: outcome.passed, evidence: outcome.evidence };
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
