import type { DatabaseSync, SQLOutputValue } from "node:sqlite";
import type { RunLease } from "./run-store.js";
import { inImmediateTransaction } from "./sqlite-transaction.js";

const LEASE_COLUMNS = "run_id, holder, host, pid, heartbeat_at";

/**
 * The run_leases table: who runs each run in progress. Acquiring is a compare-and-set under
 * BEGIN IMMEDIATE, so of two processes that both found the same stale lease only one takes it.
 */
export class SqliteRunLeases {
  private readonly statements;

  constructor(private readonly db: DatabaseSync) {
    this.statements = {
      get: db.prepare(`SELECT ${LEASE_COLUMNS} FROM run_leases WHERE run_id = ?`),
      put: db.prepare(`INSERT OR REPLACE INTO run_leases (${LEASE_COLUMNS}) VALUES (?, ?, ?, ?, ?)`),
      renew: db.prepare("UPDATE run_leases SET heartbeat_at = ? WHERE run_id = ? AND holder = ?"),
      release: db.prepare("DELETE FROM run_leases WHERE run_id = ? AND holder = ?"),
    };
  }

  acquire(lease: RunLease, replacing: string | undefined): RunLease | undefined {
    return inImmediateTransaction(this.db, () => {
      const current = this.get(lease.run_id);
      const free = current === undefined ? replacing === undefined : current.holder === replacing || current.holder === lease.holder;
      if (free) this.statements.put.run(lease.run_id, lease.holder, lease.host, lease.pid, lease.heartbeat_at);
      return free ? lease : current;
    });
  }

  renew(runId: string, holder: string, heartbeatAt: string): boolean {
    return Number(this.statements.renew.run(heartbeatAt, runId, holder).changes) > 0;
  }

  release(runId: string, holder: string): void {
    this.statements.release.run(runId, holder);
  }

  get(runId: string): RunLease | undefined {
    const row = this.statements.get.get(runId);
    return row === undefined ? undefined : rowToLease(row);
  }
}

function rowToLease(row: Record<string, SQLOutputValue>): RunLease {
  return {
    run_id: String(row["run_id"]),
    holder: String(row["holder"]),
    host: String(row["host"]),
    pid: Number(row["pid"]),
    heartbeat_at: String(row["heartbeat_at"]),
  };
}
