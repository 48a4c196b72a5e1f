import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { evidenceValue, preview } from "./evidence-values.js";
import { expectedJson } from "./expected-json.js";
import { findJsonValues } from "./find-json-values.js";
import { ArrayRuleField, describeMismatches, subsetMismatches, type SubsetMismatch } from "./json-subset.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "./value-sources.js";

const ContainsJsonConfigSchema = z.strictObject({
  ...OutputPathFields,
  ...ExpectedSourceFields,
  ...ArrayRuleField,
}).superRefine(refuseValueAndField);

export const containsJson = defineScorer({
  name: "contains_json",
  description:
    "The output contains a JSON object or array (the whole output, a fenced block, or one inside prose); with " +
    "`value` or `field`, one that holds that value as a subset (as `json_match`).",
  configSchema: ContainsJsonConfigSchema,
  create(config) {
    const checksValue = config.value !== undefined || config.field !== undefined;
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const found = jsonValuesIn(output.value);
      const read = evidenceValue(output.value);
      if (!checksValue) {
        const passed = found.length > 0;
        const reason = passed
          ? `${output.label} contains JSON ${preview(found[0])}${moreNote(found.length)}`
          : `${output.label} contains no JSON object or array`;
        return { score: passed ? 1 : 0, passed, evidence: { read, reason } };
      }
      const expected = readExpected(item, config);
      const wanted = expectedJson(expected);
      const judged = found.map((value) => ({ value, mismatches: subsetMismatches(value, wanted, config.array) }));
      const match = judged.find((candidate) => candidate.mismatches.length === 0);
      const passed = match !== undefined;
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: { read, compared: evidenceValue(wanted), reason: holdingReason(output.label, expected.label, judged, match) },
      };
    };
  },
});

/** A structured output is JSON itself; a text is searched; a number or boolean holds none. */
function jsonValuesIn(output: unknown): unknown[] {
  if (typeof output === "string") return findJsonValues(output);
  return output !== null && typeof output === "object" ? [output] : [];
}

interface Judged {
  value: unknown;
  mismatches: SubsetMismatch[];
}

function holdingReason(label: string, expectedLabel: string, judged: Judged[], match: Judged | undefined): string {
  if (match !== undefined) return `${label} contains JSON holding ${expectedLabel}: ${preview(match.value)}`;
  if (judged.length === 0) return `${label} contains no JSON object or array`;
  // The value that came closest says most about what went wrong.
  const closest = judged.reduce((best, candidate) => (candidate.mismatches.length < best.mismatches.length ? candidate : best));
  const count = judged.length === 1 ? "JSON" : `${judged.length} JSON values`;
  return (
    `${label} contains ${count}, none holding ${expectedLabel}; closest ${preview(closest.value)}: ` +
    describeMismatches("json", closest.mismatches)
  );
}

function moreNote(count: number): string {
  return count > 1 ? ` (and ${count - 1} more)` : "";
}
