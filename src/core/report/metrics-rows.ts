import type { Comparison, MetricDelta } from "../comparison.js";
import { formatCost, formatCount, formatDeltaCost, formatDeltaCount, formatDeltaMs, formatMs } from "../stats.js";

export const METRICS_HEADER = ["", "baseline", "candidate", "Δ"];

/**
 * The rows of the metrics table every comparison shows (terminal and Markdown alike): latency,
 * tokens and cost of both runs over the shared items, with deltas; the error count first when
 * asked (the terminal rendering lists errors on their own lines instead).
 */
export function metricsRows(comparison: Comparison, options: { errors: boolean }): string[][] {
  const row = (name: string, metric: MetricDelta, format: (value: number) => string, delta: (value: number) => string) => [
    name,
    format(metric.baseline),
    format(metric.candidate),
    delta(metric.delta),
  ];
  const { baseline, candidate } = comparison.errors;
  return [
    ...(options.errors ? [row("errors", { baseline, candidate, delta: candidate - baseline }, formatCount, formatDeltaCount)] : []),
    row("latency p50", comparison.latency_ms.p50, formatMs, formatDeltaMs),
    row("latency p95", comparison.latency_ms.p95, formatMs, formatDeltaMs),
    row("tokens", comparison.tokens.total, formatCount, formatDeltaCount),
    row("cost", comparison.cost, formatCost, formatDeltaCost),
  ];
}
