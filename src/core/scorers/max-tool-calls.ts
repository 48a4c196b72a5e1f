import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { sequenceText } from "./tool-call-names.js";

const MaxToolCallsConfigSchema = z.strictObject({
  max: z
    .number({ error: "write the most tool calls allowed as a whole number, e.g. max: 5" })
    .int({ error: "write the most tool calls allowed as a whole number, e.g. max: 5" })
    .nonnegative({ error: "write the most tool calls allowed as a whole number, e.g. max: 5" }),
});

export const maxToolCalls = defineScorer({
  name: "max_tool_calls",
  description: "The target made at most `max` tool calls for the item; score = min(1, max / calls).",
  configSchema: MaxToolCallsConfigSchema,
  create(config) {
    return ({ result }) => {
      const names = (result.tool_calls ?? []).map((call) => call.name);
      const count = names.length;
      const passed = count <= config.max;
      const made = count === 0 ? "no tool calls" : `${count === 1 ? "1 tool call" : `${count} tool calls`} (${sequenceText(names)})`;
      return {
        score: passed ? 1 : config.max / count,
        passed,
        evidence: {
          read: names,
          compared: config.max,
          reason: `${made}, ${passed ? "within" : "over"} the limit of ${config.max}`,
        },
      };
    };
  },
});
