import type { RunItem } from "../core/model/run-item.js";
import type { RunStore } from "../store/run-store.js";

/**
 * Items handed to the store in one go, and the longest an item waits for others to join it: the
 * store commits what it is handed in one turn as one batch, and the embedded store's writer thread
 * gets each batch as one message. Handed over one by one, a 10,000-item run at 20 ms latency sent
 * ~2,000 messages, 76–123 ms of the run's thread in postMessage (issue 13).
 */
const BURST = 64;
const BURST_WAIT_MS = 5;

/**
 * A lane hands its finished item to the store and calls the next one at once: waiting for each
 * commit would add the store's latency to every call and keep a run from N·L/C. At most `window`
 * items are unconfirmed at any time, waiting for a burst or handed over (memory stays bounded; a
 * killed run re-runs at most those); the store gets them in put order; a failed write stops the
 * run at the next item.
 */
export class WriteBehind {
  private readonly inFlight = new Set<Promise<void>>();
  private waiting: RunItem[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly store: RunStore,
    private readonly window = 512,
  ) {}

  async put(item: RunItem): Promise<void> {
    if (this.failure) throw this.failure.error;
    while (this.inFlight.size + this.waiting.length >= this.window) {
      if (this.waiting.length > 0) this.handOver();
      else await Promise.race(this.inFlight);
    }
    this.waiting.push(item);
    if (this.waiting.length >= BURST || this.inFlight.size + this.waiting.length >= this.window) this.handOver();
    else this.timer ??= setTimeout(() => this.handOver(), BURST_WAIT_MS);
  }

  /** Every item handed over is committed (or the first failure is thrown). */
  async settled(): Promise<void> {
    this.handOver();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure.error;
  }

  private handOver(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.waiting;
    this.waiting = [];
    for (const item of items) {
      const write: Promise<void> = this.store.putRunItem(item).then(
        () => void this.inFlight.delete(write),
        (error: unknown) => {
          this.inFlight.delete(write);
          this.failure ??= { error };
        },
      );
      this.inFlight.add(write);
    }
  }
}
