import type { Comparison, PairedStatistic } from "./comparison.js";
import type { GateConfig } from "./config/schema.js";
import type { GateCheck } from "./gate.js";
import { classifyChange } from "./statistics/change-verdict.js";
import { formatCount, formatPercent, formatPValue, formatSigned } from "./stats.js";

/** A gate check and the sentence said when it fails. */
export type NamedCheck = GateCheck & { reason: string };

/** The significance level of a comparison's verdicts when the gate sets none (the field's convention). */
export const DEFAULT_ALPHA = 0.05;

/**
 * The checks that judge a candidate against a comparable baseline (core/gate.ts decides the
 * order): `min_items` (too few pairs → inconclusive), `max_regressions` (flaky flips never count),
 * with `significance` a significant pass-rate regression and any scorer's significant regression,
 * and — whatever the gate says — a significant regression of a `severity: critical` scorer at
 * `significance` (default 0.05). Significance comes from the comparison's paired tests
 * (core/compare-runs.ts), re-read at the gate's own level.
 */
export function comparisonChecks(gate: GateConfig, comparison: Comparison): NamedCheck[] {
  const checks: NamedCheck[] = [];
  const shared = comparison.items.shared;
  if (gate.min_items !== undefined) {
    checks.push({
      name: "min_items",
      passed: shared >= gate.min_items,
      actual: shared,
      limit: gate.min_items,
      description: `at least ${formatCount(gate.min_items)} shared items`,
      outcome: "inconclusive",
      reason:
        `only ${formatCount(shared)} ${plural(shared, "item")} ${shared === 1 ? "is" : "are"} shared with the baseline, ` +
        `fewer than min_items ${formatCount(gate.min_items)}: add items to the dataset so a change can be told from noise`,
    });
  }
  if (gate.max_regressions !== undefined) {
    const regressions = comparison.regressions.count;
    checks.push({
      name: "regressions",
      passed: regressions <= gate.max_regressions,
      actual: regressions,
      limit: gate.max_regressions,
      description: `at most ${formatCount(gate.max_regressions)} ${plural(gate.max_regressions, "regression")}`,
      reason:
        `${formatCount(regressions)} ${plural(regressions, "regression")} ` +
        `${regressions === 1 ? "exceeds" : "exceed"} the maximum ${formatCount(gate.max_regressions)}`,
    });
  }
  const alpha = gate.significance ?? DEFAULT_ALPHA;
  if (gate.significance !== undefined) {
    const overall = comparison.statistics.overall;
    checks.push({
      name: "significant_regression",
      passed: !isSignificantDrop(overall, alpha),
      actual: overall.p_value,
      limit: alpha,
      description: `the pass rate is not significantly lower than the baseline's (p ≥ ${alpha})`,
      reason:
        `the pass rate is significantly lower than the baseline's: ${formatPercent(comparison.pass_rate.candidate)} vs ` +
        `${formatPercent(comparison.pass_rate.baseline)} over ${formatCount(overall.n)} items (p = ${formatPValue(overall.p_value, [alpha])} < ${alpha})`,
    });
  }
  for (const scorer of comparison.scorers) {
    const statistic = scorer.statistic;
    const critical = scorer.severity === "critical";
    if (statistic === null || (!critical && gate.significance === undefined)) continue;
    checks.push({
      name: critical ? "critical_scorer" : "scorer_regression",
      passed: !isSignificantDrop(statistic, alpha),
      actual: statistic.p_value,
      limit: alpha,
      description: `${critical ? "critical scorer " : ""}${scorer.scorer} does not regress significantly (p ≥ ${alpha})`,
      reason:
        `${critical ? "critical scorer" : "scorer"} ${scorer.scorer} regressed significantly: mean score ` +
        `${formatSigned(statistic.delta, 3)} over ${formatCount(statistic.n)} items (p = ${formatPValue(statistic.p_value, [alpha])} < ${alpha})`,
    });
  }
  return checks;
}

/** The comparison's own rule (statistics/change-verdict.ts), read at the gate's level. */
function isSignificantDrop(statistic: PairedStatistic, alpha: number): boolean {
  const changed = statistic.discordant.worse + statistic.discordant.better > 0;
  return classifyChange({ changed, delta: statistic.delta, pValue: statistic.p_value, alpha }) === "regression";
}


function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
