import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { evidenceValue } from "./evidence-values.js";
import { compiledJsonSchema, describeSchemaErrors } from "./json-schema-compiler.js";
import { OutputPathFields, parseJson, readOutput } from "./value-sources.js";

const JsonSchemaConfigSchema = z.strictObject({
  ...OutputPathFields,
  schema: z.record(z.string(), z.unknown(), {
    error: "write an inline JSON Schema object, e.g. schema: { type: object, required: [answer] }",
  }),
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
  description: "The output (parsed from a string if needed) is valid against an inline JSON Schema.",
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
        else notJson = `${output.label} is a string that is not valid JSON; as a string, `;
      }
      const passed = value !== undefined && validate(value);
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
