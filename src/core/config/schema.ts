import { z } from "zod";
import { PassRuleSchema, ScorerRefSchema } from "./scorer-ref-schema.js";
import { findVariantProblems, InferenceStepsSchema, VariantsSchema } from "./variant-schema.js";

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const DURATION_HINT = 'write a duration with a unit, e.g. "30s" or "500ms"';

/** A target's timeout is at most an hour: a longer one is a typo, and timers overflow past 24.8 days. */
export const MAX_TIMEOUT_MS = 60 * 60 * 1000;

/** NaN when `text` is not a duration (the regex check has said so already). */
function durationMs(text: string): number {
  const match = DURATION.exec(text);
  if (match === null) return Number.NaN;
  const [, amount, unit] = match;
  const factor = unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000;
  return Math.round(Number(amount) * factor);
}

/** "500ms", "30s", "2m" → milliseconds, from 1 ms to an hour. A bare number is refused: its unit would be a guess. */
export const DurationSchema = z
  .string({ error: DURATION_HINT })
  .regex(DURATION, { error: DURATION_HINT })
  .refine((text) => !(durationMs(text) < 1), { error: "must be at least 1ms" })
  .refine((text) => !(durationMs(text) > MAX_TIMEOUT_MS), { error: "must be at most 60m (one hour)" })
  .transform(durationMs);

/** The most calls in flight at once, in the config and on the command line. */
export const MAX_CONCURRENCY = 1024;

/** The most repeats of one item: K calls per item multiply a run's cost by K. */
export const MAX_REPEAT = 100;

/** The most retries of one call: more only hammers a failing target. */
export const MAX_RETRIES = 10;

/** A path or a program argument: a NUL character would make the operating system refuse it. */
const NoNulString = z.string().refine((text) => !text.includes("\0"), { error: "must not contain a NUL character" });

/** A dot path into a JSON value: `output`, `choices.0.message.content`. */
const JsonPathSchema = z.string().min(1);

/** Where the answer's parts are found in the target's response JSON. */
const ResponseMappingFields = {
  output: JsonPathSchema.default("output"),
  tool_calls: JsonPathSchema.default("tool_calls"),
  usage: JsonPathSchema.default("usage"),
  cost: JsonPathSchema.default("cost"),
  /**
   * The model that answered, for the price table (read at "model" when absent). Optional rather
   * than defaulted: a default would enter every existing experiment's definition and change its version.
   */
  model: JsonPathSchema.optional(),
};

export const HttpTargetSchema = z.strictObject({
  type: z.literal("http"),
  url: z.string().min(1),
  method: z.enum(["POST", "PUT"]).default("POST"),
  headers: z.record(
    z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: "a header name uses letters, digits and -" }),
    z.string().refine((value) => !/[\r\n\0]/.test(value), { error: "a header value must not contain a line break or a NUL character" }),
  ).default({}),
  /**
   * Request body template. Absent: the default body of PRODUCT.md. A string that is exactly
   * "{{input}}", "{{input.field}}", "{{expected}}", "{{item_id}}", "{{run_id}}", "{{experiment}}"
   * is replaced by that JSON value; placeholders inside longer strings are replaced by text.
   */
  body: z.json().optional(),
  ...ResponseMappingFields,
  timeout: DurationSchema.default(30_000),
});
export type HttpTargetConfig = z.infer<typeof HttpTargetSchema>;

export const CommandTargetSchema = z.strictObject({
  type: z.literal("command"),
  /** A program and its arguments (no shell), or one string split on spaces. */
  command: z.union([NoNulString.min(1), z.array(NoNulString.min(1)).min(1)]),
  cwd: NoNulString.optional(),
  env: z.record(NoNulString, NoNulString).default({}),
  ...ResponseMappingFields,
  timeout: DurationSchema.default(30_000),
});
export type CommandTargetConfig = z.infer<typeof CommandTargetSchema>;

/** A prompt file path: the value of `prompt` when it is one of these, by mistake. */
const LOOKS_LIKE_PROMPT_FILE = /^[^\s{}]+\.(ya?ml|json)$/i;

/**
 * A prompt run against an OpenAI-compatible chat completions API: either inline (`prompt`, the
 * user message, and `system`) or from a prompt file (`prompt_file`, read by the engine). Issue 9
 * spells the file `prompt: prompts/support.yaml`: a `prompt` that is a bare path ending in .yaml,
 * .yml or .json (no spaces, no placeholder) is read as `prompt_file`, since no user message is
 * just a file name. Fields set here override the prompt file's.
 */
export const PromptTargetSchema = z
  .strictObject({
    type: z.literal("prompt"),
    base_url: z.string().min(1).default("https://api.openai.com/v1"),
    api_key: z.string().optional(),
    /** Required unless the prompt file names the model. */
    model: z.string().min(1).optional(),
    system: z.string().optional(),
    /** The user message; placeholders as in the http body ("{{input}}", "{{input.question}}"); or a prompt file's path. */
    prompt: z.string().min(1).optional(),
    /** A YAML or JSON prompt file (messages, model, tools…), relative to the config file's folder. */
    prompt_file: NoNulString.min(1).max(4096).optional(),
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().min(0).max(1).optional(),
    max_tokens: z.number().int().positive().optional(),
    /** The inference step whose overrides this target applies (default: the experiment's first inference step). */
    step: z.string().min(1).optional(),
    timeout: DurationSchema.default(60_000),
  })
  .superRefine((target, context) => {
    const promptIsFile = target.prompt !== undefined && LOOKS_LIKE_PROMPT_FILE.test(target.prompt);
    const file = target.prompt_file ?? (promptIsFile ? target.prompt : undefined);
    const inline = promptIsFile ? undefined : target.prompt;
    if (inline === undefined && file === undefined) {
      context.addIssue({ code: "custom", path: ["prompt"], message: "required: write prompt (the user message, or a prompt file's path) or prompt_file" });
    }
    if (target.prompt !== undefined && target.prompt_file !== undefined) {
      context.addIssue({ code: "custom", path: ["prompt_file"], message: "write prompt or prompt_file, not both (the prompt file holds the messages)" });
    }
    if (file !== undefined && target.system !== undefined) {
      context.addIssue({ code: "custom", path: ["system"], message: "with a prompt file, write the system message in the prompt file's messages" });
    }
    if (inline !== undefined && target.model === undefined) {
      context.addIssue({ code: "custom", path: ["model"], message: "required (the model the prompt runs on, e.g. gpt-4o-mini)" });
    }
  })
  .transform(({ prompt, ...target }) =>
    prompt !== undefined && LOOKS_LIKE_PROMPT_FILE.test(prompt) ? { ...target, prompt_file: prompt } : { ...target, ...(prompt !== undefined ? { prompt } : {}) },
  );
export type PromptTargetConfig = z.infer<typeof PromptTargetSchema>;

export const TargetConfigSchema = z.discriminatedUnion("type", [
  HttpTargetSchema,
  CommandTargetSchema,
  PromptTargetSchema,
]);
export type TargetConfig = z.infer<typeof TargetConfigSchema>;

export { ScorerRefSchema, type ScorerRef } from "./scorer-ref-schema.js";

/** A ratio budget against the baseline: 2 lets the candidate cost twice the baseline. */
const RatioBudgetSchema = z.number({ error: "a ratio to the baseline, e.g. 2 (at most twice the baseline)" }).positive();

/**
 * The gate. Absolute checks (`passed_threshold`, `max_error_rate` of the experiment) judge the
 * candidate alone; the others judge it against a baseline (core/gate.ts). Every key but
 * `passed_threshold` is optional and absent from stored definitions unless written, so adding a
 * key here never changes an existing experiment's version.
 */
export const GateConfigSchema = z.strictObject({
  /** Minimum fraction of items that pass (0..1). Error items count as not passing. */
  passed_threshold: z.number().min(0).max(1).default(1),
  /** Maximum regressions (pass→fail, flaky items apart) allowed against a baseline. */
  max_regressions: z.number().int().nonnegative().optional(),
  /**
   * Fail only on what the data shows: the candidate fails when the paired test (McNemar's exact
   * test on pass/fail, a paired t-test per scorer's score) says it is worse at this level.
   */
  significance: z.number({ error: "a significance level between 0 and 1, e.g. 0.05" }).gt(0).lt(1).optional(),
  /** Fewer shared items than this and a comparison proves nothing: the verdict is `inconclusive`. */
  min_items: z.number().int().positive().optional(),
  /** A baseline more than this many commits behind the candidate's base is `not_comparable`. */
  baseline_max_age: z.number().int().nonnegative().optional(),
  max_cost_ratio: RatioBudgetSchema.optional(),
  max_latency_p95_ratio: RatioBudgetSchema.optional(),
  max_tokens_ratio: RatioBudgetSchema.optional(),
  /**
   * How a check concludes for `inconclusive` and `not_comparable`. Branch protection treats
   * `neutral` as passing, so the default is `action_required` (merging blocked until someone acts).
   */
  on_inconclusive: z.enum(["action_required", "neutral"]).optional(),
});
export type GateConfig = z.infer<typeof GateConfigSchema>;

export const ExperimentConfigSchema = z.strictObject({
  description: z.string().optional(),
  /** Relative to the config file's folder; must stay inside it (see `resolveProjectFile`). */
  dataset: NoNulString.min(1).max(4096),
  target: TargetConfigSchema,
  scorers: z.array(ScorerRefSchema).min(1),
  gate: GateConfigSchema.default({ passed_threshold: 1 }),
  concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(8),
  retries: z.number().int().min(0).max(MAX_RETRIES).default(3),
  /** Above this fraction of error items the run cannot complete (exit 3). */
  max_error_rate: z.number().min(0).max(1).default(0.2),
  /** How an item's scorers decide its status: see core/scorers/score-item.ts. */
  pass_rule: PassRuleSchema.default("all"),
  /** The weighted mean score an item needs under `pass_rule: weighted` (default 0.5). */
  item_threshold: z.number().min(0).max(1).optional(),
  /** Calls each item K times (`--repeat K` overrides); `pass_rule` decides over the attempts. */
  repeat: z.number().int().min(1).max(MAX_REPEAT).optional(),
  /**
   * `metadata.<key>`: items sharing that value (questions about one source document) are not
   * independent, so standard errors are clustered over it (Miller 2024, arXiv 2411.00640 §2.2).
   */
  cluster: z
    .string()
    .regex(/^metadata(\.[^.\s]+)+$/, { error: "write metadata.<key>, e.g. cluster: metadata.document_id" })
    .optional(),
  /** The named points of the user's pipeline that variants may change (core/config/variant-schema.ts). */
  inference_steps: InferenceStepsSchema.optional(),
  variants: VariantsSchema.optional(),
}).superRefine((experiment, context) => {
  for (const problem of findVariantProblems(experiment.inference_steps, experiment.variants ?? {})) {
    context.addIssue({ code: "custom", ...problem });
  }
  const { target, inference_steps: steps } = experiment;
  if (target.type === "prompt" && target.step !== undefined && !(steps ?? []).includes(target.step)) {
    context.addIssue({
      code: "custom",
      path: ["target", "step"],
      message: steps ? `unknown inference step "${target.step}"; inference_steps are: ${steps.join(", ")}` : "declare the experiment's inference_steps: [...] first",
    });
  }
  // Accepted silently, it would read as if it counted: say where it does.
  if (experiment.item_threshold !== undefined && experiment.pass_rule !== "weighted") {
    context.addIssue({
      code: "custom",
      path: ["item_threshold"],
      message: "item_threshold is used only by pass_rule: weighted; add pass_rule: weighted or remove it",
    });
  }
});
export type ExperimentConfig = z.infer<typeof ExperimentConfigSchema>;

export const EXPERIMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A name also names files (a regression dataset is `<name>.jsonl`): file names stop at 255 bytes. */
export const MAX_EXPERIMENT_NAME_LENGTH = 128;

/** One model's prices in US dollars per million tokens. */
export const ModelPriceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /** Input tokens read from the provider's prompt cache; the input price when absent. */
  cached_input: z.number().nonnegative().optional(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/** `prices:` in evalgate.yml, by model name as the target names it (`gpt-4o-mini`). */
export const PriceTableSchema = z.record(z.string().min(1), ModelPriceSchema);
export type PriceTable = z.infer<typeof PriceTableSchema>;

export const ConfigFileSchema = z.strictObject({
  version: z.literal(1),
  /** What a target's tokens cost when it reports no cost itself (engine/apply-prices.ts). */
  prices: PriceTableSchema.optional(),
  experiments: z
    .record(
      z
        .string()
        .regex(EXPERIMENT_NAME, { error: "experiment names use letters, digits, '.', '_' and '-'" })
        .max(MAX_EXPERIMENT_NAME_LENGTH, { error: `experiment names are at most ${MAX_EXPERIMENT_NAME_LENGTH} characters` }),
      ExperimentConfigSchema,
    )
    .refine((experiments) => Object.keys(experiments).length > 0, {
      error: "define at least one experiment",
    }),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
