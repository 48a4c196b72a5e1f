import type { Item } from "../../../src/core/model/item.js";
import type { Score, TargetResult } from "../../../src/core/model/run-item.js";
import { resolveScorers, type ResolvedScorer } from "../../../src/core/scorers/registry.js";
import { scoreItem } from "../../../src/core/scorers/score-item.js";
import { allScorers } from "../../../src/engine/scorers/all-scorers.js";

export const ITEM: Item = {
  id: "item-1",
  input: { question: "Where is order 42?" },
  expected: "shipped",
  metadata: { lang: "en" },
};

export const RESULT: TargetResult = {
  output: "Order 42 has shipped.",
  latency_ms: 120,
  attempts: 1,
  tool_calls: [{ name: "search_orders", arguments: { id: 42 } }],
  usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
};

/** A custom scorer built the way prepareExperiment builds it: through the registry, from `configDir`. */
export function customScorer(name: string, config: Record<string, unknown>, configDir: string, retries = 0): ResolvedScorer {
  const [scorer] = resolveScorers(
    [{ name, label: `my_${name}`, config }],
    "experiments.orders.scorers",
    { configDir, retries, concurrency: 4 },
    allScorers,
  );
  if (scorer === undefined) throw new Error("no scorer resolved");
  return scorer;
}

/** Scores one item as a run does: a scorer that throws or answers badly is its error on the item. */
export async function scoreOne(
  scorer: ResolvedScorer,
  item: Item = ITEM,
  result: TargetResult = RESULT,
  signal?: AbortSignal,
): Promise<Score> {
  const scored = await scoreItem([scorer], item, result, { runId: "run-1", ...(signal ? { signal } : {}) });
  const [score] = scored.scores;
  if (score === undefined) throw new Error("no score recorded");
  return score;
}

/** The config error resolveScorers throws for one entry. */
export function configError(name: string, config: Record<string, unknown>, configDir: string): string {
  try {
    customScorer(name, config, configDir);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a config error");
}
