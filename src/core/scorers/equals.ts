import { z } from "zod";
import { canonicalJson } from "../canonical.js";
import { defineScorer } from "./scorer.js";
import { evidenceValue, kindOf, preview } from "./evidence-values.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  parseJson,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "./value-sources.js";

const EqualsConfigSchema = z.strictObject({
  ...OutputPathFields,
  ...ExpectedSourceFields,
  trim: z.boolean().default(true),
  case_sensitive: z.boolean().default(true),
}).superRefine(refuseValueAndField);

export const equals = defineScorer({
  name: "equals",
  description:
    "The output equals the expected value (deep equality of canonical JSON; strings trimmed by default).",
  configSchema: EqualsConfigSchema,
  create(config) {
    const normalize = stringNormalizer(config.trim, config.case_sensitive);
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const expected = readExpected(item, config);
      const { value: actual, parsed } = comparableOutput(output.value, expected.value);
      const passed = deepEqual(actual, expected.value, normalize);
      const parsedNote = parsed ? " (output parsed as JSON)" : "";
      let reason: string;
      if (passed) {
        reason = `${output.label} equals ${expected.label} ${preview(expected.value)}${parsedNote}`;
      } else if (output.value === undefined) {
        reason = `${output.label} is missing; ${expected.label} is ${preview(expected.value)}`;
      } else {
        reason =
          `${output.label} ${preview(actual)} does not equal ${expected.label} ${preview(expected.value)}` +
          parsedNote +
          typeNote(actual, expected.value);
      }
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: { read: evidenceValue(output.value), compared: evidenceValue(expected.value), reason },
      };
    };
  },
});

/**
 * Targets answer text, datasets hold numbers and objects: when a non-string is expected and the
 * output is a string holding JSON, the parsed value is compared ("42" equals 42).
 */
function comparableOutput(output: unknown, expected: unknown): { value: unknown; parsed: boolean } {
  if (typeof output !== "string" || typeof expected === "string") return { value: output, parsed: false };
  const parsed = parseJson(output);
  return parsed.ok ? { value: parsed.value, parsed: true } : { value: output, parsed: false };
}

type Normalize = (text: string) => string;

function stringNormalizer(trim: boolean, caseSensitive: boolean): Normalize {
  if (trim && !caseSensitive) return (text) => text.trim().toLowerCase();
  if (trim) return (text) => text.trim();
  if (!caseSensitive) return (text) => text.toLowerCase();
  return (text) => text;
}

function deepEqual(actual: unknown, expected: unknown, normalize: Normalize): boolean {
  if (actual === undefined) return false;
  if (typeof actual === "string" && typeof expected === "string") {
    return normalize(actual) === normalize(expected);
  }
  return canonicalJson(normalizeStrings(actual, normalize)) === canonicalJson(normalizeStrings(expected, normalize));
}

/** Trim and case apply to every string inside a structured value too, not only at the top. */
function normalizeStrings(value: unknown, normalize: Normalize): unknown {
  if (typeof value === "string") return normalize(value);
  if (Array.isArray(value)) return value.map((entry) => normalizeStrings(entry, normalize));
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) copy[key] = normalizeStrings(entry, normalize);
    return copy;
  }
  return value;
}

function typeNote(actual: unknown, expected: unknown): string {
  const actualKind = kindOf(actual);
  const expectedKind = kindOf(expected);
  return actualKind === expectedKind ? "" : ` (output is ${actualKind}, expected is ${expectedKind})`;
}
