import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { asText, evidenceValue } from "./evidence-values.js";
import { caseFold, caseNote, expectedTexts, outputHolds, quoteList } from "./text-expectations.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "./value-sources.js";

const NotContainsConfigSchema = z.strictObject({
  ...OutputPathFields,
  ...ExpectedSourceFields,
  case_sensitive: z.boolean().default(true),
}).superRefine(refuseValueAndField);

export const notContains = defineScorer({
  name: "not_contains",
  description:
    "The output contains none of the given texts (`value: [...]` or a field of the item). Score = fraction absent.",
  configSchema: NotContainsConfigSchema,
  create(config) {
    const fold = caseFold(config.case_sensitive);
    const note = caseNote(config.case_sensitive);
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const texts = expectedTexts(readExpected(item, config));
      const haystack = fold(asText(output.value));
      const present = texts.filter((text) => outputHolds(output.value, haystack, text, fold));
      const passed = present.length === 0;
      let reason: string;
      if (passed) {
        reason = texts.length === 1
          ? `${output.label} does not contain ${quoteList(texts)}`
          : `${output.label} contains none of ${texts.length} forbidden texts`;
      } else {
        reason = texts.length === 1
          ? `${output.label} contains ${quoteList(present)}`
          : `${output.label} contains ${present.length} of ${texts.length} forbidden texts: ${quoteList(present)}`;
      }
      return {
        score: (texts.length - present.length) / texts.length,
        passed,
        evidence: {
          read: evidenceValue(output.value),
          compared: texts.length === 1 ? texts[0] : texts,
          reason: reason + note,
        },
      };
    };
  },
});
