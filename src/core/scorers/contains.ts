import { z } from "zod";
import { defineScorer, type ScoreFn, type ScorerDefinition } from "./scorer.js";
import { asText, evidenceValue } from "./evidence-values.js";
import { caseFold, caseNote, expectedTexts, outputHolds, quoteList } from "./text-expectations.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "./value-sources.js";

function containsConfigSchema(caseSensitiveByDefault: boolean) {
  return z.strictObject({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    /** With a list: pass when any text is contained (default: all must be). */
    any: z.boolean().default(false),
    case_sensitive: z.boolean().default(caseSensitiveByDefault),
  }).superRefine(refuseValueAndField);
}

type ContainsConfig = z.output<ReturnType<typeof containsConfigSchema>>;

/** Shared by `contains` and `icontains`: they differ only in the default of `case_sensitive`. */
export function containsScorer(
  name: string,
  caseSensitiveByDefault: boolean,
): ScorerDefinition<ReturnType<typeof containsConfigSchema>> {
  return defineScorer({
    name,
    description: caseSensitiveByDefault
      ? "The output contains the expected text (or all of a list of texts; `any: true` for any of them)."
      : "The output contains the expected text, ignoring case (or all of a list; `any: true` for any).",
    configSchema: containsConfigSchema(caseSensitiveByDefault),
    create: createContains,
  });
}

function createContains(config: ContainsConfig): ScoreFn {
  const fold = caseFold(config.case_sensitive);
  const note = caseNote(config.case_sensitive);
  return ({ item, result }) => {
    const output = readOutput(result, config.output_path);
    const texts = expectedTexts(readExpected(item, config));
    const haystack = fold(asText(output.value));
    const found = texts.filter((text) => outputHolds(output.value, haystack, text, fold));
    const missing = texts.filter((text) => !found.includes(text));
    const passed = config.any ? found.length > 0 : missing.length === 0;
    // With `any`, one text found is full marks: a fraction would read as a partial failure.
    const score = config.any ? (passed ? 1 : 0) : found.length / texts.length;
    return {
      score,
      passed,
      evidence: {
        read: evidenceValue(output.value),
        compared: texts.length === 1 ? texts[0] : texts,
        reason: containsReason(output.label, texts, found, missing, config.any) + note,
      },
    };
  };
}

function containsReason(
  label: string,
  texts: string[],
  found: string[],
  missing: string[],
  any: boolean,
): string {
  if (texts.length === 1) {
    return found.length === 1 ? `${label} contains ${quoteList(texts)}` : `${label} does not contain ${quoteList(texts)}`;
  }
  const total = texts.length;
  if (any) {
    return found.length > 0
      ? `${label} contains ${quoteList(found)} (${found.length} of ${total} expected texts)`
      : `${label} contains none of ${total} expected texts: ${quoteList(texts)}`;
  }
  return missing.length === 0
    ? `${label} contains all ${total} expected texts`
    : `${label} contains ${found.length} of ${total} expected texts; missing: ${quoteList(missing)}`;
}

export const contains = containsScorer("contains", true);
