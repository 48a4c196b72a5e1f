import type { Comparison, MeasuredSum } from "./comparison.js";
import type { GateConfig } from "./config/schema.js";
import type { NamedCheck } from "./gate-comparison.js";
import { formatCost, formatCount, formatMs, formatRatio } from "./stats.js";

type BudgetKey = "max_cost_ratio" | "max_latency_p95_ratio" | "max_tokens_ratio";
type BudgetName = "cost_ratio" | "latency_p95_ratio" | "tokens_ratio";

interface Budget {
  name: BudgetName;
  key: BudgetKey;
  /** What is measured, as a reviewer reads it. */
  what: string;
  measured: MeasuredSum;
  format: (value: number) => string;
}

/**
 * The budgets against the baseline (`max_cost_ratio`, `max_latency_p95_ratio`,
 * `max_tokens_ratio`): the candidate's cost, p95 latency or total tokens over the baseline's, on
 * the shared items both answered. A value a side did not report is unknown, never 0:
 * - the ratio over the items both sides measured above the limit → `fail` (a fact);
 * - the candidate leaving unreported what the baseline measured → `fail` (its own problem:
 *   dropping the usage from the answers must not pass a cost budget);
 * - the baseline leaving unreported what the candidate measured → `not_comparable`;
 * - neither measuring it at all → `inconclusive` (the budget cannot be checked here).
 * A baseline of 0 under a candidate above 0 is an unbounded ratio, which fails any budget.
 */
export function budgetChecks(gate: GateConfig, comparison: Comparison): NamedCheck[] {
  const budgets: Record<BudgetKey, () => Budget> = {
    max_cost_ratio: () => ({ name: "cost_ratio", key: "max_cost_ratio", what: "cost", measured: comparison.measured.cost, format: formatCost }),
    // Latency is measured for every item that answered: the p95 of each side stands for its items.
    max_latency_p95_ratio: () => ({
      name: "latency_p95_ratio",
      key: "max_latency_p95_ratio",
      what: "p95 latency",
      measured: latencyMeasured(comparison),
      format: formatMs,
    }),
    max_tokens_ratio: () => ({ name: "tokens_ratio", key: "max_tokens_ratio", what: "tokens", measured: comparison.measured.tokens, format: formatCount }),
  };
  return (Object.keys(budgets) as BudgetKey[]).flatMap((key) => {
    const limit = gate[key];
    return limit === undefined ? [] : [budgetCheck(budgets[key](), limit)];
  });
}

function latencyMeasured(comparison: Comparison): MeasuredSum {
  const { baseline, candidate } = comparison.latency_ms.p95;
  return {
    pairs: baseline > 0 && candidate > 0 ? comparison.items.shared : 0,
    baseline,
    candidate,
    only_baseline: baseline > 0 && candidate === 0 ? 1 : 0,
    only_candidate: baseline === 0 && candidate > 0 ? 1 : 0,
  };
}

function budgetCheck(budget: Budget, limit: number): NamedCheck {
  const { measured, key, what } = budget;
  const check = { name: budget.name, limit, description: `${what} at most ${formatRatio(limit)} the baseline's` };
  const ratio = measured.baseline === 0 ? (measured.candidate === 0 ? 1 : Number.POSITIVE_INFINITY) : measured.candidate / measured.baseline;
  const over = ratio > limit * (1 + 1e-12);
  if (measured.pairs > 0 && over) {
    return {
      ...check,
      passed: false,
      actual: ratio,
      reason:
        `${what} ${budget.format(measured.candidate)} is ${formatRatio(ratio, [limit])} the baseline's ` +
        `${budget.format(measured.baseline)}${partly(measured)}, above ${key} ${limit}`,
    };
  }
  if (measured.only_baseline > 0) {
    return {
      ...check,
      passed: false,
      actual: null,
      reason:
        `the candidate does not report ${what} on ${formatCount(measured.only_baseline)} ${items(measured.only_baseline)} the baseline measured, ` +
        `so ${key} cannot be checked; make the candidate report ${what} again`,
    };
  }
  if (measured.only_candidate > 0) {
    return {
      ...check,
      passed: false,
      actual: null,
      outcome: "not_comparable",
      reason:
        `the baseline does not report ${what} on ${formatCount(measured.only_candidate)} ${items(measured.only_candidate)} the candidate measured, ` +
        `so ${key} cannot be checked; refresh the baseline`,
    };
  }
  if (measured.pairs === 0) {
    return {
      ...check,
      passed: false,
      actual: null,
      outcome: "inconclusive",
      reason: `${key} is set, but neither run reports ${what}: make the target report it, or remove ${key}`,
    };
  }
  return { ...check, passed: true, actual: ratio, reason: "" };
}

/** " (over the 40 items both measured)" when fewer than all pairs were measured; else nothing. */
function partly(measured: MeasuredSum): string {
  const unmeasured = measured.only_baseline + measured.only_candidate;
  return unmeasured === 0 ? "" : ` (over the ${formatCount(measured.pairs)} ${items(measured.pairs)} both runs measured)`;
}

function items(count: number): string {
  return count === 1 ? "item" : "items";
}
