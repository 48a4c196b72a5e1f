import type { z } from "zod";
import type { Item } from "../model/item.js";
import type { Evidence, TargetResult } from "../model/run-item.js";

/** What every scorer sees: the dataset item and what the target answered. */
export interface ScorerInput {
  item: Item;
  /** The target's result; `result.output` is the answer. Never an errored call. */
  result: TargetResult;
}

export interface ScorerOutcome {
  score: number;
  passed: boolean;
  evidence: Evidence;
}

export type ScoreFn = (input: ScorerInput) => ScorerOutcome | Promise<ScorerOutcome>;

/**
 * One contract for every scorer: a new scorer is a new file exporting one of these, added to the
 * registry. `configSchema` validates the experiment's `config:` block (errors name its path);
 * `create` runs once per run, so per-run work (compiling a regex or a JSON Schema) happens once.
 */
export interface ScorerDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  configSchema: Schema;
  create(config: z.output<Schema>): ScoreFn;
}

export function defineScorer<Schema extends z.ZodType>(
  definition: ScorerDefinition<Schema>,
): ScorerDefinition<Schema> {
  return definition;
}
