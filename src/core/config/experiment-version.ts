import { contentHash } from "../canonical.js";
import type { ExperimentConfig } from "./schema.js";
import { DEFAULT_ITEM_THRESHOLD } from "./scorer-ref-schema.js";

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
    // The default rule is left out, so experiments written before pass_rule keep their version.
    ...(config.pass_rule === "all"
      ? {}
      : { pass_rule: config.pass_rule, item_threshold: config.item_threshold ?? DEFAULT_ITEM_THRESHOLD }),
    // Left out when absent, so experiments without variants keep their version.
    ...(config.inference_steps !== undefined ? { inference_steps: config.inference_steps } : {}),
    ...(config.variants !== undefined ? { variants: config.variants } : {}),
  };
}

/** Key order does not matter: the hash is over canonical JSON. */
export function experimentVersion(definition: unknown): string {
  return contentHash(definition, 12);
}
