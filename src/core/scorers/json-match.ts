import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { evidenceValue, preview } from "./evidence-values.js";
import { expectedJson } from "./expected-json.js";
import { ArrayRuleField, describeMismatches, subsetMismatches } from "./json-subset.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  parseJson,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "./value-sources.js";

const JsonMatchConfigSchema = z.strictObject({
  ...OutputPathFields,
  ...ExpectedSourceFields,
  ...ArrayRuleField,
}).superRefine(refuseValueAndField);

export const jsonMatch = defineScorer({
  name: "json_match",
  description:
    "The output's JSON (or `output_path`) holds the expected value as a subset: every expected key present with an " +
    "equal value, recursively; arrays element by element, or in any order with `array: subset`.",
  configSchema: JsonMatchConfigSchema,
  create(config) {
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const expected = readExpected(item, config);
      const wanted = expectedJson(expected);
      const evidence = { read: evidenceValue(output.value), compared: evidenceValue(wanted) };
      const actual = outputJson(output.value);
      if (!actual.ok) {
        return { score: 0, passed: false, evidence: { ...evidence, reason: `${output.label} is not JSON: ${actual.error}` } };
      }
      const mismatches = subsetMismatches(actual.value, wanted, config.array);
      const passed = mismatches.length === 0;
      const reason = passed
        ? `${output.label} holds ${expected.label} ${preview(wanted)}`
        : `${output.label} does not hold ${expected.label}: ${describeMismatches(output.label, mismatches)}`;
      return { score: passed ? 1 : 0, passed, evidence: { ...evidence, reason } };
    };
  },
});

/** A text output is parsed; a structured one was read from JSON already. */
function outputJson(value: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof value !== "string") return { ok: true, value };
  const parsed = parseJson(value);
  if (!parsed.ok && parsed.tooDeep) throw new Error(`the output is JSON text, but ${parsed.error}; nothing to score`);
  return parsed;
}
