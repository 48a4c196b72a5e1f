import type { Comparison, MeasuredSum, MetricDelta } from "../comparison.js";
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
 * the shared items, with deltas. A side that reported no cost (or tokens) on any item shows "—",
 * not 0.0000, and a metric neither side reports is left out, unless the gate has a budget on it. With budgets, a column shows each ratio beside its limit, from the verdict's checks.
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
    measured?: MeasuredSum,
  ): string[][] => {
    const check = budget === undefined ? undefined : budgets.get(budget);
    // Cost and tokens know which side reported them at all; a side that did not shows "—", not 0.
    const before = measured === undefined ? metric.baseline !== 0 : measured.pairs + measured.only_baseline > 0;
    const after = measured === undefined ? metric.candidate !== 0 : measured.pairs + measured.only_candidate > 0;
    if (!before && !after && check === undefined) return [];
    const cells = [
      name,
      before ? format(metric.baseline) : "—",
      after ? format(metric.candidate) : "—",
      before && after ? delta(metric.delta) : "",
    ];
    return [withBudgets ? [...cells, check === undefined ? "" : budgetText(check)] : cells];
  };
  const { baseline, candidate } = comparison.errors;
  // No errors on either side is a count like any other, so that row is always shown.
  const errors = ["errors", formatCount(baseline), formatCount(candidate), formatDeltaCount(candidate - baseline)];
  const rows = [
    ...(options.errors ? [withBudgets ? [...errors, ""] : errors] : []),
    ...row("latency p50", comparison.latency_ms.p50, formatMs, formatDeltaMs),
    ...row("latency p95", comparison.latency_ms.p95, formatMs, formatDeltaMs, "latency_p95_ratio"),
    ...row("tokens", comparison.tokens.total, formatCount, formatDeltaCount, "tokens_ratio", comparison.measured.tokens),
    ...row("cost", comparison.cost, formatCost, formatDeltaCost, "cost_ratio", comparison.measured.cost),
  ];
  return { header: ["", "baseline", "candidate", "Δ", ...(withBudgets ? ["budget"] : [])], rows };
}

function isBudget(name: GateCheck["name"]): name is BudgetName {
  return name === "cost_ratio" || name === "latency_p95_ratio" || name === "tokens_ratio";
}

/** "1.30× ≤ max 1.50×", "2.40× > max 2.00×", or "not measured (max 1.50×)" when a run left it unreported. */
function budgetText(check: GateCheck): string {
  const limit = formatRatio(check.limit);
  if (check.actual === null) return `not measured (max ${limit})`;
  return `${formatRatio(check.actual, [check.limit])} ${check.passed ? "≤" : ">"} max ${limit}`;
}
