import { judgesAlike } from "./config/experiment-version.js";
import type { GateConfig } from "./config/schema.js";
import { exceedsErrorBudget } from "./gate.js";
import { isCompleteRun, type Run } from "./model/run.js";
import { formatCount, formatThreshold } from "./stats.js";

export interface BaselineFitnessInput {
  baseline: Run;
  candidate: Run;
  /** Items the baseline stored: shared + only in the baseline, as the comparison counted them. */
  baselineItems: number;
  /** Stored definitions of both runs' experiment versions (RunStore.getExperimentVersion). */
  baselineDefinition: unknown;
  candidateDefinition: unknown;
  /** The candidate experiment's gate and `max_error_rate` (fraction 0..1): the rules in force. */
  gate: GateConfig;
  maxErrorRate: number;
  /** Commits between the baseline's commit and the candidate's base, when known. */
  baselineAgeCommits?: number;
}

/**
 * Why a baseline cannot serve for this candidate, one phrase each; empty when it can. The
 * problems are the baseline's alone (a candidate's own problem is a `fail`, never "not
 * comparable"): not complete (every candidate item would look like a fix), no items, errors
 * above `max_error_rate`, items judged by other scorers or another pass rule (a flip could come
 * from the rules, not the change), or more than `baseline_max_age` commits old.
 */
export function baselineProblems(input: BaselineFitnessInput): string[] {
  const { baseline, candidate, gate } = input;
  const problems: string[] = [];
  if (!isCompleteRun(baseline)) {
    const status = baseline.status === "running" ? "still running, or its process was interrupted" : baseline.status;
    problems.push(`it is not complete (${status}); resume it or store a complete baseline`);
  }
  const summary = baseline.summary;
  if (input.baselineItems === 0) problems.push("it holds no item");
  else if (summary !== undefined && exceedsErrorBudget(summary, input.maxErrorRate)) {
    problems.push(
      `${formatCount(summary.errored)} of ${formatCount(summary.total)} of its items errored, ` +
        `above max_error_rate ${formatThreshold(input.maxErrorRate)}; refresh the baseline`,
    );
  }
  if (baseline.experiment_version !== candidate.experiment_version && !judgesAlike(input.baselineDefinition, input.candidateDefinition)) {
    problems.push(
      `it was judged by another experiment version (${baseline.experiment_version}, the candidate's is ` +
        `${candidate.experiment_version}) with other scorers, another pass rule or another repeat count; refresh the baseline with this configuration`,
    );
  }
  const age = input.baselineAgeCommits;
  if (gate.baseline_max_age !== undefined && age !== undefined && age > gate.baseline_max_age) {
    problems.push(
      `it is ${formatCount(age)} commits older than the candidate's base, above baseline_max_age ${formatCount(gate.baseline_max_age)}; refresh the baseline`,
    );
  }
  return problems;
}
