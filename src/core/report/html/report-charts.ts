import { quantileSorted } from "simple-statistics";
import type { RunItem } from "../../model/run-item.js";
import type { RunSummary } from "../../model/run.js";
import { formatMs, formatPercent } from "../../stats.js";
import type { LatencyHistogram, ReportCharts } from "./report-data.js";

/** The most bins a latency histogram has: enough to see a shape, few enough to read on a phone. */
const MAX_BINS = 20;
/** Latencies above this quantile of the slowest run share the last, open bin: one timeout must not squash the rest. */
const UPPER_QUANTILE = 0.99;

export interface ChartRun {
  name: string;
  summary: RunSummary;
  items: readonly RunItem[];
}

/**
 * Pass rate per scorer per run (all items first), labelled `against` the gate's pass-rate
 * thresholds (fractions) like every table, and each run's latency histogram on shared bins.
 */
export function reportCharts(runs: readonly ChartRun[], thresholds: readonly number[]): ReportCharts {
  const scorers = [...new Set(runs.flatMap(({ summary }) => summary.scorers.map((scorer) => scorer.scorer)))];
  return {
    passRate: {
      groups: ["all items", ...scorers],
      runs: runs.map(({ name, summary }) => {
        const rates = [
          summary.total === 0 ? null : summary.pass_rate,
          ...scorers.map((scorer) => summary.scorers.find((entry) => entry.scorer === scorer)?.pass_rate ?? null),
        ];
        return { name, rates, labels: rates.map((rate) => (rate === null ? "—" : formatPercent(rate, { against: thresholds }))) };
      }),
    },
    latency: latencyHistogram(runs),
  };
}

function latencyHistogram(runs: readonly ChartRun[]): LatencyHistogram {
  const latencies = runs.map(({ items }) => callLatencies(items).sort((a, b) => a - b));
  const upper = Math.max(0, ...latencies.map((values) => (values.length === 0 ? 0 : quantileSorted(values, UPPER_QUANTILE))));
  const binMs = niceWidth(upper / MAX_BINS);
  const bins = Math.max(1, Math.min(MAX_BINS, Math.ceil(upper / binMs)));
  return {
    binMs,
    runs: runs.map(({ name, summary }, index) => {
      const counts = new Array<number>(bins).fill(0);
      for (const value of latencies[index]!) counts[Math.min(bins - 1, Math.floor(value / binMs))]! += 1;
      return {
        name,
        counts,
        calls: latencies[index]!.length,
        p50: formatMs(summary.latency_ms.p50),
        p95: formatMs(summary.latency_ms.p95),
      };
    }),
  };
}

/** One latency per call that answered, as the run summary counts them (attempts of a repeated item apart). */
function callLatencies(items: readonly RunItem[]): number[] {
  const values: number[] = [];
  for (const item of items) {
    for (const call of item.repeats ?? [item]) if (call.status !== "error") values.push(call.latency_ms);
  }
  return values;
}

/** The smallest 1, 2 or 5 × 10^k ms at or above `raw` (at least 1 ms), so axis labels are round. */
function niceWidth(raw: number): number {
  if (!(raw > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * power >= raw) return step * power;
  return 10 * power;
}
