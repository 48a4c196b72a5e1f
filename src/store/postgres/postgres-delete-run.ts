import type pg from "pg";
import { UnknownRunError, type DeletedRun } from "../run-store.js";
import { removeDatasetVersionIfUnused } from "./postgres-dataset-versions.js";

/**
 * Inside the caller's transaction: a run with its items, scores, annotations and lease, then its
 * dataset version when no other run uses it. The run's row is locked first, so two deletions of
 * one run do not both count its items. UnknownRunError (`where` names the store) for a run the
 * store does not have.
 */
export async function deleteRunIn(client: pg.PoolClient, runId: string, where: string): Promise<DeletedRun> {
  const { rows } = await client.query<{ dataset_version: string }>("SELECT dataset_version FROM evalgate.runs WHERE id = $1 FOR UPDATE", [runId]);
  const run = rows[0];
  if (run === undefined) throw new UnknownRunError(runId, where);
  for (const table of ["annotations", "scores", "run_leases"]) await client.query(`DELETE FROM evalgate.${table} WHERE run_id = $1`, [runId]);
  const items = await client.query("DELETE FROM evalgate.run_items WHERE run_id = $1", [runId]);
  await client.query("DELETE FROM evalgate.runs WHERE id = $1", [runId]);
  const datasetVersionRemoved = await removeDatasetVersionIfUnused(client, run.dataset_version);
  return { items: items.rowCount ?? 0, datasetVersionRemoved };
}
