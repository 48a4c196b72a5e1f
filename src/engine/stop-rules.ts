import type { RunItemStatus } from "../core/model/run-item.js";

/** When the first calls of a run all fail for good, the target is down: stop, don't time out 10,000 times. */
const BREAKER_WINDOW = 20;

export interface ItemProgress {
  done: number;
  total: number;
  passed: number;
  failed: number;
  errored: number;
}

/**
 * Counts finished items and says when a run must stop early: its first calls all failed, or more
 * items errored than `max_error_rate` allows. Items not yet called are left for `--resume`.
 */
export class StopRules {
  readonly progress: ItemProgress;
  /** Why the run stops, once it must. */
  reason: string | undefined;
  private readonly errorBudget: number;

  constructor(
    toRun: number,
    private readonly limits: { itemCount: number; maxErrorRate: number },
  ) {
    this.progress = { done: 0, total: toRun, passed: 0, failed: 0, errored: 0 };
    this.errorBudget = Math.floor(limits.maxErrorRate * limits.itemCount);
  }

  record(status: RunItemStatus, error: string | undefined): void {
    const progress = this.progress;
    progress.done += 1;
    if (status === "passed") progress.passed += 1;
    else if (status === "failed") progress.failed += 1;
    else progress.errored += 1;
    const last = `(last: ${error ?? "unknown error"})`;
    if (progress.done === Math.min(BREAKER_WINDOW, progress.total) && progress.errored === progress.done) {
      this.reason ??= `the first ${progress.done} calls all failed ${last}`;
    }
    if (progress.errored > this.errorBudget) {
      this.reason ??= `${progress.errored} of ${this.limits.itemCount} items errored, above max_error_rate ${this.limits.maxErrorRate} ${last}`;
    }
  }
}
