export type ChangeVerdict = "regression" | "improvement" | "noise" | "unchanged";

export interface ChangeEvidence {
  /** Whether any pair of items differs between the two runs. */
  changed: boolean;
  /** candidate − baseline; higher is better. */
  delta: number;
  pValue: number;
  alpha: number;
}

/**
 * unchanged when no pair differs (changed = false); regression / improvement when pValue < alpha
 * and delta < 0 / > 0; otherwise noise (a change the test cannot tell from chance, or a significant
 * test with delta = 0). Higher is better for delta.
 */
export function classifyChange(input: ChangeEvidence): ChangeVerdict {
  if (!input.changed) return "unchanged";
  if (input.pValue < input.alpha && input.delta < 0) return "regression";
  if (input.pValue < input.alpha && input.delta > 0) return "improvement";
  return "noise";
}
