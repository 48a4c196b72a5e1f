import type { Item } from "../../../src/core/model/item.js";
import type { TargetResult } from "../../../src/core/model/run-item.js";
import { resolveScorers } from "../../../src/core/scorers/registry.js";
import type { ScorerOutcome } from "../../../src/core/scorers/scorer.js";

export interface Case {
  output?: unknown;
  expected?: Item["expected"];
  metadata?: Item["metadata"];
  result?: Partial<TargetResult>;
}

/** Resolves a built-in scorer the way an experiment does, then scores one item with it. */
export async function runScorer(
  name: string,
  config: Record<string, unknown>,
  testCase: Case,
): Promise<ScorerOutcome> {
  const [scorer] = resolveScorers([{ name, label: name, config }], "experiments.test.scorers");
  if (scorer === undefined) throw new Error("no scorer resolved");
  const item: Item = { id: "item-1", input: "question" };
  if (testCase.expected !== undefined) item.expected = testCase.expected;
  if (testCase.metadata !== undefined) item.metadata = testCase.metadata;
  const result: TargetResult = { output: testCase.output, latency_ms: 10, attempts: 1, ...testCase.result };
  return scorer.fn({ item, result });
}

/** The config error message resolveScorers throws for one scorer entry. */
export function configError(name: string, config: Record<string, unknown>): string {
  try {
    resolveScorers([{ name, label: name, config }], "experiments.orders.scorers");
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a config error");
}
