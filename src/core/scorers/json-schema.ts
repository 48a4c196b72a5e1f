import type { ValidateFunction } from "ajv";
import { z } from "zod";
import { DurationSchema } from "../config/schema.js";
import { defineScorer } from "./scorer.js";
import { evidenceValue } from "./evidence-values.js";
import { compiledJsonSchema, describeSchemaErrors } from "./json-schema-compiler.js";
import { runWithinTimeLimit, TimeLimitExceeded } from "./run-within-time-limit.js";
import { OutputPathFields, parseJson, readOutput } from "./value-sources.js";

/**
 * A schema's `pattern` and `patternProperties` are regular expressions run on the output, and can
 * backtrack catastrophically like the regex scorer's; the whole validation runs within this limit.
 * It is wider than a single regex match's: it covers every value of a large output.
 */
const DEFAULT_TIMEOUT_MS = 1000;

const JsonSchemaConfigSchema = z.strictObject({
  ...OutputPathFields,
  schema: z.record(z.string(), z.unknown(), {
    error: "write an inline JSON Schema object, e.g. schema: { type: object, required: [answer] }",
  }),
  timeout: DurationSchema.default(DEFAULT_TIMEOUT_MS),
}).superRefine((config, context) => {
  try {
    compiledJsonSchema(config.schema);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    context.addIssue({ code: "custom", path: ["schema"], message: `not a valid JSON Schema: ${detail}` });
  }
});

export const jsonSchema = defineScorer({
  name: "json_schema",
  description:
    "The output (parsed from a string if needed) is valid against an inline JSON Schema. Validation may take " +
    `at most \`timeout\` (default ${DEFAULT_TIMEOUT_MS}ms): a schema \`pattern\` that backtracks is this scorer's error on the item.`,
  configSchema: JsonSchemaConfigSchema,
  create(config) {
    const validate = compiledJsonSchema(config.schema);
    return ({ result }) => {
      const output = readOutput(result, config.output_path);
      let value = output.value;
      let notJson = "";
      if (typeof value === "string") {
        const parsed = parseJson(value);
        // A string that is not JSON is validated as the string it is (a schema may want a string).
        if (parsed.ok) value = parsed.value;
        else if (parsed.tooDeep) throw new Error(`${output.label} is JSON text, but ${parsed.error}; too deep to validate`);
        else notJson = `${output.label} is a string that is not valid JSON; as a string, `;
      }
      const passed = value !== undefined && validateWithinTimeLimit(validate, value, config.timeout);
      let reason: string;
      if (value === undefined) reason = `${output.label} is missing`;
      else if (passed) reason = `${output.label} matches the schema`;
      else reason = `${notJson}${output.label} does not match the schema: ${describeSchemaErrors(validate.errors ?? [])}`;
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: { read: evidenceValue(output.value), compared: config.schema, reason },
      };
    };
  },
});

function validateWithinTimeLimit(validate: ValidateFunction, value: unknown, timeoutMs: number): boolean {
  try {
    return runWithinTimeLimit(() => validate(value), timeoutMs);
  } catch (error) {
    if (!(error instanceof TimeLimitExceeded)) throw error;
    throw new Error(
      `json_schema validation timed out after ${timeoutMs} ms; simplify the schema's pattern or patternProperties ` +
        "(no nested quantifiers such as (a+)+) or raise timeout",
    );
  }
}
