import { z } from "zod";
import type { ToolCall } from "../model/run-item.js";
import { defineScorer } from "./scorer.js";
import { evidenceValue, preview } from "./evidence-values.js";
import { valuesEqual } from "./scalar-equality.js";
import { callArguments } from "./tool-call-arguments.js";

const ToolCalledConfigSchema = z.strictObject({
  tool: z.string({ error: "name the tool, e.g. tool: search_orders" }).min(1),
  /**
   * Every given key must equal the call's argument of that name (by the rule of
   * scalar-equality.ts: `order_id: 42` matches "42"); other arguments are free.
   */
  arguments: z
    .record(z.string(), z.json(), { error: "write arguments as a mapping, e.g. arguments: { order_id: A1 }" })
    .optional(),
  times: z.number().int().nonnegative().optional(),
  min_times: z.number().int().positive().optional(),
}).superRefine((config, context) => {
  if (config.times !== undefined && config.min_times !== undefined) {
    context.addIssue({
      code: "custom",
      path: ["times"],
      message: "set either times (an exact count) or min_times, not both",
    });
  }
});

type ToolCalledConfig = z.output<typeof ToolCalledConfigSchema>;

export const toolCalled = defineScorer({
  name: "tool_called",
  description:
    "The target called a tool (`tool`), optionally with given `arguments`, exactly `times` or at least `min_times`.",
  configSchema: ToolCalledConfigSchema,
  create(config) {
    const wanted = config.arguments === undefined ? undefined : Object.entries(config.arguments);
    const countRule = describeCountRule(config);
    return ({ result }) => {
      const calls = result.tool_calls ?? [];
      const named = calls.filter((call) => call.name === config.tool);
      const matching = wanted === undefined ? named : named.filter((call) => argumentsMatch(call, wanted));
      const passed =
        config.times !== undefined ? matching.length === config.times : matching.length >= (config.min_times ?? 1);
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: {
          read: evidenceValue(calls),
          compared: compared(config),
          reason: toolReason(config, calls, named, matching.length, passed, countRule),
        },
      };
    };
  },
});

type Entries = ReadonlyArray<readonly [string, unknown]>;

function argumentsMatch(call: ToolCall, wanted: Entries): boolean {
  const args = callArguments(call);
  if (args === null || typeof args !== "object" || Array.isArray(args)) return wanted.length === 0;
  const record = args as Record<string, unknown>;
  return wanted.every(([key, value]) => Object.hasOwn(record, key) && valuesEqual(record[key], value));
}

function describeCountRule(config: ToolCalledConfig): string {
  if (config.times !== undefined) return `exactly ${plural(config.times)}`;
  return `at least ${plural(config.min_times ?? 1)}`;
}

function plural(count: number): string {
  return count === 1 ? "1 time" : `${count} times`;
}

function compared(config: ToolCalledConfig): Record<string, unknown> {
  const rule: Record<string, unknown> = { tool: config.tool };
  if (config.arguments !== undefined) rule["arguments"] = config.arguments;
  if (config.times !== undefined) rule["times"] = config.times;
  else rule["min_times"] = config.min_times ?? 1;
  return rule;
}

function toolReason(
  config: ToolCalledConfig,
  calls: ToolCall[],
  named: ToolCall[],
  matching: number,
  passed: boolean,
  countRule: string,
): string {
  const tool = config.tool;
  const withArgs = config.arguments === undefined ? "" : ` with arguments ${preview(config.arguments)}`;
  const calledNames = calls.length === 0 ? "no tools were called" : `called: ${uniqueNames(calls)}`;
  if (named.length === 0) {
    return passed ? `tool ${tool} was not called, as required; ${calledNames}` : `tool ${tool} was not called; ${calledNames}`;
  }
  if (config.arguments !== undefined && matching === 0 && !passed) {
    const seen = named.slice(0, 3).map((call) => preview(callArguments(call))).join(", ");
    return `tool ${tool} was called ${plural(named.length)} but never${withArgs}; its arguments: ${seen}`;
  }
  const verdict = passed ? "" : ` (expected ${countRule})`;
  return `tool ${tool} was called ${plural(matching)}${withArgs}${verdict}`;
}

function uniqueNames(calls: ToolCall[]): string {
  return [...new Set(calls.map((call) => call.name))].join(", ");
}
