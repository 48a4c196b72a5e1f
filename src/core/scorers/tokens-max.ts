import { z } from "zod";
import type { Usage } from "../model/run-item.js";
import { defineScorer } from "./scorer.js";

const TokensMaxConfigSchema = z.strictObject({
  max: z
    .number({ error: "write the most tokens allowed, e.g. max: 2000" })
    .int({ error: "write the most tokens allowed as a whole number, e.g. max: 2000" })
    .positive({ error: "write a limit above 0 tokens, e.g. max: 2000" }),
  /** Which count of the target's usage is limited. */
  tokens: z.enum(["total", "input", "output"], { error: "write tokens: total, input or output" }).default("total"),
});

type Counted = z.output<typeof TokensMaxConfigSchema>["tokens"];

export const tokensMax = defineScorer({
  name: "tokens_max",
  description:
    "The target used at most `max` tokens (`tokens: total` by default, or `input` / `output`); score = min(1, max / used). " +
    "A target that reported no usage is this scorer's error (never a pass, even under `not`).",
  configSchema: TokensMaxConfigSchema,
  create(config) {
    const compared = { max: config.max, tokens: config.tokens };
    return ({ result }) => {
      const usage = result.usage;
      const used = usage === undefined ? undefined : tokenCount(usage, config.tokens);
      if (used === undefined) {
        // A missing count never passes a limit: an unreported usage is not a small one. An error,
        // not a failure, so that `not: true` cannot turn "nothing was measured" into a pass.
        throw new Error(missingReason(usage, config.tokens));
      }
      const passed = used.count <= config.max;
      return {
        score: used.count === 0 ? 1 : Math.min(1, config.max / used.count),
        passed,
        evidence: {
          read: usage,
          compared,
          reason: `${used.count} ${config.tokens} tokens${used.note}, ${passed ? "within" : "over"} the limit of ${config.max}`,
        },
      };
    };
  },
});

/** The count limited; a total the target did not report is its input plus its output, when both are known. */
function tokenCount(usage: Usage, counted: Counted): { count: number; note: string } | undefined {
  if (counted === "input") return known(usage.input_tokens);
  if (counted === "output") return known(usage.output_tokens);
  if (usage.total_tokens !== undefined) return { count: usage.total_tokens, note: "" };
  if (usage.input_tokens === undefined || usage.output_tokens === undefined) return undefined;
  return {
    count: usage.input_tokens + usage.output_tokens,
    note: ` (${usage.input_tokens} input + ${usage.output_tokens} output)`,
  };
}

function known(count: number | undefined): { count: number; note: string } | undefined {
  return count === undefined ? undefined : { count, note: "" };
}

function missingReason(usage: Usage | undefined, counted: Counted): string {
  if (usage === undefined) return "the target reported no token usage; a missing count never passes tokens_max";
  const fields = counted === "total" ? "total_tokens (nor both input_tokens and output_tokens)" : `${counted}_tokens`;
  return `the target's usage has no ${fields}; a missing count never passes tokens_max`;
}
