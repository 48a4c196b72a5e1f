import { distance } from "fastest-levenshtein";
import { z } from "zod";
import { formatScore } from "../stats.js";
import { defineScorer } from "./scorer.js";
import { asText, evidenceValue } from "./evidence-values.js";
import { expectedText } from "./expected-text.js";
import { caseNote } from "./text-expectations.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "./value-sources.js";

const LevenshteinConfigSchema = z.strictObject({
  ...OutputPathFields,
  ...ExpectedSourceFields,
  max_distance: z
    .number({ error: "write the most edits allowed as a whole number, e.g. max_distance: 3" })
    .int({ error: "write the most edits allowed as a whole number, e.g. max_distance: 3" })
    .nonnegative({ error: "write the most edits allowed as a whole number, e.g. max_distance: 3" })
    .optional(),
  min_similarity: z
    .number({ error: "write the least similarity as a number from 0 to 1, e.g. min_similarity: 0.8" })
    .min(0, { error: "write the least similarity as a number from 0 to 1, e.g. min_similarity: 0.8" })
    .max(1, { error: "write the least similarity as a number from 0 to 1, e.g. min_similarity: 0.8" })
    .optional(),
  trim: z.boolean().default(true),
  case_sensitive: z.boolean().default(true),
}).superRefine((config, context) => {
  refuseValueAndField(config, context);
  const given = [config.max_distance, config.min_similarity].filter((bound) => bound !== undefined).length;
  if (given !== 1) {
    context.addIssue({
      code: "custom",
      path: ["max_distance"],
      message:
        given === 0
          ? "set max_distance (edits allowed, e.g. max_distance: 3) or min_similarity (0 to 1, e.g. min_similarity: 0.8)"
          : "set either max_distance or min_similarity, not both",
    });
  }
});

/** A similarity printed as 0.8 must reach a min_similarity of 0.8 despite binary rounding. */
const SIMILARITY_TOLERANCE = 1e-9;

export const levenshtein = defineScorer({
  name: "levenshtein",
  description:
    "The output is within `max_distance` edits (Levenshtein) of the expected text, or at least `min_similarity` " +
    "similar; score = similarity = 1 − distance / length of the longer text.",
  configSchema: LevenshteinConfigSchema,
  create(config) {
    const normalize = (text: string): string => {
      const trimmed = config.trim ? text.trim() : text;
      return config.case_sensitive ? trimmed : trimmed.toLowerCase();
    };
    const thresholds = config.min_similarity === undefined ? [] : [config.min_similarity];
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const expected = readExpected(item, config);
      const actual = normalize(asText(output.value));
      const wanted = normalize(expectedText(expected));
      const edits = distance(actual, wanted);
      const longer = Math.max(actual.length, wanted.length);
      const similarity = longer === 0 ? 1 : 1 - edits / longer;
      const passed =
        config.max_distance !== undefined
          ? edits <= config.max_distance
          : similarity >= (config.min_similarity ?? 1) - SIMILARITY_TOLERANCE;
      const measured =
        `${output.label} is ${edits === 1 ? "1 edit" : `${edits} edits`} from ${expected.label} ` +
        `(similarity ${formatScore(similarity, thresholds)} over ${longer} characters)`;
      const bound =
        config.max_distance !== undefined
          ? `max_distance ${config.max_distance}`
          : `min_similarity ${config.min_similarity ?? 1}`;
      return {
        score: similarity,
        passed,
        evidence: {
          read: evidenceValue(output.value),
          compared: evidenceValue(wanted),
          reason: `${measured}, ${passed ? "within" : "outside"} ${bound}${caseNote(config.case_sensitive)}`,
        },
      };
    };
  },
});
