import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { evidenceValue, kindOf, preview } from "./evidence-values.js";
import { scalarFromText } from "./scalar-equality.js";
import { OutputPathFields, readOutput } from "./value-sources.js";

const NumericRangeConfigSchema = z.strictObject({
  ...OutputPathFields,
  min: z.number({ error: "write the lower bound as a number, e.g. min: 0" }).optional(),
  max: z.number({ error: "write the upper bound as a number, e.g. max: 100" }).optional(),
  /** Whether the bounds themselves are in the range. */
  inclusive: z.boolean().default(true),
}).superRefine((config, context) => {
  if (config.min === undefined && config.max === undefined) {
    context.addIssue({ code: "custom", path: ["min"], message: "set min, max or both, e.g. min: 0, max: 100" });
    return;
  }
  if (config.min === undefined || config.max === undefined) return;
  if (config.min > config.max || (config.min === config.max && !config.inclusive)) {
    context.addIssue({
      code: "custom",
      path: ["min"],
      message: `min ${config.min} and max ${config.max} leave no number in the range; write min below max`,
    });
  }
});

type NumericRangeConfig = z.output<typeof NumericRangeConfigSchema>;

export const numericRange = defineScorer({
  name: "numeric_range",
  description:
    "The output (or `output_path`) is a number between `min` and `max` (`inclusive` by default); numeric text such as \"42\" counts.",
  configSchema: NumericRangeConfigSchema,
  create(config) {
    const range = describeRange(config);
    const compared = {
      ...(config.min === undefined ? {} : { min: config.min }),
      ...(config.max === undefined ? {} : { max: config.max }),
      inclusive: config.inclusive,
    };
    return ({ result }) => {
      const output = readOutput(result, config.output_path);
      const number = readNumber(output.value);
      const passed = number !== undefined && inRange(number, config);
      let reason: string;
      if (number === undefined) {
        reason = `${output.label} ${preview(output.value)} is not a number (${kindOf(output.value)}); expected ${range}`;
      } else {
        reason = `${output.label} ${number} is ${passed ? "" : "not "}${range}`;
      }
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: { read: evidenceValue(output.value), compared, reason },
      };
    };
  },
});

/** A number, or a text that spells one by the rule of scalar-equality.ts (" 42 ", "4.2e1"). */
function readNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const scalar = scalarFromText(value);
  return typeof scalar === "number" ? scalar : undefined;
}

function inRange(number: number, config: NumericRangeConfig): boolean {
  const { min, max, inclusive } = config;
  if (min !== undefined && (inclusive ? number < min : number <= min)) return false;
  if (max !== undefined && (inclusive ? number > max : number >= max)) return false;
  return true;
}

function describeRange(config: NumericRangeConfig): string {
  const { min, max, inclusive } = config;
  const low = min === undefined ? undefined : inclusive ? `at least ${min}` : `above ${min}`;
  const high = max === undefined ? undefined : inclusive ? `at most ${max}` : `below ${max}`;
  return [low, high].filter((part) => part !== undefined).join(" and ");
}
