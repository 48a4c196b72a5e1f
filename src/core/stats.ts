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

export interface PercentOptions {
  /** Decimals shown at least; more are added when needed to stay honest. Default 1. */
  digits?: number;
  /** Values (fractions) the shown rate is compared with, such as a gate's threshold. */
  against?: readonly number[];
}

// Past this many decimals a difference is not worth showing: the value is shown truncated toward
// itself instead, so it still never lands on the far side of a boundary.
const MAX_DIGITS = 6;
// 27/30 and 0.9 differ in binary floating point (by ~1e-16); a rate that close to a boundary is
// on it. Kept far below any threshold a user could mean, so 99.95 % never passes 99.950001 %.
const SAME = 1e-12;

/**
 * A fraction as a percentage that never rounds onto or across a boundary it is not on: 0.86 →
 * "86.0%", 1999/2000 → "99.95%" (not "100.0%"), 0.0004 → "0.04%". The boundaries are 0, 1 and
 * every value in `against` (a threshold the rate is compared with): decimals are added, up to 6,
 * until the shown number sits on the same side of each boundary as the true one.
 */
export function formatPercent(fraction: number, options: PercentOptions = {}): string {
  return `${honestFixed(fraction * 100, options.digits ?? 1, [0, 1, ...(options.against ?? [])].map((b) => b * 100))}%`;
}

/**
 * A fraction as plain decimal text for machine-read outputs (exports, Action outputs): 4 decimals,
 * more when 4 would round onto 0 or 1 (0.99996 → "0.99996", never "1.0000").
 */
export function formatFraction(fraction: number, digits = 4): string {
  return honestFixed(fraction, digits, [0, 1]);
}

function honestFixed(value: number, digits: number, boundaries: readonly number[]): string {
  const scale = Math.max(1, Math.abs(value));
  const crossed = (shown: number) =>
    boundaries.find((b) => Math.abs(value - b) > SAME * scale && Math.sign(shown - b) !== Math.sign(value - b));
  for (let d = digits; d <= MAX_DIGITS; d += 1) {
    const text = value.toFixed(d);
    if (crossed(Number(text)) === undefined) return text;
  }
  // Still on a boundary at 6 decimals: truncate toward the true value's side of it.
  const boundary = crossed(Number(value.toFixed(MAX_DIGITS)))!;
  const factor = 10 ** MAX_DIGITS;
  const truncated = value < boundary ? Math.floor(value * factor) / factor : Math.ceil(value * factor) / factor;
  return truncated.toFixed(MAX_DIGITS);
}

// U+2212 reads as a minus sign in a terminal and in Markdown, where "-" can start a list.
const MINUS = "\u2212";

/** A signed number: "+4.0", "−2.1", "±0.0" when it rounds to zero. */
export function formatSigned(value: number, digits = 1): string {
  // A real change is never shown as none: decimals are added until it is not ±0.
  const magnitude = honestFixed(Math.abs(value), digits, [0]);
  if (Number(magnitude) === 0) return `±${magnitude}`;
  return `${value > 0 ? "+" : MINUS}${magnitude}`;
}

/**
 * A threshold (a fraction) as the percentage it exactly is, with 1 to 6 decimals: 0.9 → "90.0%",
 * 0.6667 → "66.67%". A rule is never misstated by rounding it.
 */
export function formatThreshold(fraction: number): string {
  const percent = fraction * 100;
  for (let d = 1; d < MAX_DIGITS; d += 1) {
    const text = percent.toFixed(d);
    if (Math.abs(Number(text) - percent) <= SAME * Math.max(1, percent)) return `${text}%`;
  }
  return `${percent.toFixed(MAX_DIGITS)}%`;
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

/** A count with its noun, singular for exactly one: "1 item", "2,500 items" (`plural` when not noun + "s"). */
export function formatCountOf(value: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(value)} ${Math.round(value) === 1 ? noun : plural}`;
}

/**
 * A mean score on the 0..1 scale, 2 decimals, more when 2 would round onto 0 or 1 (0.9995 →
 * "0.9995") or onto a threshold in `against` it is compared with (0.7499 against 0.75 → "0.7499").
 */
export function formatScore(value: number, against: readonly number[] = []): string {
  return honestFixed(value, 2, [0, 1, ...against]);
}

/** Costs are read from the target's responses in its own unit, so no currency sign. */
export function formatCost(value: number): string {
  return value.toFixed(4);
}

/**
 * A candidate/baseline ratio such as "1.85×": two decimals, more when two would round onto or
 * across 1 or a budget in `against` (2.004 against 2 shows "2.004×", never "2.00×").
 */
export function formatRatio(value: number, against: readonly number[] = []): string {
  if (!Number.isFinite(value)) return "∞×";
  return `${honestFixed(value, 2, [1, ...against])}×`;
}

/**
 * A p-value in two significant digits ("0.62", "0.0386"), more when two would land on or across
 * a significance level in `against` (0.0499 against 0.05 shows "0.0499", never "0.05"); below
 * 0.0001, "< 0.0001".
 */
export function formatPValue(p: number, against: readonly number[] = []): string {
  if (p < 0.0001) return "< 0.0001";
  for (let digits = 2; digits < 6; digits += 1) {
    const shown = Number(p.toPrecision(digits));
    if (against.every((level) => Math.sign(shown - level) === Math.sign(p - level))) return String(shown);
  }
  return String(Number(p.toPrecision(6)));
}
