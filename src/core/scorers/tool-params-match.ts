import { z } from "zod";
import type { ToolCall } from "../model/run-item.js";
import { defineScorer } from "./scorer.js";
import { evidenceValue, preview } from "./evidence-values.js";
import { describeMismatches, subsetMismatches, type SubsetMismatch } from "./json-subset.js";
import { callArguments } from "./tool-call-arguments.js";
import { calledNote, times } from "./tool-call-names.js";

const ToolParamsMatchConfigSchema = z.strictObject({
  tool: z.string({ error: "name the tool, e.g. tool: search_orders" }).min(1, { error: "name the tool, e.g. tool: search_orders" }),
  /** A subset of the arguments, matched as `json_match` does: nested keys too, leaves by the scalar rule. */
  params: z.record(z.string(), z.json(), {
    error: "write the expected arguments as a mapping, e.g. params: { order_id: A1 }",
  }),
});

export const toolParamsMatch = defineScorer({
  name: "tool_params_match",
  description:
    "Some call of `tool` had arguments holding `params` as a subset (nested keys too; `order_id: 42` matches \"42\").",
  configSchema: ToolParamsMatchConfigSchema,
  create(config) {
    return ({ result }) => {
      const calls = result.tool_calls ?? [];
      const judged = calls
        .filter((call) => call.name === config.tool)
        .map((call) => ({ call, mismatches: subsetMismatches(callArguments(call), config.params, "ordered") }));
      const passed = judged.some((candidate) => candidate.mismatches.length === 0);
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: {
          read: evidenceValue(calls),
          compared: { tool: config.tool, params: config.params },
          reason: paramsReason(config.tool, config.params, calls, judged, passed),
        },
      };
    };
  },
});

interface Judged {
  call: ToolCall;
  mismatches: SubsetMismatch[];
}

function paramsReason(tool: string, params: unknown, calls: ToolCall[], judged: Judged[], passed: boolean): string {
  if (judged.length === 0) return `tool ${tool} was not called; ${calledNote(calls)}`;
  if (passed) return `tool ${tool} was called with params ${preview(params)}`;
  // The call that came closest says most about what went wrong.
  const closest = judged.reduce((best, candidate) => (candidate.mismatches.length < best.mismatches.length ? candidate : best));
  return (
    `tool ${tool} was called ${times(judged.length)}, never with params ${preview(params)}; ` +
    `closest call: ${describeMismatches("arguments", closest.mismatches)}`
  );
}
