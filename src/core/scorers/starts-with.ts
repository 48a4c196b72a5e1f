import { z } from "zod";
import { truncate } from "../report/excerpt.js";
import { defineScorer } from "./scorer.js";
import { asText, evidenceValue, preview } from "./evidence-values.js";
import { caseFold, caseNote, expectedTexts, outputStartsWith, quoteList } from "./text-expectations.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "./value-sources.js";

const StartsWithConfigSchema = z.strictObject({
  ...OutputPathFields,
  ...ExpectedSourceFields,
  /** Models often open with a newline or a space; leading whitespace is ignored by default. */
  trim: z.boolean().default(true),
  case_sensitive: z.boolean().default(true),
}).superRefine(refuseValueAndField);

export const startsWith = defineScorer({
  name: "starts_with",
  description: "The output starts with the expected text (or with any of a list of texts).",
  configSchema: StartsWithConfigSchema,
  create(config) {
    const fold = caseFold(config.case_sensitive);
    const note = caseNote(config.case_sensitive);
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const texts = expectedTexts(readExpected(item, config));
      const text = asText(output.value);
      const shown = config.trim ? text.trimStart() : text;
      const start = fold(shown);
      const match = texts.find((candidate) => outputStartsWith(output.value, start, candidate, fold));
      const passed = match !== undefined;
      const reason = passed
        ? `${output.label} starts with ${preview(match)}`
        : `${output.label} starts with ${preview(truncate(shown, 40))}, not ${texts.length === 1 ? "" : "any of "}${quoteList(texts)}`;
      return {
        score: passed ? 1 : 0,
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
