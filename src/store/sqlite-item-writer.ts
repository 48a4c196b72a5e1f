import { Worker } from "node:worker_threads";
import type { SQLInputValue } from "node:sqlite";
import type { DatasetItemRow } from "./dataset-item-chunks.js";

/**
 * Run items, and the items of a dataset version a run first uses, are written on a worker thread
 * with its own connection: storing an item (SQLite work and WAL writes, ~80 µs) then costs the
 * thread that calls targets nothing, which is what keeps a run near the ideal N·L/C. Plain
 * JavaScript source, so it runs the same from tsx, vitest and the ncc bundle without a file to
 * locate.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { DatabaseSync } = require("node:sqlite");
const db = new DatabaseSync(workerData.file);
db.exec("PRAGMA busy_timeout = 5000");
db.exec("PRAGMA synchronous = NORMAL");
db.exec("PRAGMA foreign_keys = ON");
const upsert = db.prepare(workerData.upsertSql);
const markStale = db.prepare(workerData.markStaleSql);
const datasetItem = db.prepare(workerData.datasetItemSql);
const datasetVersionItem = db.prepare(workerData.datasetVersionItemSql);
const message = (error) => String((error && error.message) || error);
parentPort.on("message", ({ id, rows, runIds, datasetVersion, datasetRows }) => {
  try {
    db.exec("BEGIN IMMEDIATE");
    let errors = [];
    if (datasetRows !== undefined) {
      for (const [digest, canonical, itemId] of datasetRows) {
        datasetItem.run(digest, canonical);
        datasetVersionItem.run(datasetVersion, itemId, digest);
      }
    } else {
      errors = rows.map((row) => {
        try { upsert.run(...row); return null; } catch (error) { return message(error); }
      });
      for (const runId of runIds) markStale.run(runId);
    }
    db.exec("COMMIT");
    parentPort.postMessage({ id, errors });
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    parentPort.postMessage({ id, failure: message(error) });
  }
});
`;

interface Reply {
  id: number;
  errors?: (string | null)[];
  failure?: string;
}

/** The SQL the thread runs; the dataset statements are those of SqliteDatasetVersions. */
export interface ItemWriterSql {
  upsert: string;
  markStale: string;
  datasetItem: string;
  datasetVersionItem: string;
}

/**
 * The thread starts with the first commit: a command that only reads (`runs compare`, `runs
 * show`) never pays for it (~10 MB of memory and ~50 ms of CPU for a Node environment, measured
 * in issue 13).
 */
export class SqliteItemWriter {
  private worker: Worker | undefined;
  private closed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (errors: (string | null)[]) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly file: string,
    private readonly sql: ItemWriterSql,
  ) {}

  /** Commits the rows in one transaction; resolves with each row's error message, or null when stored. */
  commit(rows: SQLInputValue[][], runIds: string[]): Promise<(string | null)[]> {
    return this.post({ rows, runIds });
  }

  /**
   * Stores a chunk of a dataset version's items (`dataset_items`, `dataset_version_items`) in one
   * transaction. Here rather than on the calling thread: on a run's first use of a 100,000-item
   * dataset the inserts took 2.5 s of the main thread's CPU, 20 % of the run's wall time (profiled
   * in issue 13's bench). Rejects when the transaction fails; nothing of the chunk is then stored.
   */
  async commitDatasetRows(version: string, rows: DatasetItemRow[]): Promise<void> {
    await this.post({ datasetVersion: version, datasetRows: rows });
  }

  private post(message: { rows: SQLInputValue[][]; runIds: string[] } | { datasetVersion: string; datasetRows: DatasetItemRow[] }): Promise<(string | null)[]> {
    if (this.closed) return Promise.reject(new Error("the store's writer is closed"));
    const worker = (this.worker ??= this.startWorker());
    const id = this.nextId++;
    if (this.waiting.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.worker === undefined) return;
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  private startWorker(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.file,
        upsertSql: this.sql.upsert,
        markStaleSql: this.sql.markStale,
        datasetItemSql: this.sql.datasetItem,
        datasetVersionItemSql: this.sql.datasetVersionItem,
      },
      // It holds one batch at a time: a small heap keeps a 100,000-item run's footprint flat.
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 48 },
    });
    worker.on("message", (reply: Reply) => this.settle(reply));
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => this.failAll(new Error(`the store's writer thread exited (code ${code})`)));
    // An idle writer must not keep the process alive; a busy one must, or acknowledged writes could be cut short.
    worker.unref();
    return worker;
  }

  private settle(reply: Reply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (reply.failure !== undefined) waiter.reject(new Error(reply.failure));
    else waiter.resolve(reply.errors ?? []);
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
