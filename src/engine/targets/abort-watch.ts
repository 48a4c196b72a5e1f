/** Something in flight that stops when the run is cancelled. */
export interface AbortWatcher {
  abort(): void;
}

/**
 * Calls `abort()` on every watcher of a signal when it aborts, with one listener per signal
 * instead of one per request: a run passes the same signal to 10,000 calls.
 */
export class AbortWatch {
  private readonly watchers = new WeakMap<AbortSignal, Set<AbortWatcher>>();

  add(signal: AbortSignal, watcher: AbortWatcher): void {
    let watchers = this.watchers.get(signal);
    if (watchers === undefined) {
      const created = new Set<AbortWatcher>();
      signal.addEventListener("abort", () => abortAll(created), { once: true });
      this.watchers.set(signal, created);
      watchers = created;
    }
    watchers.add(watcher);
  }

  delete(signal: AbortSignal, watcher: AbortWatcher): void {
    this.watchers.get(signal)?.delete(watcher);
  }
}

function abortAll(watchers: Set<AbortWatcher>): void {
  const current = [...watchers];
  watchers.clear();
  for (const watcher of current) watcher.abort();
}
