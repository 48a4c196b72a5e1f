/**
 * Group commit: writes requested during one event-loop turn are committed together, and each
 * caller's promise settles only after that commit. A commit costs about the same for one item as
 * for fifty (it is mostly WAL page writes), so under load (64 workers finishing items every few
 * milliseconds) the batches grow by themselves and the store keeps up; when idle a batch is one
 * item and the delay is one setImmediate.
 */
export type CommitBatch<T> = (values: readonly T[]) => readonly unknown[];

interface Pending<T> {
  value: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T> {
  private pending: Pending<T>[] = [];
  private scheduled = false;

  /**
   * `commit` writes all values in one transaction and returns, per value, the error that kept it
   * out (undefined when stored); it throws when the transaction as a whole failed.
   */
  constructor(private readonly commit: CommitBatch<T>) {}

  add(value: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ value, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is waiting now; callers use it before reads and before closing. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let errors: readonly unknown[];
    try {
      errors = this.commit(batch.map((entry) => entry.value));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    for (const [index, entry] of batch.entries()) {
      const error = errors[index];
      if (error === undefined) entry.resolve();
      else entry.reject(error);
    }
  }
}
