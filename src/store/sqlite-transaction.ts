import type { DatabaseSync } from "node:sqlite";

/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction of `db`: the write lock is taken at once, so of
 * two processes that read and then write, one waits for the other (busy_timeout) instead of both
 * reading the same state. Commits what `work` did and returns its result; when it throws, rolls
 * all of it back and rethrows.
 */
export function inImmediateTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
