import { z } from "zod";
import type { Comparison } from "./comparison.js";
import type { GateConfig } from "./config/schema.js";
import { UserError } from "./errors.js";
import type { RunSummary } from "./model/run.js";
import { formatPercent } from "./stats.js";

export const GateCheckSchema = z.object({
  name: z.enum(["items_evaluated", "calls_succeeded", "pass_rate", "regressions"]),
  passed: z.boolean(),
  actual: z.number(),
  limit: z.number(),
  /** What the check demands, in words: "pass rate ≥ 90.0%". */
  description: z.string(),
});
export type GateCheck = z.infer<typeof GateCheckSchema>;

export const GateVerdictSchema = z.object({
  verdict: z.enum(["pass", "fail"]),
  /** One human sentence per failed check; empty when the verdict is pass. */
  reasons: z.array(z.string()),
  checks: z.array(GateCheckSchema),
});
export type GateVerdict = z.infer<typeof GateVerdictSchema>;

export interface GateSubject {
  /** The candidate run's summary (all its items). */
  summary: RunSummary;
  comparison?: Comparison;
}

export interface GateOptions {
  /** Replaces gate.passed_threshold; a fraction 0..1 (the CLI turns `--threshold 90` into 0.9). */
  thresholdOverride?: number;
}

// 27/30 is 0.9 exactly on paper but not always in binary floating point.
const EPSILON = 1e-9;

/** Turns a run (and its comparison with a baseline) into a verdict. Never green on nothing. */
export function evaluateGate(gate: GateConfig, subject: GateSubject, options: GateOptions = {}): GateVerdict {
  const threshold = resolveThreshold(gate, options);
  const { summary, comparison } = subject;
  const checks: Array<GateCheck & { reason: string }> = [];

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

  if (summary.errored === summary.total) {
    checks.push({
      name: "calls_succeeded",
      passed: false,
      actual: 0,
      limit: 1,
      description: "at least one call of the target succeeds",
      reason: `every call failed (${summary.errored} of ${summary.total} items errored)`,
    });
  }

  checks.push({
    name: "pass_rate",
    passed: summary.pass_rate + EPSILON >= threshold,
    actual: summary.pass_rate,
    limit: threshold,
    description: `pass rate ≥ ${formatPercent(threshold)}`,
    reason: `pass rate ${formatPercent(summary.pass_rate)} is below the threshold ${formatPercent(threshold)}`,
  });

  if (comparison !== undefined && gate.max_regressions !== undefined) {
    const regressions = comparison.regressions.count;
    checks.push({
      name: "regressions",
      passed: regressions <= gate.max_regressions,
      actual: regressions,
      limit: gate.max_regressions,
      description: `at most ${gate.max_regressions} ${plural(gate.max_regressions, "regression")}`,
      reason: `${regressions} ${plural(regressions, "regression")} ${regressions === 1 ? "exceeds" : "exceed"} the maximum ${gate.max_regressions}`,
    });
  }

  return verdictOf(checks);
}

function resolveThreshold(gate: GateConfig, options: GateOptions): number {
  const override = options.thresholdOverride;
  if (override === undefined) return gate.passed_threshold;
  if (!Number.isFinite(override) || override < 0 || override > 1) {
    throw new UserError(
      `the threshold override must be a fraction between 0 and 1, got ${override}; for 90% write 0.9`,
    );
  }
  return override;
}

function verdictOf(checks: Array<GateCheck & { reason: string }>): GateVerdict {
  const failed = checks.filter((check) => !check.passed);
  return {
    verdict: failed.length === 0 ? "pass" : "fail",
    reasons: failed.map((check) => check.reason),
    checks: checks.map(({ reason: _reason, ...check }) => check),
  };
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
