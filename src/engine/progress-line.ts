import type { ItemProgress } from "./stop-rules.js";

/** A log (not a terminal) gets a progress line this often: in a CI log one every few seconds is plenty. */
export const LOG_PROGRESS_INTERVAL_MS = 5000;

/** "40/120 items · 38 passed, 1 failed, 1 errors · 12/s": a run's progress, as the CLI and the Action show it. */
export function formatProgressLine(progress: ItemProgress, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? progress.done / seconds : 0;
  const counts = `${progress.passed} passed, ${progress.failed} failed, ${progress.errored} errors`;
  return `${progress.done}/${progress.total} items · ${counts} · ${rate.toFixed(0)}/s`;
}
