import { z } from "zod";
import { formatCost } from "../stats.js";
import { defineScorer } from "./scorer.js";

const CostMaxConfigSchema = z.strictObject({
  max: z
    .number({ error: "write the most the call may cost, in the unit the target reports, e.g. max: 0.01" })
    .nonnegative({ error: "write a limit of 0 or more, e.g. max: 0.01" }),
});

export const costMax = defineScorer({
  name: "cost_max",
  description:
    "The call cost at most `max` (the result's cost, in the unit the target or the price table gives); " +
    "score = min(1, max / cost). A target that reported no cost is this scorer's error (never a pass, even under `not`).",
  configSchema: CostMaxConfigSchema,
  create(config) {
    return ({ result }) => {
      const cost = result.cost;
      if (cost === undefined) {
        // A missing cost never passes a limit: an unreported cost is not a free call. An error, not
        // a failure, so that `not: true` cannot turn "nothing was measured" into a pass.
        throw new Error("the target reported no cost; a missing cost never passes cost_max");
      }
      const passed = cost <= config.max;
      return {
        score: cost === 0 ? 1 : Math.min(1, config.max / cost),
        passed,
        evidence: {
          read: cost,
          compared: config.max,
          reason: `cost ${exact(cost)} is ${passed ? "within" : "over"} the limit of ${exact(config.max)}`,
        },
      };
    };
  },
});

/** Four decimals as the report shows costs, or the exact value where four would round it. */
function exact(value: number): string {
  const shown = formatCost(value);
  return Number(shown) === value ? shown : String(value);
}
