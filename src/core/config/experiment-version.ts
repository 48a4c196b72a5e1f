import { contentHash, canonicalJson } from "../canonical.js";
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
    // Defaults are left out, so experiments written before these keys keep their version.
    ...(config.pass_rule === "all"
      ? {}
      : {
          pass_rule: config.pass_rule,
          ...(config.pass_rule === "weighted" ? { item_threshold: config.item_threshold ?? DEFAULT_ITEM_THRESHOLD } : {}),
        }),
    ...(config.repeat !== undefined && config.repeat > 1 ? { repeat: config.repeat } : {}),
    ...(config.cluster !== undefined ? { cluster: config.cluster } : {}),
    ...(config.inference_steps !== undefined ? { inference_steps: config.inference_steps } : {}),
    ...(config.variants !== undefined ? { variants: config.variants } : {}),
  };
}

/** Key order does not matter: the hash is over canonical JSON. */
export function experimentVersion(definition: unknown): string {
  return contentHash(definition, 12);
}

/** The keys of a definition that decide an item's status: the scorers and how they combine. */
const JUDGING_KEYS = ["scorers", "pass_rule", "item_threshold", "repeat"] as const;

/**
 * Whether two stored definitions judge items alike. Runs whose definitions differ only in the
 * target (the prompt or deployment under test), the gate, the settings or the variants compare
 * item for item; runs judged by other scorers or another pass rule do not: a changed verdict
 * could come from the rules rather than the change (the baseline is `not_comparable`).
 * Undefined definitions (a store without the version) never judge alike.
 */
export function judgesAlike(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return false;
  return canonicalJson(judgingPart(a)) === canonicalJson(judgingPart(b));
}

function judgingPart(definition: unknown): Record<string, unknown> {
  const record = (definition ?? {}) as Record<string, unknown>;
  return Object.fromEntries(JUDGING_KEYS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
}
