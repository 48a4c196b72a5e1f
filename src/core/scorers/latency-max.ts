import { z } from "zod";
import { defineScorer } from "./scorer.js";

const LatencyMaxConfigSchema = z.strictObject({
  ms: z
    .number({ error: "write the limit in milliseconds, e.g. ms: 2000" })
    .positive({ error: "write a limit above 0 milliseconds, e.g. ms: 2000" }),
});

export const latencyMax = defineScorer({
  name: "latency_max",
  description: "The call took at most `ms` milliseconds; score = min(1, ms / latency).",
  configSchema: LatencyMaxConfigSchema,
  create(config) {
    const limit = config.ms;
    return ({ result }) => {
      const latency = result.latency_ms;
      const passed = latency <= limit;
      const shown = Number.isInteger(latency) ? String(latency) : latency.toFixed(1);
      return {
        score: latency <= 0 ? 1 : Math.min(1, limit / latency),
        passed,
        evidence: {
          read: latency,
          compared: limit,
          reason: passed
            ? `latency ${shown} ms is within ${limit} ms`
            : `latency ${shown} ms exceeds ${limit} ms`,
        },
      };
    };
  },
});
