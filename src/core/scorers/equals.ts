import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { evidenceValue, kindOf, preview } from "./evidence-values.js";
import { scalarFromText, valuesEqual, type TextEquality } from "./scalar-equality.js";
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
    "The output equals the expected value (deep equality, scalars across JSON types as in scalar-equality.ts; strings trimmed by default).",
  configSchema: EqualsConfigSchema,
  create(config) {
    const textsEqual = textEquality(config.trim, config.case_sensitive);
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const expected = readExpected(item, config);
      const { value: actual, parsed } = comparableOutput(output.value, expected.value);
      const passed = valuesEqual(actual, expected.value, textsEqual);
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
 * output is a string holding JSON, the parsed value is compared ('{"id": 42}' equals {id: 42}).
 */
function comparableOutput(output: unknown, expected: unknown): { value: unknown; parsed: boolean } {
  if (typeof output !== "string" || typeof expected === "string") return { value: output, parsed: false };
  const parsed = parseJson(output);
  return parsed.ok ? { value: parsed.value, parsed: true } : { value: output, parsed: false };
}

/** Trim and case apply to every text compared, inside structured values too. */
function textEquality(trim: boolean, caseSensitive: boolean): TextEquality {
  const normalize = textNormalizer(trim, caseSensitive);
  return (actual, expected) => normalize(actual) === normalize(expected);
}

function textNormalizer(trim: boolean, caseSensitive: boolean): (text: string) => string {
  if (trim && !caseSensitive) return (text) => text.trim().toLowerCase();
  if (trim) return (text) => text.trim();
  if (!caseSensitive) return (text) => text.toLowerCase();
  return (text) => text;
}

/** Named only when the types alone explain the failure: not for 41 against the text "42". */
function typeNote(actual: unknown, expected: unknown): string {
  const actualKind = kindOf(spelledScalar(actual, expected));
  const expectedKind = kindOf(spelledScalar(expected, actual));
  return actualKind === expectedKind ? "" : ` (output is ${kindOf(actual)}, expected is ${kindOf(expected)})`;
}

/** A text that spells a scalar of the other side's type counts as that type. */
function spelledScalar(value: unknown, other: unknown): unknown {
  if (typeof value !== "string" || typeof other === "string") return value;
  const scalar = scalarFromText(value);
  return scalar !== undefined && kindOf(scalar) === kindOf(other) ? scalar : value;
}
