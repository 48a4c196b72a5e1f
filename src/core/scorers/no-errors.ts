import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { evidenceValue, preview } from "./evidence-values.js";
import { parseJson } from "./value-sources.js";

/**
 * Kept simple on purpose: an answer carries an error when it is an object (or the JSON text of
 * one) with an `error` key that holds something (not null, false, "" or an empty object or list),
 * the shape OpenAI-style APIs and most HTTP services use. Text that merely mentions an error is an
 * answer, and tool calls are not checked: a target's result records the calls, not what they
 * returned, and an answer of tool calls only has no output to carry one. A call that failed
 * outright never reaches a scorer: its item is an error already.
 */
export const noErrors = defineScorer({
  name: "no_errors",
  description:
    "The output carries no error: it is not an object (or the JSON text of one) with a non-empty `error` key.",
  configSchema: z.strictObject({}),
  create() {
    return ({ result }) => {
      if (result.output === undefined || result.output === null) {
        // A valid answer of tool calls only: there is no output to carry an error.
        return {
          score: 1,
          passed: true,
          evidence: { read: evidenceValue(result.tool_calls), reason: "the target answered with tool calls only, and no output carries an error" },
        };
      }
      const error = carriedError(result.output);
      const passed = error === undefined;
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: {
          read: evidenceValue(result.output),
          reason: passed ? "the output carries no error" : `the output carries an error: ${preview(error)}`,
        },
      };
    };
  },
});

function carriedError(output: unknown): unknown {
  let value = output;
  if (typeof value === "string") {
    const parsed = parseJson(value);
    if (!parsed.ok) return undefined;
    value = parsed.value;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, "error")) return undefined;
  const error = (value as Record<string, unknown>)["error"];
  return holdsSomething(error) ? error : undefined;
}

function holdsSomething(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}
