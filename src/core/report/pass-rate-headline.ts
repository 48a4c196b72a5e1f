import type { Comparison } from "../comparison.js";
import type { ChangeVerdict } from "../statistics/change-verdict.js";
import { formatCount, formatPercent, formatPValue } from "../stats.js";

/** What the overall paired test says of the pass rate, candidate against baseline. */
const CHANGE_WORDS: Record<ChangeVerdict, string> = {
  regression: "significantly lower",
  improvement: "significantly higher",
  noise: "no significant change",
  unchanged: "no change",
};

/**
 * The line a reviewer reads first, candidate before baseline, the baseline named so the order
 * needs no legend: "pass rate 90.2% (±8.9) vs baseline 92.7% (±7.9): no significant change (p = 0.62, 41 items; this
 * dataset detects changes ≥ 14 pp)". Rates over the shared items, shown `against` the gate's
 * pass-rate thresholds (fractions) so none rounds onto one it failed; ± is the half-width of each
 * side's 95 % Wilson interval in pp; the words, p, n and MDE come from `statistics.overall`.
 */
export function passRateHeadline(comparison: Comparison, thresholds: readonly number[]): string {
  const { overall } = comparison.statistics;
  if (overall.n === 0) return "pass rate: no shared items to compare";
  const { candidate, baseline } = comparison.shared_summaries;
  const rates =
    `pass rate ${rateWithInterval(comparison.pass_rate.candidate, candidate.pass_rate_ci95, thresholds)} vs baseline ` +
    rateWithInterval(comparison.pass_rate.baseline, baseline.pass_rate_ci95, thresholds);
  const items = `${formatCount(overall.n)} ${overall.n === 1 ? "item" : "items"}`;
  const evidence = overall.verdict === "unchanged" ? items : `${pValueText(overall.p_value, comparison.statistics.alpha)}, ${items}`;
  return `${rates}: ${CHANGE_WORDS[overall.verdict]} (${evidence}; ${detectsText(overall.mde)})`;
}

/**
 * A run's pass rate with its interval: "90.2% (±8.9)"; the rate alone for a summary stored
 * before intervals were, or of no items (whose interval, [0, 1], says nothing).
 */
export function summaryPassRate(
  summary: { total: number; pass_rate: number; pass_rate_ci95?: readonly [number, number] | undefined },
  thresholds: readonly number[] = [],
): string {
  return rateWithInterval(summary.pass_rate, summary.total === 0 ? undefined : summary.pass_rate_ci95, thresholds);
}

/** "90.2% (±8.9)", or "90.2%" without an interval. */
export function rateWithInterval(rate: number, ci95: readonly [number, number] | undefined, thresholds: readonly number[] = []): string {
  const shown = formatPercent(rate, { against: thresholds });
  return ci95 === undefined ? shown : `${shown} (${halfWidthPp(ci95)})`;
}

/**
 * "±8.9": half the width of an interval of fractions, in percentage points. A Wilson interval is
 * not symmetric around its rate; half its width is what a reader compares at a glance.
 */
export function halfWidthPp(ci95: readonly [number, number]): string {
  return `±${(((ci95[1] - ci95[0]) / 2) * 100).toFixed(1)}`;
}

/** "p = 0.62", "p = 0.0499" (never rounded onto `alpha`), "p < 0.0001". */
export function pValueText(p: number, alpha: number): string {
  const shown = formatPValue(p, [alpha]);
  return shown.startsWith("<") ? `p ${shown}` : `p = ${shown}`;
}

/**
 * "this dataset detects changes ≥ 14 pp": the minimum detectable effect (a fraction) at 80 %
 * power. 1 is how the comparison stores "none" (fewer than two pairs).
 */
function detectsText(mde: number): string {
  if (mde >= 1) return "too few items to detect any change";
  const pp = mde * 100;
  return `this dataset detects changes ≥ ${pp >= 10 ? pp.toFixed(0) : pp.toFixed(1)} pp`;
}
