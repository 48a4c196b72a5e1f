import type { DatabaseSync } from "node:sqlite";
import { ExperimentStateSchema, type ExperimentState } from "../core/experiment-lifecycle.js";

/** The `experiment_states` table: one row per experiment with variants (core/experiment-lifecycle.ts). */
export class SqliteExperimentStates {
  private readonly select;
  private readonly upsert;

  constructor(db: DatabaseSync) {
    this.select = db.prepare("SELECT experiment, status, baseline_run_id, updated_at FROM experiment_states WHERE experiment = ?");
    this.upsert = db.prepare(
      "INSERT INTO experiment_states (experiment, status, baseline_run_id, updated_at) VALUES (?, ?, ?, ?) " +
        "ON CONFLICT (experiment) DO UPDATE SET status = excluded.status, " +
        "baseline_run_id = excluded.baseline_run_id, updated_at = excluded.updated_at",
    );
  }

  get(experiment: string): ExperimentState | undefined {
    const row = this.select.get(experiment);
    if (row === undefined) return undefined;
    return ExperimentStateSchema.parse({
      experiment: row["experiment"],
      status: row["status"],
      ...(row["baseline_run_id"] !== null ? { baseline_run_id: row["baseline_run_id"] } : {}),
      updated_at: row["updated_at"],
    });
  }

  set(state: ExperimentState): void {
    this.upsert.run(state.experiment, state.status, state.baseline_run_id ?? null, state.updated_at);
  }
}
