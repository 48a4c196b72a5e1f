import type { RunItem } from "../model/run-item.js";

/** How an item's attempts ended; an item stored without repeats counts as one attempt. */
export interface RepeatCounts {
  passed: number;
  failed: number;
  errored: number;
  /** Attempts stored: K once the item is complete, fewer while its run is in progress. */
  count: number;
}

/** Per item, for reports: "passed 3 of 5". */
export function repeatCounts(item: Pick<RunItem, "status" | "repeats">): RepeatCounts {
  const counts: RepeatCounts = { passed: 0, failed: 0, errored: 0, count: 0 };
  for (const attempt of item.repeats ?? [{ status: item.status }]) {
    counts.count += 1;
    if (attempt.status === "passed") counts.passed += 1;
    else if (attempt.status === "failed") counts.failed += 1;
    else counts.errored += 1;
  }
  return counts;
}

/**
 * Flaky: the item's non-error attempts both passed and failed, whatever the pass rule then
 * decided. Such an item is listed apart: its status says more about chance than about the change.
 * An item without repeats is never flaky.
 */
export function isFlaky(item: Pick<RunItem, "repeats">): boolean {
  if (item.repeats === undefined) return false;
  let passed = false;
  let failed = false;
  for (const attempt of item.repeats) {
    if (attempt.status === "passed") passed = true;
    else if (attempt.status === "failed") failed = true;
  }
  return passed && failed;
}
