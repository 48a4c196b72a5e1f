import { contentHash } from "../canonical.js";
import type { ExperimentConfig } from "./schema.js";

/**
 * What identifies an experiment version: everything that changes how items are run and judged.
 * Built from the parsed config (defaults applied) before `${NAME}` interpolation, so no secret
 * ever lands in a stored run; the description and the dataset path are left out (the dataset is
 * identified by its own version).
 */
export function experimentDefinition(config: ExperimentConfig): unknown {
  return {
    target: config.target,
    scorers: config.scorers,
    gate: config.gate,
    concurrency: config.concurrency,
    retries: config.retries,
    max_error_rate: config.max_error_rate,
  };
}

/** Key order does not matter: the hash is over canonical JSON. */
export function experimentVersion(definition: unknown): string {
  return contentHash(definition, 12);
}
