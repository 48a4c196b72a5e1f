import type { PairedStatistic, ScorerComparison } from "../comparison.js";
import { formatPValue, formatScore, formatSigned } from "../stats.js";

/**
 * The per-scorer verdict of the comparison's paired test (`regression`, `improvement`, `noise`,
 * `unchanged`), "(critical)" added for a `severity: critical` scorer; for a scorer without a
 * test, why: it is on one side only, or no item was scored on both sides without a scorer error.
 */
export function scorerVerdictText(scorer: ScorerComparison): string {
  const critical = scorer.severity === "critical" ? " (critical)" : "";
  return `${scorer.statistic === null ? missingStatisticReason(scorer) : scorer.statistic.verdict}${critical}`;
}

function missingStatisticReason(scorer: ScorerComparison): string {
  if (scorer.baseline === null) return "only in candidate";
  if (scorer.candidate === null) return "only in baseline";
  return "no shared scores";
}

/** "−0.06 [−0.12, −0.01]": the mean-score change with its 95 % interval, in score units. */
export function deltaWithInterval(statistic: PairedStatistic): string {
  const [low, high] = statistic.ci95;
  return `${formatSigned(statistic.delta, 2)} [${formatSigned(low, 2)}, ${formatSigned(high, 2)}]`;
}

/** The scorer's p-value, never rounded onto `alpha`; "—" without a test. */
export function scorerPValue(statistic: PairedStatistic | null, alpha: number): string {
  return statistic === null ? "—" : formatPValue(statistic.p_value, [alpha]);
}

/**
 * "0.82±0.05": a mean score and 1.96 standard errors (its 95 % normal interval); the mean alone
 * without `se`. One word, so a table column of means still reads as one value per cell.
 */
export function meanWithSpread(mean: number, se: number | undefined): string {
  return se === undefined ? formatScore(mean) : `${formatScore(mean)}±${(1.96 * se).toFixed(2)}`;
}
