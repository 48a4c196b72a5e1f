import type { ScorerRef } from "../config/schema.js";
import { UserError } from "../errors.js";
import { describeZodIssues, formatPath } from "../zod-issues.js";
import { contains } from "./contains.js";
import { equals } from "./equals.js";
import { icontains } from "./icontains.js";
import { jsonSchema } from "./json-schema.js";
import { jsonValid } from "./json-valid.js";
import { latencyMax } from "./latency-max.js";
import { modifiersOf, type ScorerModifiers } from "./modifiers.js";
import { notContains } from "./not-contains.js";
import { regex } from "./regex.js";
import type { ScoreFn, ScorerDefinition, ScorerServices } from "./scorer.js";
import { startsWith } from "./starts-with.js";
import { closestName } from "./closest-name.js";
import { toolCalled } from "./tool-called.js";
import { bleu } from "./bleu.js";
import { containsJson } from "./contains-json.js";
import { costMax } from "./cost-max.js";
import { jsonMatch } from "./json-match.js";
import { levenshtein } from "./levenshtein.js";
import { maxToolCalls } from "./max-tool-calls.js";
import { noErrors } from "./no-errors.js";
import { numericRange } from "./numeric-range.js";
import { rougeN } from "./rouge-n.js";
import { tokensMax } from "./tokens-max.js";
import { toolNotCalled } from "./tool-not-called.js";
import { toolParamsMatch } from "./tool-params-match.js";
import { toolSequence } from "./tool-sequence.js";

const definitions: ScorerDefinition[] = [
  contains,
  equals,
  icontains,
  jsonSchema,
  jsonValid,
  latencyMax,
  notContains,
  regex,
  startsWith,
  toolCalled,
  numericRange,
  levenshtein,
  rougeN,
  bleu,
  containsJson,
  jsonMatch,
  toolNotCalled,
  toolSequence,
  toolParamsMatch,
  maxToolCalls,
  tokensMax,
  costMax,
  noErrors,
];

export const builtinScorers: ReadonlyMap<string, ScorerDefinition> = new Map(
  definitions.map((definition) => [definition.name, definition]),
);

/** A scorer ready to run: its label in the experiment, its name, and its configured function. */
export interface ResolvedScorer {
  label: string;
  name: string;
  fn: ScoreFn;
  /** `not`, `weight`, `threshold`, `when` from the ref: applied by scoreItem, never by the scorer. */
  modifiers?: ScorerModifiers;
}

/** Enough for the pure scorers, which use no service: the engine always passes real ones. */
const PURE_SERVICES: Omit<ScorerServices, "path"> = { configDir: ".", retries: 0, concurrency: 1 };

/**
 * Turns an experiment's `scorers:` list into functions, validating every entry first. All
 * problems are reported at once, each line naming its path (`experiments.orders.scorers[1].config.tool`).
 */
export function resolveScorers(
  refs: readonly ScorerRef[],
  path: string,
  services: Omit<ScorerServices, "path"> = PURE_SERVICES,
  registry: ReadonlyMap<string, ScorerDefinition> = builtinScorers,
): ResolvedScorer[] {
  const problems: string[] = [];
  const resolved: ResolvedScorer[] = [];
  refs.forEach((ref, index) => {
    const where = `${path}[${index}]`;
    const definition = registry.get(ref.name);
    if (definition === undefined) {
      problems.push(`${where}.name: ${unknownScorerMessage(ref.name, registry)}`);
      return;
    }
    const parsed = definition.configSchema.safeParse(ref.config);
    if (!parsed.success) {
      const knownKeys = configKeys(definition);
      const described = describeZodIssues(parsed.error.issues, {
        knownKeys: (at) => (at.length === 0 ? knownKeys : []),
      });
      for (const problem of described) {
        problems.push(`${formatPath([`${where}.config`, ...problem.path])}: ${problem.message}`);
      }
      return;
    }
    resolved.push({
      label: ref.label,
      name: ref.name,
      fn: definition.create(parsed.data, { ...services, path: where }),
      modifiers: modifiersOf(ref),
    });
  });
  problems.push(...duplicateLabelProblems(refs, path));
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  return resolved;
}

/** The keys a scorer's `config:` accepts, for "did you mean" on a misspelt key. */
function configKeys(definition: ScorerDefinition): string[] {
  const shape = (definition.configSchema as { shape?: unknown }).shape;
  return shape !== null && typeof shape === "object" ? Object.keys(shape) : [];
}

function unknownScorerMessage(name: string, registry: ReadonlyMap<string, ScorerDefinition>): string {
  const known = [...registry.keys()].sort();
  const suggestion = closestName(name, known);
  const hint = suggestion === undefined ? "" : `did you mean "${suggestion}"? `;
  return `unknown scorer "${name}" (${hint}known: ${known.join(", ")})`;
}

/** Scores are stored per label, so two scorers with one label would overwrite each other. */
function duplicateLabelProblems(refs: readonly ScorerRef[], path: string): string[] {
  const firstIndex = new Map<string, number>();
  const problems: string[] = [];
  refs.forEach((ref, index) => {
    const first = firstIndex.get(ref.label);
    if (first === undefined) {
      firstIndex.set(ref.label, index);
      return;
    }
    problems.push(
      `${path}[${index}]: the label "${ref.label}" is already used by ${path}[${first}]; ` +
        `give one of them its own label, e.g. { name: ${ref.name}, label: ${ref.label}_2, config: … }`,
    );
  });
  return problems;
}
