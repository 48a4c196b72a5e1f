import { z } from "zod";

/** A name of an inference step or a variant: it is a key in request bodies and in `--variant`. */
const STEP_OR_VARIANT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NAME_HINT = "use letters, digits, '.', '_' and '-'";

/** The parameters a variant may override, each validated by its type. */
export const OverrideParamsSchema = z.strictObject({
  system: z.string().min(1),
  temperature: z.number().min(0).max(2),
  top_p: z.number().min(0).max(1),
  max_tokens: z.number().int().positive(),
  model: z.string().min(1),
  verbosity: z.enum(["low", "medium", "high"]),
}).partial();
export type OverrideParams = z.infer<typeof OverrideParamsSchema>;
export type OverrideParam = keyof OverrideParams;

export const OVERRIDE_PARAMS = Object.keys(OverrideParamsSchema.shape) as OverrideParam[];

/** `inference_steps:` — the named, configurable points of the user's pipeline a variant may change. */
export const InferenceStepsSchema = z
  .array(z.string().regex(STEP_OR_VARIANT_NAME, { error: `inference step names ${NAME_HINT}` }))
  .min(1)
  .refine((steps) => new Set(steps).size === steps.length, { error: "each inference step is named once" });

/** One variant: one parameter of one step, optionally branched `from` another variant. */
export const VariantSchema = z.strictObject({
  from: z.string().min(1).optional(),
  step: z.string().min(1),
  set: OverrideParamsSchema.refine((set) => Object.keys(set).length === 1, {
    error: `a variant sets exactly one parameter (one of ${OVERRIDE_PARAMS.join(", ")}); write a second change as a variant with from:`,
  }),
});
export type VariantConfig = z.infer<typeof VariantSchema>;

export const VariantsSchema = z.record(
  z.string().regex(STEP_OR_VARIANT_NAME, { error: `variant names ${NAME_HINT}` }),
  VariantSchema,
);
export type VariantsConfig = z.infer<typeof VariantsSchema>;

/** A problem with the variants as a whole, with its path below the experiment. */
export interface VariantProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Unknown steps, unknown parents and cycles: checks that need every variant at once. A cycle is
 * reported once, at the first variant (in the file's order) that closes it.
 */
export function findVariantProblems(steps: readonly string[] | undefined, variants: VariantsConfig): VariantProblem[] {
  const problems: VariantProblem[] = [];
  const names = Object.keys(variants);
  for (const [name, variant] of Object.entries(variants)) {
    if (steps === undefined) {
      problems.push({ path: ["variants", name, "step"], message: "declare the experiment's inference_steps: [...] before variants use them" });
    } else if (!steps.includes(variant.step)) {
      problems.push({ path: ["variants", name, "step"], message: `unknown inference step "${variant.step}"; inference_steps are: ${steps.join(", ")}` });
    }
    if (variant.from !== undefined && !(variant.from in variants)) {
      problems.push({ path: ["variants", name, "from"], message: `unknown variant "${variant.from}"; variants are: ${names.join(", ")}` });
    }
  }
  const reported = new Set<string>();
  for (const name of names) {
    const cycle = cycleFrom(name, variants);
    if (cycle === undefined || cycle.some((member) => reported.has(member))) continue;
    for (const member of cycle) reported.add(member);
    problems.push({ path: ["variants", name, "from"], message: `variants branch from each other in a cycle: ${[...cycle, cycle[0]].join(" → ")}` });
  }
  return problems;
}

/** The cycle `name` belongs to, in `from` order starting at `name`; undefined when there is none. */
function cycleFrom(name: string, variants: VariantsConfig): string[] | undefined {
  const chain: string[] = [];
  let current: string | undefined = name;
  while (current !== undefined && current in variants) {
    const at = chain.indexOf(current);
    if (at >= 0) return at === 0 ? chain : undefined;
    chain.push(current);
    current = variants[current]!.from;
  }
  return undefined;
}
