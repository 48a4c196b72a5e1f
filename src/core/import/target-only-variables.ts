import type { ExperimentConfig } from "../config/schema.js";

/** What a variable only the target reads is set to for an import, which never calls the target. */
export const UNUSED_TARGET_VALUE = "evalgate-import.invalid";
export const UNUSED_TARGET_URL = `http://${UNUSED_TARGET_VALUE}`;

/**
 * The environment an import prepares the experiment with: `env`, plus a stand-in for every
 * `${NAME}` (without a `:-default`) that the experiment's target reads, that is not set, and that
 * no scorer reads. An import never calls the target, so `evalgate runs import` needs neither the
 * deployment's URL nor its token; a judge's API key must still be set, as it is used.
 * The stored definition keeps the uninterpolated text, so the stand-ins change no version.
 */
export function importEnvironment(
  experiment: Pick<ExperimentConfig, "target" | "scorers">,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const scorerNames = new Set(requiredVariables(experiment.scorers));
  const filled: Record<string, string> = {};
  for (const name of requiredVariables(experiment.target)) {
    if (env[name] === undefined && !scorerNames.has(name)) {
      filled[name] = name === "EVALGATE_TARGET_URL" ? UNUSED_TARGET_URL : UNUSED_TARGET_VALUE;
    }
  }
  return { ...env, ...filled };
}

/** `${NAME}` references in every string of `value` (`$${` is a literal, `${NAME:-x}` has a default). */
function requiredVariables(value: unknown): string[] {
  if (typeof value === "string") {
    const names: string[] = [];
    for (const match of value.matchAll(/\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(:-)?/g)) {
      if (!match[0].startsWith("$$") && match[2] === undefined) names.push(match[1]!);
    }
    return names;
  }
  if (Array.isArray(value)) return value.flatMap(requiredVariables);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(requiredVariables);
  return [];
}
