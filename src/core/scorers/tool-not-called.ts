import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { evidenceValue } from "./evidence-values.js";
import { calledNote, times } from "./tool-call-names.js";

const ToolNotCalledConfigSchema = z.strictObject({
  tool: z.string({ error: "name the tool, e.g. tool: delete_order" }).min(1, { error: "name the tool, e.g. tool: delete_order" }),
});

export const toolNotCalled = defineScorer({
  name: "tool_not_called",
  description: "The target never called the tool `tool` (an answer with no tool calls passes).",
  configSchema: ToolNotCalledConfigSchema,
  create(config) {
    return ({ result }) => {
      const calls = result.tool_calls ?? [];
      const count = calls.filter((call) => call.name === config.tool).length;
      const passed = count === 0;
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: {
          read: evidenceValue(calls),
          compared: { tool: config.tool },
          reason: passed
            ? `tool ${config.tool} was not called; ${calledNote(calls)}`
            : `tool ${config.tool} was called ${times(count)}, and must not be`,
        },
      };
    };
  },
});
