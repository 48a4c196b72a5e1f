import { z } from "zod";

/** The roots a `when` path may start from: the item's own fields (the output is not known yet). */
const WHEN_ROOTS = ["id", "input", "expected", "metadata"] as const;

/** A `when` key is a dot path into the item; `metadata` alone would compare the whole object. */
function whenKeyProblem(key: string): string | undefined {
  const segments = key.split(".");
  const [root] = segments;
  if (!WHEN_ROOTS.includes(root as (typeof WHEN_ROOTS)[number])) {
    // `kind: tool` most likely means the metadata field.
    const example = segments.at(-1) || "kind";
    return `"${key}" is not a dot path into the item; start it with input, expected, metadata or id (e.g. metadata.${example})`;
  }
  if (segments.some((segment) => segment === "")) return `"${key}" has an empty segment; write a dot path such as metadata.kind`;
  if (root === "metadata" && segments.length === 1) return "name a metadata field, e.g. metadata.kind";
  if (root === "id" && segments.length > 1) return "the item's id has no fields; write id: <the id>";
  return undefined;
}

type WhenValue = string | number | boolean | null;

function whenValueProblem(value: unknown): string | undefined {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return undefined;
  return "compare one field with one value (a text, a number, true, false or null); for a nested field write its dot path, e.g. metadata.kind: tool";
}

/**
 * `when: { metadata.kind: tool }`: the scorer runs only on items whose value at every path equals
 * the given scalar (by the scalar rule of scorers/scalar-equality.ts, so a CSV cell "3" equals 3).
 * Objects and lists are refused: a nested `when: { metadata: { kind: tool } }` would silently
 * demand the whole metadata object be exactly that.
 */
export const ScorerWhenSchema = z
  .record(z.string(), z.unknown())
  .superRefine((when, context) => {
    const keys = Object.keys(when);
    if (keys.length === 0) context.addIssue({ code: "custom", message: "name at least one field, e.g. { metadata.kind: tool }" });
    for (const key of keys) {
      const problem = whenValueProblem(when[key]) ?? whenKeyProblem(key);
      if (problem !== undefined) context.addIssue({ code: "custom", path: [key], message: problem });
    }
  })
  .transform((when) => when as Record<string, WhenValue>);
export type ScorerWhen = z.infer<typeof ScorerWhenSchema>;

/**
 * A scorer as an experiment (or an item) names it, normalized: the label defaults to the name, and
 * the modifiers are present only when they change something (`not: false` and `weight: 1` are
 * dropped), so writing a default out does not change the experiment version.
 */
export interface ScorerRef {
  name: string;
  label: string;
  config: Record<string, unknown>;
  /** Negates the scorer: score → 1 − score, passed → !passed; an error stays an error. */
  not?: true;
  /** Its weight in `pass_rule: weighted` (default 1). */
  weight?: number;
  /** passed = score ≥ threshold, replacing the scorer's own pass decision (applied before `not`). */
  threshold?: number;
  /** Runs the scorer only on the items that match. */
  when?: ScorerWhen;
  /**
   * `critical` (safety, PII, hallucination…): a significant regression of this scorer against the
   * baseline fails the gate whatever else passed (core/gate.ts). Absent means normal.
   */
  severity?: "critical";
}

export const SCORER_REF_KEYS = ["name", "label", "config", "not", "weight", "threshold", "when", "severity"] as const;

/** `json_valid` or `{ name: tool_called, config: { tool: search_orders }, label: …, not: true, weight: 2, threshold: 0.8, when: … }`. */
export const ScorerRefSchema = z
  .union([
    z.string().min(1),
    z.strictObject({
      name: z.string().min(1),
      label: z.string().min(1).optional(),
      config: z.record(z.string(), z.unknown()).default({}),
      not: z.boolean({ error: "write not: true to negate the scorer" }).optional(),
      weight: z.number({ error: "a weight is a number ≥ 0, e.g. weight: 2" }).min(0).optional(),
      threshold: z.number({ error: "a threshold is a score between 0 and 1, e.g. threshold: 0.8" }).min(0).max(1).optional(),
      when: ScorerWhenSchema.optional(),
      severity: z.enum(["normal", "critical"], { error: "write severity: critical (or normal, the default)" }).optional(),
    }),
  ])
  .transform((ref): ScorerRef => {
    if (typeof ref === "string") return { name: ref, label: ref, config: {} };
    const normalized: ScorerRef = { name: ref.name, label: ref.label ?? ref.name, config: ref.config };
    if (ref.not === true) normalized.not = true;
    if (ref.weight !== undefined && ref.weight !== 1) normalized.weight = ref.weight;
    if (ref.threshold !== undefined) normalized.threshold = ref.threshold;
    if (ref.when !== undefined) normalized.when = ref.when;
    if (ref.severity === "critical") normalized.severity = "critical";
    return normalized;
  });

/** The item threshold of `pass_rule: weighted` when `item_threshold` is not written. */
export const DEFAULT_ITEM_THRESHOLD = 0.5;

/**
 * How an item's status is decided. Within one call of the target, every scorer must pass (`all`,
 * the default) or the weighted mean score must reach `item_threshold` (`weighted`). Across an
 * item's repeats (`repeat: K`), every attempt must pass (`all`, `weighted`: pass^K), or more than
 * half (`majority`), or one (`any`), or at least a fraction (`rate >= 0.8`) — see
 * core/repeats/decide-repeats.ts. Without repeats all four rules ask the one attempt to pass.
 */
export type PassRule = "all" | "weighted" | "majority" | "any" | { rate: number };

const RATE_RULE = /^rate\s*(?:>=|≥)\s*(\d+(?:\.\d+)?|\.\d+)$/;
const PASS_RULE_HINT =
  "write all (every scorer passes in every repeat), weighted (the weighted mean score reaches item_threshold), " +
  "majority or any (of an item's repeats), or rate >= 0.8 (the fraction of repeats that must pass)";

export const PassRuleSchema = z
  .string({ error: PASS_RULE_HINT })
  .transform((text, context): PassRule => {
    const rule = text.trim();
    if (rule === "all" || rule === "weighted" || rule === "majority" || rule === "any") return rule;
    const rate = RATE_RULE.exec(rule);
    const fraction = rate ? Number(rate[1]) : Number.NaN;
    if (rate && fraction > 0 && fraction <= 1) return { rate: fraction };
    context.addIssue({
      code: "custom",
      message: rate ? `the rate in ${rule} is a fraction above 0 and at most 1, e.g. rate >= 0.8` : PASS_RULE_HINT,
    });
    return z.NEVER;
  });
