import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { evidenceValue, kindOf } from "./evidence-values.js";
import { OutputPathFields, parseJson, readOutput } from "./value-sources.js";

export const jsonValid = defineScorer({
  name: "json_valid",
  description: "The output is valid JSON: a string that parses as JSON, or an already structured value.",
  configSchema: z.strictObject({ ...OutputPathFields }),
  create(config) {
    return ({ result }) => {
      const output = readOutput(result, config.output_path);
      const verdict = judgeJson(output.value, output.label);
      return {
        score: verdict.passed ? 1 : 0,
        passed: verdict.passed,
        evidence: { read: evidenceValue(output.value), reason: verdict.reason },
      };
    };
  },
});

function judgeJson(value: unknown, label: string): { passed: boolean; reason: string } {
  if (value === undefined) return { passed: false, reason: `${label} is missing` };
  if (typeof value !== "string") {
    // The target's answer was read from JSON, so a structured value is JSON already.
    return { passed: true, reason: `${label} is ${kindOf(value)}, already JSON` };
  }
  const parsed = parseJson(value);
  if (parsed.ok) return { passed: true, reason: `${label} parses as JSON (${kindOf(parsed.value)})` };
  // Valid JSON all the same: only its value is too deep to be kept.
  if (parsed.tooDeep) return { passed: true, reason: `${label} parses as JSON (${parsed.error})` };
  return { passed: false, reason: `${label} is not valid JSON: ${parsed.error}` };
}
