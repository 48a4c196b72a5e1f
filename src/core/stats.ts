import { mean as ssMean, quantileSorted } from "simple-statistics";

export interface LatencyStats {
  p50: number;
  p95: number;
  mean: number;
}

/**
 * p50, p95 and mean of latencies; all 0 when there are none. Sorts `values` in place: callers
 * pass a buffer they own, so a 100,000-item run is never copied.
 */
export function latencyStats(values: number[]): LatencyStats {
  if (values.length === 0) return { p50: 0, p95: 0, mean: 0 };
  values.sort((a, b) => a - b);
  return {
    p50: quantileSorted(values, 0.5),
    p95: quantileSorted(values, 0.95),
    mean: ssMean(values),
  };
}

/** `part / whole`, 0 when whole is 0 (an empty run has no pass rate to speak of). */
export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** 0.86 → "86.0%". */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

// U+2212 reads as a minus sign in a terminal and in Markdown, where "-" can start a list.
const MINUS = "\u2212";

/** A signed number: "+4.0", "−2.1", "±0.0" when it rounds to zero. */
export function formatSigned(value: number, digits = 1): string {
  const magnitude = Math.abs(value).toFixed(digits);
  if (Number(magnitude) === 0) return `±${magnitude}`;
  return `${value > 0 ? "+" : MINUS}${magnitude}`;
}

/** A difference of two fractions in percentage points: 0.04 → "+4.0 pp". */
export function formatDeltaPp(delta: number): string {
  return `${formatSigned(delta * 100, 1)} pp`;
}

/** A latency difference: 12.4 → "+12 ms". */
export function formatDeltaMs(delta: number): string {
  return `${formatSigned(delta, 0)} ms`;
}

/** A score difference on the 0..1 scale: "+0.08". */
export function formatDeltaScore(delta: number): string {
  return formatSigned(delta, 2);
}

/** A count difference with thousands separators: "+1,200". */
export function formatDeltaCount(delta: number): string {
  const text = formatSigned(delta, 0);
  return text.slice(0, 1) + formatCount(Number(text.slice(1)));
}

/** A cost difference; costs are small amounts, so four decimals. */
export function formatDeltaCost(delta: number): string {
  return formatSigned(delta, 4);
}

export function formatMs(ms: number): string {
  return `${formatCount(Math.round(ms))} ms`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

export function formatScore(value: number): string {
  return value.toFixed(2);
}

/** Costs are read from the target's responses in its own unit, so no currency sign. */
export function formatCost(value: number): string {
  return value.toFixed(4);
}
