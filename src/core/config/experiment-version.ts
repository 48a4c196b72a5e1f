import { contentHash, canonicalJson } from "../canonical.js";
import { UserError } from "../errors.js";
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

/** Keys the engine adds to a definition beside the config's own: digests of files it reads. */
const FILE_DIGEST_KEYS = ["scorer_files", "prompt_files"] as const;

/**
 * The experiment config a stored definition was made from, to run that version again
 * (`evalgate run EXP --experiment-version V`): the definition's keys with `dataset` (not part of
 * a version) from the current config. A definition holds the parsed config (durations in ms,
 * defaults applied), so it is taken as such, not parsed as written YAML; the caller checks that
 * the experiment comes out at the same version, which proves nothing was lost. Files the
 * definition only knows by digest (module scorers, prompt files) are read from disk again.
 *
 * Throws UserError naming the version when the definition is not an experiment's.
 */
export function experimentFromDefinition(definition: unknown, dataset: string, version: string): ExperimentConfig {
  const fields = { ...(definition as Record<string, unknown> | null) };
  if (typeof fields["target"] !== "object" || !Array.isArray(fields["scorers"])) {
    throw new UserError(`experiment version ${version}: its stored definition has no target and scorers this evalgate can run`);
  }
  for (const key of FILE_DIGEST_KEYS) delete fields[key];
  return { ...fields, dataset } as ExperimentConfig;
}

/**
 * The files (as fileDigestsOf names them) whose digests differ between two definitions of one
 * experiment: why a stored version cannot be run again exactly, since only their digests are stored.
 */
export function changedFiles(before: unknown, after: unknown): string[] {
  const was = fileDigestsOf(before);
  const now = fileDigestsOf(after);
  return [...new Set([...was.keys(), ...now.keys()])].filter((key) => was.get(key) !== now.get(key));
}

/** The digests of files a definition depends on, by file as a message names it ("./judge.mjs (scorer module)"), to say which changed. */
export function fileDigestsOf(definition: unknown): Map<string, string> {
  const digests = new Map<string, string>();
  for (const key of FILE_DIGEST_KEYS) {
    const files = (definition as Record<string, unknown> | null)?.[key];
    if (files === null || typeof files !== "object") continue;
    const kind = key === "scorer_files" ? "scorer module" : "prompt file";
    for (const [file, digest] of Object.entries(files)) digests.set(`${file} (${kind})`, String(digest));
  }
  return digests;
}
