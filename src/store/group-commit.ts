/**
 * Group commit: values wait while a transaction is being written, and everything that waited goes
 * into the next one. A commit costs about the same for one item as for a hundred (it is mostly
 * WAL page writes), so under load the batches grow by themselves and the store keeps up; when
 * idle a batch is one item and the delay is one setImmediate. Each caller's promise settles only
 * after the transaction holding its value has committed.
 */
export type CommitBatch<T> = (values: readonly T[]) => Promise<readonly unknown[]>;

interface Pending<T> {
  value: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T> {
  private pending: Pending<T>[] = [];
  private running: Promise<void> | undefined;

  /**
   * `commit` writes all values in one transaction and resolves, per value, the error that kept it
   * out (undefined when stored); it rejects when the transaction as a whole failed.
   */
  constructor(private readonly commit: CommitBatch<T>) {}

  add(value: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ value, resolve, reject });
      this.running ??= new Promise<void>((started) => setImmediate(started)).then(() => this.drain());
    });
  }

  /** Resolves when everything added so far is committed: callers read their own writes. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.commitBatch(batch);
      }
    } finally {
      this.running = undefined;
    }
  }

  private async commitBatch(batch: Pending<T>[]): Promise<void> {
    let errors: readonly unknown[];
    try {
      errors = await this.commit(batch.map((entry) => entry.value));
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
