import type { Comparison } from "./comparison.js";
import type { GateConfig } from "./config/schema.js";
import type { NamedCheck } from "./gate-comparison.js";
import { formatCost, formatCount, formatMs, formatRatio } from "./stats.js";

interface Budget {
  name: "cost_ratio" | "latency_p95_ratio" | "tokens_ratio";
  key: "max_cost_ratio" | "max_latency_p95_ratio" | "max_tokens_ratio";
  /** What is measured, as a reviewer reads it. */
  what: string;
  baseline: number;
  candidate: number;
  format: (value: number) => string;
}

/**
 * The budgets against the baseline, over the shared items: `max_cost_ratio` (the target's cost),
 * `max_latency_p95_ratio` (p95 latency of items that answered), `max_tokens_ratio` (total tokens).
 * A budget neither run measured (no cost reported anywhere) cannot pass unseen: `inconclusive`.
 * A baseline of 0 with a candidate above 0 is an unbounded ratio, so it fails any budget.
 */
export function budgetChecks(gate: GateConfig, comparison: Comparison): NamedCheck[] {
  const budgets: Record<Budget["key"], () => Budget> = {
    max_cost_ratio: () => ({ name: "cost_ratio", key: "max_cost_ratio", what: "cost", ...comparison.cost, format: formatCost }),
    max_latency_p95_ratio: () => ({
      name: "latency_p95_ratio",
      key: "max_latency_p95_ratio",
      what: "p95 latency",
      ...comparison.latency_ms.p95,
      format: formatMs,
    }),
    max_tokens_ratio: () => ({ name: "tokens_ratio", key: "max_tokens_ratio", what: "tokens", ...comparison.tokens.total, format: formatCount }),
  };
  return (Object.keys(budgets) as Budget["key"][]).flatMap((key) => {
    const limit = gate[key];
    return limit === undefined ? [] : [budgetCheck(budgets[key](), limit)];
  });
}

function budgetCheck(budget: Budget, limit: number): NamedCheck {
  const description = `${budget.what} at most ${formatRatio(limit)} the baseline's`;
  if (budget.baseline === 0 && budget.candidate === 0) {
    return {
      name: budget.name,
      passed: false,
      actual: 0,
      limit,
      description,
      outcome: "inconclusive",
      reason: `${budget.key} is set, but neither run reports ${budget.what}: make the target report it, or remove ${budget.key}`,
    };
  }
  const ratio = budget.baseline === 0 ? Number.POSITIVE_INFINITY : budget.candidate / budget.baseline;
  return {
    name: budget.name,
    passed: ratio <= limit * (1 + 1e-12),
    actual: ratio,
    limit,
    description,
    reason:
      `${budget.what} ${budget.format(budget.candidate)} is ${formatRatio(ratio, [limit])} the baseline's ` +
      `${budget.format(budget.baseline)}, above ${budget.key} ${limit}`,
  };
}
