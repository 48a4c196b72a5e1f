import { n as rougeNFMeasure } from "js-rouge";
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

/** promptfoo's default for `rouge-n`, so a suite moved from it keeps its verdicts. */
const DEFAULT_THRESHOLD = 0.75;

const RougeNConfigSchema = z.strictObject({
  ...OutputPathFields,
  ...ExpectedSourceFields,
  n: z
    .number({ error: "write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2" })
    .int({ error: "write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2" })
    .min(1, { error: "write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2" })
    .max(4, { error: "write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2" })
    .default(1),
  threshold: z
    .number({ error: "write the least F-measure that passes, from 0 to 1, e.g. threshold: 0.6" })
    .min(0, { error: "write the least F-measure that passes, from 0 to 1, e.g. threshold: 0.6" })
    .max(1, { error: "write the least F-measure that passes, from 0 to 1, e.g. threshold: 0.6" })
    .default(DEFAULT_THRESHOLD),
  case_sensitive: z.boolean().default(true),
}).superRefine(refuseValueAndField);

export const rougeN = defineScorer({
  name: "rouge_n",
  description:
    "ROUGE-N (js-rouge: Penn Treebank tokens, n-gram size `n`, default 1) F-measure of the output against the " +
    `expected text; passes at \`threshold\` (default ${DEFAULT_THRESHOLD}).`,
  configSchema: RougeNConfigSchema,
  create(config) {
    const metric = `ROUGE-${config.n} F-measure`;
    return ({ item, result }) => {
      const output = readOutput(result, config.output_path);
      const expected = readExpected(item, config);
      const reference = expectedText(expected);
      if (reference.trim() === "") throw new Error(`${expected.label} is empty; ROUGE needs a reference text`);
      const candidate = asText(output.value);
      // An empty answer shares no n-gram with the reference: 0, where js-rouge would throw.
      const score = candidate.trim() === "" ? 0 : rougeNFMeasure(candidate, reference, { n: config.n, caseSensitive: config.case_sensitive });
      const passed = score >= config.threshold;
      const shown = formatScore(score, [config.threshold]);
      const verdict = passed ? `reaches threshold ${config.threshold}` : `is below threshold ${config.threshold}`;
      return {
        score,
        passed,
        evidence: {
          read: evidenceValue(output.value),
          compared: evidenceValue(reference),
          reason: `${metric} of ${output.label} against ${expected.label} is ${shown}, which ${verdict}${caseNote(config.case_sensitive)}`,
        },
      };
    };
  },
});
