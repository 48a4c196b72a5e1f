import { z } from "zod";
import type { Comparison } from "./comparison.js";
import type { GateConfig } from "./config/schema.js";
import { UserError } from "./errors.js";
import { budgetChecks } from "./gate-budgets.js";
import { comparisonChecks, type NamedCheck } from "./gate-comparison.js";
import type { RunStatus, RunSummary } from "./model/run.js";
import { formatCount, formatPercent, formatThreshold } from "./stats.js";

/** The verdicts of PRODUCT.md: `inconclusive` and `not_comparable` are no verdict (exit 4). */
export const VerdictSchema = z.enum(["pass", "fail", "inconclusive", "not_comparable"]);
export type Verdict = z.infer<typeof VerdictSchema>;

export const GateCheckSchema = z.object({
  name: z.enum([
    "run_completed",
    "items_evaluated",
    "calls_succeeded",
    "error_rate",
    "pass_rate",
    "baseline_comparable",
    "candidate_comparable",
    "min_items",
    "regressions",
    "significant_regression",
    "scorer_regression",
    "critical_scorer",
    "cost_ratio",
    "latency_p95_ratio",
    "tokens_ratio",
  ]),
  passed: z.boolean(),
  /** The measured value; null when it could not be measured (a budget a run did not report). */
  actual: z.number().nullable(),
  limit: z.number(),
  /** What the check demands, in words: "pass rate ≥ 90.0%". */
  description: z.string(),
  /** The verdict a failure of this check leads to (`fail` when absent). */
  outcome: z.enum(["fail", "inconclusive", "not_comparable"]).optional(),
});
export type GateCheck = z.infer<typeof GateCheckSchema>;

export const GateVerdictSchema = z.object({
  verdict: VerdictSchema,
  /**
   * One human sentence per failed check behind the verdict, the run's completion first; for
   * `inconclusive` and `not_comparable` what to do about it. Empty when the verdict is pass.
   */
  reasons: z.array(z.string()),
  checks: z.array(GateCheckSchema),
});
export type GateVerdict = z.infer<typeof GateVerdictSchema>;

/**
 * How a run stands when its verdict is decided: a stored status, or `ended` for a run whose
 * engine has called every item and is about to store passed/failed from this very verdict.
 */
export type RunCompletion = RunStatus | "ended";

export interface VerdictSubject {
  gate: GateConfig;
  /** The experiment's `max_error_rate` (fraction 0..1): above it the run could not complete. */
  maxErrorRate: number;
  status: RunCompletion;
  /** Items in the dataset version the run was started on. */
  itemCount: number;
  /** The candidate run's summary (all its items). */
  summary: RunSummary;
  comparison?: Comparison;
  /**
   * Why the comparison's baseline cannot serve (core/baseline-fitness.ts): another way of judging
   * items, its errors above max_error_rate, not complete, too old. Non-empty → `not_comparable`.
   */
  baselineProblems?: readonly string[];
  /**
   * Why the candidate cannot be held against the baseline by the gate's rules (no git commit to
   * count `baseline_max_age` from): the candidate's problem, so each one fails it.
   */
  candidateProblems?: readonly string[];
  /** Replaces gate.passed_threshold; a fraction 0..1 (the CLI turns `--threshold 90` into 0.9). */
  thresholdOverride?: number;
}

/** A run judged alone, as the engine stores it: without a baseline the verdict is pass or fail. */
export type RunVerdictSubject = Omit<VerdictSubject, "comparison" | "baselineProblems" | "candidateProblems"> & {
  comparison?: undefined;
  baselineProblems?: undefined;
  candidateProblems?: undefined;
};
export type RunGateVerdict = GateVerdict & { verdict: "pass" | "fail" };

// 27/30 is 0.9 exactly on paper but not always in binary floating point (off by ~1e-16); the
// tolerance stays far below any difference a user could mean (99.95 % fails 99.950001 %).
const EPSILON = 1e-12;

/**
 * The one verdict of evalgate: every command, the Action, the bot and every report get it from
 * here and never re-derive pass/fail. No false green: a run that is not complete (still
 * `running` because its process died, `cancelled`, `errored`), that evaluated no item, whose
 * calls all failed, or whose error items exceed `max_error_rate`, fails whatever the threshold.
 *
 * Against a baseline, in this order: the candidate's own checks failing → `fail` (they need no
 * baseline); a baseline that cannot serve → `not_comparable` (nothing is compared with it); a
 * comparison check failing (regressions, a significant regression, a critical scorer, a budget)
 * → `fail`; fewer shared items than `min_items`, or a budget no run measured → `inconclusive`.
 * Neither of the last two is a pass: the Action concludes them `action_required` by default.
 * Throws `UserError` for a threshold override outside 0..1.
 */
export function decideVerdict(subject: RunVerdictSubject): RunGateVerdict;
export function decideVerdict(subject: VerdictSubject): GateVerdict;
export function decideVerdict(subject: VerdictSubject): GateVerdict {
  const threshold = resolveThreshold(subject);
  const { summary, comparison, gate } = subject;
  const checks: NamedCheck[] = [];

  const incomplete = incompleteReason(subject);
  if (incomplete !== undefined) {
    checks.push({
      name: "run_completed",
      passed: false,
      actual: summary.total,
      limit: subject.itemCount,
      description: "the run completes",
      reason: incomplete,
    });
  }

  if (summary.total === 0) {
    checks.push({
      name: "items_evaluated",
      passed: false,
      actual: 0,
      limit: 1,
      description: "at least one item is evaluated",
      reason: "no items were evaluated",
    });
    return verdictOf(checks);
  }

  // An errored run's run_completed check already names its errors as the cause: not said twice.
  if (subject.status !== "errored") checks.push(...errorChecks(subject));

  checks.push({
    name: "pass_rate",
    passed: summary.pass_rate + EPSILON >= threshold,
    actual: summary.pass_rate,
    limit: threshold,
    description: `pass rate ≥ ${formatThreshold(threshold)}`,
    reason: `pass rate ${formatPercent(summary.pass_rate, { against: [threshold] })} is below the threshold ${formatThreshold(threshold)}`,
  });

  if (comparison === undefined) return verdictOf(checks);
  for (const problem of subject.candidateProblems ?? []) {
    checks.push({
      name: "candidate_comparable",
      passed: false,
      actual: null,
      limit: 0,
      description: "the candidate can be compared by the gate's rules",
      reason: problem,
    });
  }
  const problems = subject.baselineProblems ?? [];
  if (problems.length > 0) {
    checks.push({
      name: "baseline_comparable",
      passed: false,
      actual: problems.length,
      limit: 0,
      description: "the baseline can serve as one",
      outcome: "not_comparable",
      reason: `the baseline ${comparison.baseline.run_id} cannot serve: ${problems.join("; ")}`,
    });
    return verdictOf(checks);
  }
  checks.push(...comparisonChecks(gate, comparison), ...budgetChecks(gate, comparison));
  return verdictOf(checks);
}

/** The check that fails a run for its errors: every call failed, or more than max_error_rate of items errored. */
function errorChecks(subject: VerdictSubject): NamedCheck[] {
  const { summary } = subject;
  if (summary.errored === summary.total) {
    return [
      {
        name: "calls_succeeded",
        passed: false,
        actual: 0,
        limit: 1,
        description: "at least one call of the target succeeds",
        reason: `every call failed (${formatCount(summary.errored)} of ${formatCount(summary.total)} items errored)`,
      },
    ];
  }
  if (!tooManyErrors(subject)) return [];
  return [
    {
      name: "error_rate",
      passed: false,
      actual: summary.errored / summary.total,
      limit: subject.maxErrorRate,
      description: `at most ${formatThreshold(subject.maxErrorRate)} of items error`,
      reason: errorRateReason(subject),
    },
  ];
}

/**
 * Why the run is not complete, in one sentence with the counts of its summary (the one place a
 * stop message takes its numbers from); undefined for a complete run.
 */
function incompleteReason(subject: VerdictSubject): string | undefined {
  const { summary, itemCount } = subject;
  const done = `${formatCount(summary.total)} of ${formatCount(itemCount)} items`;
  switch (subject.status) {
    case "running":
      return `the run did not finish: it stopped after ${done} (its process was killed or is still running)`;
    case "cancelled":
      return `the run was cancelled after ${done}`;
    case "errored":
      return `the run could not complete: ${erroredCause(subject)}`;
    default:
      return undefined;
  }
}

function erroredCause(subject: VerdictSubject): string {
  const { summary, itemCount } = subject;
  if (summary.total > 0 && summary.errored === summary.total) {
    return `every call failed (${formatCount(summary.errored)} of ${formatCount(summary.total)} items errored)`;
  }
  if (tooManyErrors(subject)) return errorRateReason(subject);
  return `it stopped after ${formatCount(summary.total)} of ${formatCount(itemCount)} items`;
}

function tooManyErrors(subject: VerdictSubject): boolean {
  return exceedsErrorBudget(subject.summary, subject.maxErrorRate);
}

/**
 * Whether a run's errors mean it could not complete: every call failed, or more items errored than
 * `maxErrorRate` (a fraction 0..1) allows. The one rule for the engine (which stores such a run as
 * `errored`) and for the verdict (which fails it).
 */
export function exceedsErrorBudget(summary: RunSummary, maxErrorRate: number): boolean {
  if (summary.total > 0 && summary.errored === summary.total) return true;
  return summary.errored > maxErrorRate * summary.total + EPSILON;
}

function errorRateReason(subject: VerdictSubject): string {
  const { summary, maxErrorRate } = subject;
  return (
    `${formatCount(summary.errored)} of ${formatCount(summary.total)} items errored, ` +
    `above max_error_rate ${maxErrorRate} (${formatThreshold(maxErrorRate)})`
  );
}

function resolveThreshold(subject: VerdictSubject): number {
  const override = subject.thresholdOverride;
  if (override === undefined) return subject.gate.passed_threshold;
  if (!Number.isFinite(override) || override < 0 || override > 1) {
    throw new UserError(
      `the threshold override must be a fraction between 0 and 1, got ${override}; for 90% write 0.9`,
    );
  }
  return override;
}

/** `fail` over `not_comparable` over `inconclusive` over `pass`, as the failed checks lead. */
function verdictOf(checks: NamedCheck[]): GateVerdict {
  const failed = checks.filter((check) => !check.passed);
  const outcomes = new Set(failed.map((check) => check.outcome ?? "fail"));
  const verdict: Verdict = outcomes.has("fail")
    ? "fail"
    : outcomes.has("not_comparable")
      ? "not_comparable"
      : outcomes.has("inconclusive")
        ? "inconclusive"
        : "pass";
  return {
    verdict,
    // A fail's reasons are its failures; a no-verdict's are what keeps it from one.
    reasons: failed.filter((check) => (check.outcome ?? "fail") === verdict).map((check) => check.reason),
    checks: checks.map(({ reason: _reason, ...check }) => check),
  };
}

/** True for `inconclusive` and `not_comparable`: no verdict was possible (exit 4). */
export function isNoVerdict(verdict: GateVerdict): boolean {
  return verdict.verdict === "inconclusive" || verdict.verdict === "not_comparable";
}

/**
 * The pass-rate thresholds a verdict judged against (fractions): a renderer shows the run's pass
 * rate `against` them, so it never rounds onto or across the threshold it failed.
 */
export function passRateThresholds(verdict: GateVerdict | undefined): number[] {
  return (verdict?.checks ?? []).filter((check) => check.name === "pass_rate").map((check) => check.limit);
}

/** True when the verdict failed because the run did not complete (exit 3, not 1). */
export function isIncomplete(verdict: GateVerdict): boolean {
  return verdict.checks.some(
    (check) => !check.passed && (check.name === "run_completed" || check.name === "calls_succeeded"),
  );
}
