import { z } from "zod";
import { UserError } from "../core/errors.js";
import { formatZodIssues } from "../core/zod-issues.js";
import { parseShard } from "../core/selection/shard.js";
import { isPostgresUrl } from "../store/postgres/store-url.js";
import { DEFAULT_RESULTS_BRANCH } from "../store/results-branch/layout.js";

const blankToUndefined = (value: string) => (value.trim() === "" ? undefined : value.trim());
const optionalText = z.string().transform(blankToUndefined);
const boolean = (name: string) =>
  z
    .string()
    .transform((text) => text.trim().toLowerCase())
    .pipe(z.enum(["true", "false", ""], { error: `${name}: write true or false` }))
    .transform((text) => text !== "false");

/** Every input of action.yml, validated once before any work starts. */
export const ActionInputsSchema = z.object({
  config: optionalText.transform((value) => value ?? "evalgate.yml"),
  experiment: optionalText,
  "candidate-url": optionalText,
  "production-url": optionalText,
  "deployment-environment": optionalText,
  "deployment-timeout": optionalText.transform((value, context) => {
    const seconds = Number(value ?? "600");
    if (!Number.isFinite(seconds) || seconds < 0) {
      context.addIssue({ code: "custom", message: `"${value}" is not a number of seconds` });
      return z.NEVER;
    }
    return seconds * 1000;
  }),
  "baseline-branch": optionalText,
  "results-branch": optionalText.transform((value) => value ?? DEFAULT_RESULTS_BRANCH),
  /**
   * A PostgreSQL store to publish runs to and find baselines in, instead of the results branch.
   * A secret: its value is never quoted back, not even when it is refused.
   */
  "store-url": optionalText.refine((value) => value === undefined || isPostgresUrl(value), {
    error: "not a PostgreSQL URL: write postgres://USER:PASSWORD@HOST:PORT/DATABASE (from a secret), or leave it empty for the results branch",
  }),
  "github-token": z.string().min(1, { error: "github-token is empty: pass ${{ github.token }}" }),
  comment: optionalText
    .transform((value) => value ?? "always")
    .pipe(z.enum(["always", "on-change", "never"], { error: "comment: write always, on-change or never" })),
  "fail-on-gate": boolean("fail-on-gate"),
  /** A variant of the experiment(s) for the candidate's runs; its overrides go to the target. */
  variant: optionalText,
  shard: optionalText.transform((value, context) => {
    if (value === undefined) return undefined;
    try {
      return parseShard(value);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message.replace(/^--shard: /, "") });
      return z.NEVER;
    }
  }),
  mode: optionalText.pipe(z.enum(["merge"], { error: "mode: write merge, or leave it empty" }).optional()),
});
export type ActionSettings = z.output<typeof ActionInputsSchema>;
export type ActionInputName = keyof z.input<typeof ActionInputsSchema>;

/** The names in action.yml; a Record so that no input is forgotten here or there. */
export const ACTION_INPUTS: Record<ActionInputName, true> = {
  config: true,
  experiment: true,
  "candidate-url": true,
  "production-url": true,
  "deployment-environment": true,
  "deployment-timeout": true,
  "baseline-branch": true,
  "results-branch": true,
  "store-url": true,
  "github-token": true,
  comment: true,
  "fail-on-gate": true,
  variant: true,
  shard: true,
  mode: true,
};

export function parseSettings(getInput: (name: string) => string): ActionSettings {
  const raw = Object.fromEntries(Object.keys(ACTION_INPUTS).map((name) => [name, getInput(name)]));
  const parsed = ActionInputsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(`invalid inputs:\n  ${formatZodIssues(parsed.error).join("\n  ")}`);
  }
  if (parsed.data.shard && parsed.data.mode === "merge") {
    throw new UserError("invalid inputs:\n  shard and mode: merge: a job runs one shard or merges them all; give one of the two");
  }
  return parsed.data;
}
