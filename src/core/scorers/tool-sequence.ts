import { z } from "zod";
import { defineScorer } from "./scorer.js";
import { sequenceText } from "./tool-call-names.js";

const ToolSequenceConfigSchema = z.strictObject({
  tools: z
    .array(z.string().min(1), { error: "list the tools in order, e.g. tools: [search_orders, refund_order]" })
    .min(1, { error: "list the tools in order, e.g. tools: [search_orders, refund_order]" }),
  /**
   * `exact`: the calls are these tools and no others, in this order. `in_order`: these tools are
   * called in this order, other calls allowed between. `any_order`: each is called (as often as
   * it is listed), in any order, other calls allowed.
   */
  mode: z
    .enum(["exact", "in_order", "any_order"], { error: "write mode: exact, in_order or any_order" })
    .default("in_order"),
});

type Mode = z.output<typeof ToolSequenceConfigSchema>["mode"];

export const toolSequence = defineScorer({
  name: "tool_sequence",
  description:
    "The target called `tools` in sequence: `mode: in_order` (default, other calls allowed between), `exact` " +
    "(exactly these calls) or `any_order` (each listed tool called, in any order).",
  configSchema: ToolSequenceConfigSchema,
  create(config) {
    const wanted = config.tools;
    return ({ result }) => {
      // No tool calls reported is an empty sequence: data, judged like any other.
      const names = (result.tool_calls ?? []).map((call) => call.name);
      const problem = sequenceProblem(names, wanted, config.mode);
      const passed = problem === undefined;
      const calls = `calls: ${sequenceText(names)}`;
      return {
        score: passed ? 1 : 0,
        passed,
        evidence: {
          read: names,
          compared: { tools: wanted, mode: config.mode },
          reason: passed ? `${sequenceText(wanted)} ${PASSED[config.mode]}; ${calls}` : `${problem}; ${calls}`,
        },
      };
    };
  },
});

const PASSED: Record<Mode, string> = {
  exact: "were called exactly",
  in_order: "were called in order",
  any_order: "were all called",
};

function sequenceProblem(names: readonly string[], wanted: readonly string[], mode: Mode): string | undefined {
  if (mode === "exact") {
    const same = names.length === wanted.length && names.every((name, index) => name === wanted[index]);
    return same ? undefined : `expected exactly ${sequenceText(wanted)}`;
  }
  if (mode === "in_order") {
    let next = 0;
    for (const name of names) if (name === wanted[next]) next += 1;
    if (next === wanted.length) return undefined;
    const missing = wanted[next];
    return next === 0 ? `${missing} was not called` : `${missing} was not called after ${sequenceText(wanted.slice(0, next))}`;
  }
  const remaining = [...names];
  const missing: string[] = [];
  for (const tool of wanted) {
    const index = remaining.indexOf(tool);
    if (index === -1) missing.push(tool);
    else remaining.splice(index, 1);
  }
  return missing.length === 0 ? undefined : `missing: ${missing.join(", ")} (expected each of ${wanted.join(", ")}, in any order)`;
}
