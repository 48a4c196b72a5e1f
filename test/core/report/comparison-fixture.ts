import type { Comparison, FlippedItem, PairedStatistic, ScorerComparison } from "../../../src/core/comparison.js";
import type { GateCheck, GateVerdict } from "../../../src/core/gate.js";
import type { RunSummary } from "../../../src/core/model/run.js";

/** A run summary of `total` items, `passed` of them passing; tests set the interval they mean. */
export function summaryOf(passed: number, total: number, overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    total,
    passed,
    failed: total - passed,
    errored: 0,
    pass_rate: total === 0 ? 0 : passed / total,
    scorers: [],
    latency_ms: { p50: 100, p95: 150, mean: 110 },
    tokens: { input: 0, output: 0, total: 0 },
    cost: 0,
    retries: 0,
    ...overrides,
  };
}

/** A paired statistic; tests override the numbers they print. */
export function statisticOf(overrides: Partial<PairedStatistic> = {}): PairedStatistic {
  return {
    n: 41,
    delta: 0,
    ci95: [-0.1, 0.1],
    p_value: 1,
    mde: 0.15,
    test: "mcnemar_exact",
    discordant: { worse: 0, better: 0 },
    verdict: "unchanged",
    ...overrides,
  };
}

export function scorerOf(scorer: string, overrides: Partial<ScorerComparison> = {}): ScorerComparison {
  const side = { count: 41, mean: 0.9, pass_rate: 0.9, errors: 0 };
  return { scorer, baseline: side, candidate: side, mean_delta: 0, pass_rate_delta: 0, statistic: statisticOf(), ...overrides };
}

/** A flipped item as compareRuns lists it. */
export function flippedOf(itemId: string, overrides: Partial<FlippedItem> = {}): FlippedItem {
  return {
    item_id: itemId,
    run_item_id: `ri_${itemId.replace(/[^a-z0-9]/g, "")}`,
    baseline_status: "passed",
    candidate_status: "failed",
    input: { question: `question ${itemId}` },
    baseline_output: `answer ${itemId}`,
    candidate_output: `other answer ${itemId}`,
    changed_scorers: [],
    ...overrides,
  };
}

/**
 * A comparison built by hand, so a test prints exactly the numbers it sets: 41 shared items,
 * 38 passing in the baseline and 37 in the candidate, nothing flipped unless overridden.
 */
export function buildComparison(overrides: Partial<Comparison> = {}): Comparison {
  const baseline = summaryOf(38, 41);
  const candidate = summaryOf(37, 41);
  const delta = (before: number, after: number) => ({ baseline: before, candidate: after, delta: after - before });
  return {
    baseline: { run_id: "run-base", experiment: "support-agent-quality", experiment_version: "ev-1", dataset_version: "ds-1" },
    candidate: { run_id: "run-cand", experiment: "support-agent-quality", experiment_version: "ev-1", dataset_version: "ds-1" },
    same_dataset: true,
    items: { shared: 41, only_baseline: { count: 0, ids: [] }, only_candidate: { count: 0, ids: [] } },
    pass_rate: delta(baseline.pass_rate, candidate.pass_rate),
    statistics: { alpha: 0.05, overall: statisticOf({ delta: candidate.pass_rate - baseline.pass_rate, discordant: { worse: 1, better: 0 }, verdict: "noise" }) },
    scorers: [],
    regressions: { count: 0, items: [] },
    fixes: { count: 0, items: [] },
    flaky: { count: 0, items: [] },
    flaky_items: { count: 0, ids: [] },
    errors: { baseline: 0, candidate: 0, new_errors: { count: 0, ids: [] } },
    latency_ms: { p50: delta(100, 100), p95: delta(150, 150), mean: delta(110, 110) },
    tokens: { input: delta(0, 0), output: delta(0, 0), total: delta(0, 0) },
    cost: delta(0, 0),
    // No target reported cost or tokens.
    measured: { cost: unmeasured(), tokens: unmeasured() },
    shared_summaries: { baseline, candidate },
    ...overrides,
  };
}

function unmeasured() {
  return { pairs: 0, baseline: 0, candidate: 0, only_baseline: 0, only_candidate: 0 };
}

/** A verdict with the given failed checks (and their reasons), as decideVerdict would give it. */
export function verdictOf(verdict: GateVerdict["verdict"], reasons: string[] = [], checks: GateCheck[] = []): GateVerdict {
  return { verdict, reasons, checks };
}
