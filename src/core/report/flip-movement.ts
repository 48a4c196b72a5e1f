import type { FlippedItem } from "../comparison.js";

/** "passed → failed": the item's status in the baseline, then in the candidate. */
export function statusMovement(item: FlippedItem): string {
  return `${item.baseline_status} → ${item.candidate_status}`;
}

/**
 * "passed 2 of 5 → 4 of 5": how the item's repeats went in each run, when either run repeats
 * items (a side without repeats shows its status); undefined when neither does.
 */
export function repeatsMovement(item: FlippedItem): string | undefined {
  const before = item.baseline_repeats;
  const after = item.candidate_repeats;
  if (before === undefined && after === undefined) return undefined;
  if (before !== undefined && after !== undefined) {
    return `passed ${before.passed} of ${before.count} → ${after.passed} of ${after.count}`;
  }
  const side = (status: string, repeats: { passed: number; count: number } | undefined) =>
    repeats === undefined ? status : `passed ${repeats.passed} of ${repeats.count}`;
  return `${side(item.baseline_status, before)} → ${side(item.candidate_status, after)}`;
}

/** The status movement, with the repeats behind it when the runs repeat items. */
export function flipMovement(item: FlippedItem): string {
  const repeats = repeatsMovement(item);
  return repeats === undefined ? statusMovement(item) : `${statusMovement(item)} (${repeats})`;
}

/** A flaky flip, read by its repeats first: they are what makes it chance. */
export function flakyFlipMovement(item: FlippedItem): string {
  const repeats = repeatsMovement(item);
  return repeats === undefined ? statusMovement(item) : `${repeats} (${statusMovement(item)})`;
}
