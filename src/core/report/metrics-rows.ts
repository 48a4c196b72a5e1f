import type { Comparison, MetricDelta } from "../comparison.js";
import type { GateCheck, GateVerdict } from "../gate.js";
import { formatCost, formatCount, formatDeltaCost, formatDeltaCount, formatDeltaMs, formatMs, formatRatio } from "../stats.js";

/** A table's header and rows, rendered by the terminal (formatTable) and Markdown (markdown-table) alike. */
export interface MetricsTable {
  header: string[];
  rows: string[][];
}

export interface MetricsTableOptions {
  /** The error counts as the first row (the terminal rendering lists errors on their own lines instead). */
  errors: boolean;
  /** The gate's verdict: its budget checks (max_cost_ratio…) add a budget column. */
  verdict?: GateVerdict | undefined;
}

type BudgetName = Extract<GateCheck["name"], "cost_ratio" | "latency_p95_ratio" | "tokens_ratio">;

/**
 * The metrics table every comparison shows: errors, latency, tokens and cost of both runs over
 * the shared items, with deltas. A metric both runs report as 0 is one no target reports (a cost
 * of 0.0000 is no cost data, not a free run), so its row is left out, unless the gate has a budget
 * on it. With budgets, a column shows each ratio beside its limit, from the verdict's checks.
 */
export function metricsTable(comparison: Comparison, options: MetricsTableOptions): MetricsTable {
  const budgets = new Map<BudgetName, GateCheck>();
  for (const check of options.verdict?.checks ?? []) if (isBudget(check.name)) budgets.set(check.name, check);
  const withBudgets = budgets.size > 0;
  const row = (
    name: string,
    metric: MetricDelta,
    format: (value: number) => string,
    delta: (value: number) => string,
    budget?: BudgetName,
  ): string[][] => {
    const check = budget === undefined ? undefined : budgets.get(budget);
    const noData = metric.baseline === 0 && metric.candidate === 0;
    if (noData && check === undefined) return [];
    const cells = noData ? [name, "—", "—", ""] : [name, format(metric.baseline), format(metric.candidate), delta(metric.delta)];
    return [withBudgets ? [...cells, check === undefined ? "" : budgetText(check)] : cells];
  };
  const { baseline, candidate } = comparison.errors;
  // No errors on either side is a count like any other, so that row is always shown.
  const errors = ["errors", formatCount(baseline), formatCount(candidate), formatDeltaCount(candidate - baseline)];
  const rows = [
    ...(options.errors ? [withBudgets ? [...errors, ""] : errors] : []),
    ...row("latency p50", comparison.latency_ms.p50, formatMs, formatDeltaMs),
    ...row("latency p95", comparison.latency_ms.p95, formatMs, formatDeltaMs, "latency_p95_ratio"),
    ...row("tokens", comparison.tokens.total, formatCount, formatDeltaCount, "tokens_ratio"),
    ...row("cost", comparison.cost, formatCost, formatDeltaCost, "cost_ratio"),
  ];
  return { header: ["", "baseline", "candidate", "Δ", ...(withBudgets ? ["budget"] : [])], rows };
}

function isBudget(name: GateCheck["name"]): name is BudgetName {
  return name === "cost_ratio" || name === "latency_p95_ratio" || name === "tokens_ratio";
}

/** "1.30× ≤ max 1.50×", "2.40× > max 2.00×", or "not reported (max 1.50×)" when neither run measured it. */
function budgetText(check: GateCheck): string {
  const limit = formatRatio(check.limit);
  if (check.outcome === "inconclusive" && !check.passed) return `not reported (max ${limit})`;
  return `${formatRatio(check.actual, [check.limit])} ${check.passed ? "≤" : ">"} max ${limit}`;
}
