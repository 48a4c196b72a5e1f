import { builtinScorers } from "../../core/scorers/registry.js";
import type { ScorerDefinition } from "../../core/scorers/scorer.js";
import { commandScorer } from "./command-scorer.js";
import { httpScorer } from "./http-scorer.js";
import { llmJudge } from "./llm-judge.js";
import { moduleScorer } from "./module-scorer.js";
import { similar } from "./similar.js";

/**
 * Scorers that call out (judges, custom scorers): they do I/O, so they live in the engine, not in
 * the pure core. A new one is a new file here, added to this list.
 */
const callingScorers: ScorerDefinition[] = [moduleScorer, httpScorer, commandScorer, llmJudge, similar];

/** Every scorer a config may name: the core's pure ones and the engine's calling ones. */
export const allScorers: ReadonlyMap<string, ScorerDefinition> = new Map([
  ...builtinScorers,
  ...callingScorers.map((definition) => [definition.name, definition] as const),
]);
