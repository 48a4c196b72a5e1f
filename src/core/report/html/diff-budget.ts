import { MAX_DIFF_EDITS, outputDiff, type DiffSegment } from "./output-diff.js";

/**
 * How much diffing one report may do, in characters × edits (the diff is O((N + M)·D)): about
 * five seconds on a 2-core machine. A run of 10,000 long outputs that all differ from the
 * baseline's must not take minutes to report; items past the budget are shown without a diff.
 * Counted, not timed, so the same input gives the same report.
 */
export const DIFF_WORK_BUDGET = 800_000_000;

export type BudgetedDiff = { diff: DiffSegment[] } | { note: string } | undefined;

/** Diffs outputs while the report's budget lasts. */
export interface DiffBudget {
  /** The diff of `candidate` against `baseline`; undefined when they are equal. */
  diff(baseline: string, candidate: string): BudgetedDiff;
}

export function createDiffBudget(budget: number = DIFF_WORK_BUDGET): DiffBudget {
  let left = budget;
  return {
    diff(baseline, candidate) {
      if (baseline === candidate) return undefined;
      if (left <= 0) {
        return { note: "not diffed: the report spent its diff budget on the items listed before this one" };
      }
      const diff = outputDiff(baseline, candidate);
      const edits = diff === undefined ? MAX_DIFF_EDITS : editedTokens(diff);
      left -= (baseline.length + candidate.length) * Math.max(1, edits);
      if (diff === undefined) {
        return { note: `not diffed: the outputs differ in more than ${MAX_DIFF_EDITS} words and spaces` };
      }
      return { diff };
    },
  };
}

/** Roughly the tokens the diff inserted or deleted: words and the spaces between them. */
function editedTokens(diff: readonly DiffSegment[]): number {
  let tokens = 0;
  for (const [kind, text] of diff) if (kind !== 0) tokens += text.split(/(\s+)/).filter((part) => part !== "").length;
  return tokens;
}
