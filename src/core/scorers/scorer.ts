import type { z } from "zod";
import type { Item } from "../model/item.js";
import type { PriceTable } from "../config/schema.js";
import type { Evidence, TargetResult, Usage } from "../model/run-item.js";

/** What every scorer sees: the dataset item and what the target answered. */
export interface ScorerInput {
  item: Item;
  /** The target's result; `result.output` is the answer. Never an errored call. */
  result: TargetResult;
  /** The run's id (a custom scorer receives it). */
  runId?: string;
  /** Aborted when the run is cancelled: a scorer that calls out (a judge, a command) stops. */
  signal?: AbortSignal;
}

export interface ScorerOutcome {
  score: number;
  passed: boolean;
  evidence: Evidence;
  /** Tokens the scorer itself spent (a judge's call): counted apart from the target's. */
  usage?: Usage;
  /** What the scorer's own calls cost (same unit as the target's cost). */
  cost?: number;
}

/**
 * What a scorer may need beyond its config, given once per run by the engine. Pure scorers
 * ignore it; scorers that call out (judges, custom scorers) use it.
 */
export interface ScorerServices {
  /** Folder of evalgate.yml: relative paths in a scorer's config resolve from it. */
  configDir: string;
  /** The config path of this scorer, for messages: `experiments.orders.scorers[2]`. */
  path: string;
  /** Retries for a scorer's own calls (the experiment's `retries`). */
  retries: number;
  /** Calls in flight at once (the run's concurrency): a scorer's pool is sized to it. */
  concurrency: number;
  /** Where a scorer may cache replies on disk (a judge's), or undefined for no cache. */
  cacheDir?: string;
  /** The config's `prices:` table: a judge prices its own calls with it when the provider does not. */
  prices?: PriceTable;
}

/**
 * Scores one item. A scorer that holds connections or child processes sets `close`, which the
 * engine calls once when the run ends.
 */
export type ScoreFn = ((input: ScorerInput) => ScorerOutcome | Promise<ScorerOutcome>) & {
  close?: () => Promise<void>;
};

/**
 * One contract for every scorer: a new scorer is a new file exporting one of these, added to the
 * registry. `configSchema` validates the experiment's `config:` block (errors name its path);
 * `create` runs once per run, so per-run work (compiling a regex or a JSON Schema) happens once.
 */
export interface ScorerDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  configSchema: Schema;
  create(config: z.output<Schema>, services: ScorerServices): ScoreFn;
}

export function defineScorer<Schema extends z.ZodType>(
  definition: ScorerDefinition<Schema>,
): ScorerDefinition<Schema> {
  return definition;
}

/**
 * A scorer's error after it had already spent something (a judge answered, uselessly): the item
 * records the error and still counts the tokens and cost, since they were paid for.
 */
export class ScorerErrorAfterSpending extends Error {
  override readonly name = "ScorerErrorAfterSpending";
  constructor(
    message: string,
    readonly spent: { usage?: Usage; cost?: number },
  ) {
    super(message);
  }
}
