import type pg from "pg";
import type { RunLease } from "../run-store.js";

const COLUMNS = "run_id, holder, host, pid, heartbeat_at";

/**
 * The run_leases table: who runs each run in progress (engine/run-lease.ts). Each change is one
 * statement, and PostgreSQL re-checks an UPDATE's condition on the row it locked, so of two
 * processes that found the same stale lease only one takes it.
 */
export class PostgresRunLeases {
  constructor(private readonly pool: pg.Pool) {}

  /** RunStore.acquireRunLease: stores `lease` when the holder is `replacing` (none: no lease) or already lease.holder. */
  async acquire(lease: RunLease, replacing: string | undefined): Promise<RunLease | undefined> {
    const values = [lease.run_id, lease.holder, lease.host, lease.pid, lease.heartbeat_at];
    const taken =
      replacing === undefined
        ? await this.pool.query(
            `INSERT INTO evalgate.run_leases (${COLUMNS}) VALUES ($1, $2, $3, $4, $5) ` +
              "ON CONFLICT (run_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, heartbeat_at = excluded.heartbeat_at " +
              "WHERE evalgate.run_leases.holder = excluded.holder RETURNING run_id",
            values,
          )
        : await this.pool.query(
            "UPDATE evalgate.run_leases SET holder = $2, host = $3, pid = $4, heartbeat_at = $5 " +
              "WHERE run_id = $1 AND (holder = $6 OR holder = $2) RETURNING run_id",
            [...values, replacing],
          );
    return taken.rowCount === 1 ? lease : this.get(lease.run_id);
  }

  async renew(runId: string, holder: string, heartbeatAt: string): Promise<boolean> {
    const result = await this.pool.query("UPDATE evalgate.run_leases SET heartbeat_at = $3 WHERE run_id = $1 AND holder = $2", [runId, holder, heartbeatAt]);
    return result.rowCount === 1;
  }

  async release(runId: string, holder: string): Promise<void> {
    await this.pool.query("DELETE FROM evalgate.run_leases WHERE run_id = $1 AND holder = $2", [runId, holder]);
  }

  async get(runId: string): Promise<RunLease | undefined> {
    const { rows } = await this.pool.query<RunLease>(`SELECT ${COLUMNS} FROM evalgate.run_leases WHERE run_id = $1`, [runId]);
    return rows[0];
  }
}
