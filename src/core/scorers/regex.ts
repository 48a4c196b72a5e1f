import { z } from "zod";
import { DurationSchema } from "../config/schema.js";
import { defineScorer } from "./scorer.js";
import { asText, evidenceValue, preview } from "./evidence-values.js";
import { runWithinTimeLimit, TimeLimitExceeded } from "./run-within-time-limit.js";
import { OutputPathFields, readOutput } from "./value-sources.js";

const FLAGS = /^[dgimsuvy]*$/;

/**
 * Patterns are bounded in length. A short pattern can still backtrack catastrophically
 * (`^(a+)+$` on 40 "a"s and a "!" takes hours), so every match runs within a time limit: on
 * timeout the scorer errors on that item and the run goes on. A linear pattern matches a
 * megabyte in a few milliseconds, far inside the default.
 */
const MAX_PATTERN_LENGTH = 1000;
const DEFAULT_TIMEOUT_MS = 100;

const RegexConfigSchema = z.strictObject({
  ...OutputPathFields,
  pattern: z
    .string({ error: 'write the regular expression, e.g. pattern: "^order [0-9]+$"' })
    .max(MAX_PATTERN_LENGTH, { error: `a pattern is at most ${MAX_PATTERN_LENGTH} characters` }),
  flags: z
    .string()
    .regex(FLAGS, { error: 'flags are letters among d, g, i, m, s, u, v, y, e.g. flags: "i"' })
    .default(""),
  timeout: DurationSchema.default(DEFAULT_TIMEOUT_MS),
}).superRefine((config, context) => {
  const problem = regexProblem(config.pattern, config.flags);
  if (problem !== undefined) {
    context.addIssue({ code: "custom", path: ["pattern"], message: problem });
  }
});

function regexProblem(pattern: string, flags: string): string | undefined {
  if (!FLAGS.test(flags)) return undefined; // the flags' own message says what to write
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `not a valid regular expression (${detail}); in YAML, quote the pattern and double each backslash inside double quotes`;
  }
}

export const regex = defineScorer({
  name: "regex",
  description:
    "The output matches a regular expression (`pattern`, optional `flags` such as \"i\"). Each match " +
    `may take at most \`timeout\` (default ${DEFAULT_TIMEOUT_MS}ms); a slower one is this scorer's error on the item.`,
  configSchema: RegexConfigSchema,
  create(config) {
    const expression = new RegExp(config.pattern, config.flags);
    const shown = `/${config.pattern}/${config.flags}`;
    return ({ result }) => {
      const output = readOutput(result, config.output_path);
      const text = asText(output.value);
      const match = matchWithinTimeLimit(expression, text, config.timeout);
      const passed = match !== null;
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: {
          read: evidenceValue(output.value),
          compared: shown,
          reason: match
            ? `${output.label} matches ${shown} at ${preview(match[0])}`
            : `${output.label} does not match ${shown}`,
        },
      };
    };
  },
});

function matchWithinTimeLimit(expression: RegExp, text: string, timeoutMs: number): RegExpExecArray | null {
  try {
    return runWithinTimeLimit(() => {
      // A "g" or "y" expression remembers where it stopped; every item starts from the beginning.
      expression.lastIndex = 0;
      return expression.exec(text);
    }, timeoutMs);
  } catch (error) {
    if (!(error instanceof TimeLimitExceeded)) throw error;
    throw new Error(
      `regex timed out after ${timeoutMs} ms on a ${text.length}-character output; simplify the pattern ` +
        "(no nested quantifiers such as (a+)+) or raise timeout",
    );
  }
}
