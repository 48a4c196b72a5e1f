import type { Run } from "../../core/model/run.js";
import type { RunItem } from "../../core/model/run-item.js";
import { runToRow } from "../sqlite-rows.js";

/**
 * Rows of the runs and run_items tables. A run's columns are the embedded store's (sqlite-rows.ts
 * converts both ways), plus `repository`; a run item is one JSON text beside copies of its keys.
 */
export const RUN_COLUMNS = [
  "id", "experiment", "experiment_version", "dataset_path", "dataset_version", "item_count", "target", "label",
  "role", "pull_request", "git_commit", "git_branch", "started_at", "ended_at", "status", "summary", "verdict",
  "verdict_reasons", "variant", "selection", "repeat",
] as const;

export const SELECT_RUN = `SELECT ${RUN_COLUMNS.join(", ")} FROM evalgate.runs`;

export const INSERT_RUN =
  `INSERT INTO evalgate.runs (${RUN_COLUMNS.join(", ")}, repository) ` +
  `VALUES (${[...RUN_COLUMNS, "repository"].map((_, index) => `$${index + 1}`).join(", ")})`;

/** INSERT_RUN's values: the run's columns in RUN_COLUMNS order, then the repository (owner/repo or NULL). */
export function runValues(run: Run, repository: string | undefined): unknown[] {
  const row = runToRow(run);
  return [...RUN_COLUMNS.map((column) => row[column] ?? null), repository ?? null];
}

const ITEM_COLUMNS = ["run_id", "item_id", "id", "status", "finished_at", "item"] as const;

/**
 * One statement for many items: six text arrays unnested into rows. A batch of any size costs one
 * round trip and one parse; a statement per item would cost a round trip each. Values: itemArrays.
 */
export const INSERT_ITEMS =
  `INSERT INTO evalgate.run_items (${ITEM_COLUMNS.join(", ")}) ` +
  `SELECT * FROM unnest(${ITEM_COLUMNS.map((_, index) => `$${index + 1}::text[]`).join(", ")})`;

/** For INSERT_ITEMS … ON CONFLICT: the stored item replaces the one there. */
export const ON_ITEM_CONFLICT_REPLACE =
  "ON CONFLICT (run_id, item_id) DO UPDATE SET id = excluded.id, status = excluded.status, " +
  "finished_at = excluded.finished_at, item = excluded.item";

/** INSERT_ITEMS's values: one array per column. */
export function itemArrays(items: readonly RunItem[]): string[][] {
  const rows = items.map((item) => [item.run_id, item.item_id, item.id, item.status, item.finished_at, JSON.stringify(item)]);
  return ITEM_COLUMNS.map((_, column) => rows.map((row) => row[column]!));
}
