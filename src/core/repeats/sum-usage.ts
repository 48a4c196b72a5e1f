import type { Usage } from "../model/run-item.js";

const COUNTED = ["input_tokens", "output_tokens", "cached_input_tokens", "cache_creation_input_tokens"] as const;

/**
 * The tokens of several calls together; undefined when none reported any. A count is present
 * when any call reported it. `total_tokens`, when any call reported it, adds input + output for
 * the calls that did not, as the run summary does, so a total never undercounts.
 */
export function sumUsage(usages: readonly (Usage | undefined)[]): Usage | undefined {
  const reported = usages.filter((usage): usage is Usage => usage !== undefined);
  if (reported.length === 0) return undefined;
  const sum: Usage = {};
  for (const key of COUNTED) {
    if (reported.some((usage) => usage[key] !== undefined)) sum[key] = reported.reduce((total, usage) => total + (usage[key] ?? 0), 0);
  }
  if (reported.some((usage) => usage.total_tokens !== undefined)) {
    sum.total_tokens = reported.reduce(
      (total, usage) => total + (usage.total_tokens ?? (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0)),
      0,
    );
  }
  return sum;
}
