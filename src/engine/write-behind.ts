import type { RunItem } from "../core/model/run-item.js";
import type { RunStore } from "../store/run-store.js";

/**
 * A lane hands its finished item to the store and calls the next one at once: waiting for each
 * commit would add the store's latency to every call and keep a run from N·L/C. At most `window`
 * items are unconfirmed at any time (memory stays bounded; a killed run re-runs at most those),
 * and a failed write stops the run at the next item.
 */
export class WriteBehind {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly store: RunStore,
    private readonly window = 512,
  ) {}

  async put(item: RunItem): Promise<void> {
    if (this.failure) throw this.failure.error;
    while (this.inFlight.size >= this.window) await Promise.race(this.inFlight);
    const write: Promise<void> = this.store.putRunItem(item).then(
      () => void this.inFlight.delete(write),
      (error: unknown) => {
        this.inFlight.delete(write);
        this.failure ??= { error };
      },
    );
    this.inFlight.add(write);
  }

  /** Every item handed over is committed (or the first failure is thrown). */
  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure.error;
  }
}
