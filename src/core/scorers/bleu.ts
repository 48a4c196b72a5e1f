import { z } from "zod";
import { formatScore } from "../stats.js";
import { defineScorer } from "./scorer.js";
import { asText, evidenceValue } from "./evidence-values.js";
import { BLEU_MAX_ORDER, bleuTokens, sentenceBleu, type BleuBreakdown } from "./sentence-bleu.js";
import { caseNote, expectedTexts } from "./text-expectations.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "./value-sources.js";

/** promptfoo's default for `bleu`, so a suite moved from it keeps its verdicts. */
const DEFAULT_THRESHOLD = 0.5;

const BleuConfigSchema = z.strictObject({
  ...OutputPathFields,
  ...ExpectedSourceFields,
  threshold: z
    .number({ error: "write the least BLEU score that passes, from 0 to 1, e.g. threshold: 0.4" })
    .min(0, { error: "write the least BLEU score that passes, from 0 to 1, e.g. threshold: 0.4" })
    .max(1, { error: "write the least BLEU score that passes, from 0 to 1, e.g. threshold: 0.4" })
    .default(DEFAULT_THRESHOLD),
  case_sensitive: z.boolean().default(true),
}).superRefine(refuseValueAndField);

export const bleu = defineScorer({
  name: "bleu",
  description:
    `Sentence BLEU (n-grams up to ${BLEU_MAX_ORDER}, sacrebleu's exp smoothing) of the output against the expected ` +
    `text or list of reference texts; passes at \`threshold\` (default ${DEFAULT_THRESHOLD}).`,
  configSchema: BleuConfigSchema,
  create(config) {
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const expected = readExpected(item, config);
      const references = expectedTexts(expected);
      const referenceTokens = references.map((text) => bleuTokens(text, config.case_sensitive));
      if (referenceTokens.every((tokens) => tokens.length === 0)) {
        throw new Error(`${expected.label} is blank; BLEU needs a reference text`);
      }
      const breakdown = sentenceBleu(bleuTokens(asText(output.value), config.case_sensitive), referenceTokens);
      const passed = breakdown.score >= config.threshold;
      const verdict = passed ? `reaches threshold ${config.threshold}` : `is below threshold ${config.threshold}`;
      const against = references.length === 1 ? expected.label : `${references.length} references in ${expected.label}`;
      return {
        score: breakdown.score,
        passed,
        evidence: {
          read: evidenceValue(output.value),
          compared: evidenceValue(references.length === 1 ? references[0] : references),
          reason:
            `BLEU of ${output.label} against ${against} is ${formatScore(breakdown.score, [config.threshold])} ` +
            `(${describeBreakdown(breakdown)}), which ${verdict}${caseNote(config.case_sensitive)}`,
        },
      };
    };
  },
});

/** "1-4 gram matches 5/6, 3/5, 2/4, 1/3; brevity penalty 1 (6 tokens, reference 6)". */
function describeBreakdown(breakdown: BleuBreakdown): string {
  const { matches, totals, brevityPenalty, candidateLength, referenceLength } = breakdown;
  if (candidateLength === 0) return "the output is blank";
  const fractions = matches.map((matched, index) => `${matched}/${totals[index] ?? 0}`).join(", ");
  const orders = matches.length === 1 ? "1-gram matches" : `1-${matches.length} gram matches`;
  const penalty = brevityPenalty === 1 ? "1" : brevityPenalty.toFixed(4);
  return `${orders} ${fractions}; brevity penalty ${penalty} (${candidateLength} tokens, reference ${referenceLength})`;
}
