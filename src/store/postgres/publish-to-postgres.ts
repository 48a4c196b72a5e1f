import type pg from "pg";
import type { Run } from "../../core/model/run.js";
import type { RunItem } from "../../core/model/run-item.js";
import type { RunStore } from "../run-store.js";
import { putAnnotations } from "./postgres-annotations.js";
import { putDatasetVersionIn } from "./postgres-dataset-versions.js";
import { INSERT_ITEMS, INSERT_RUN, itemArrays, RUN_COLUMNS, runValues } from "./postgres-rows.js";

/** Items per statement when copying a run: bounded memory for a run of any size. */
const BATCH = 1_000;

/**
 * Copies a finished run from `source` (the Action's local embedded store) inside the caller's
 * transaction: its experiment version, its dataset version when `source` has it and this store
 * does not (stored once, as putDatasetVersion), the run record (replacing one published before),
 * every item, and its annotations unless the store has newer ones. Readers see all of it or none.
 *
 * Throws Error for a run `source` does not have or that is still running (publishing is for
 * finished runs; the results branch refuses the same).
 */
export async function publishRunTo(
  client: pg.PoolClient,
  source: RunStore,
  runId: string,
  target: { repository: string | undefined; where: string },
): Promise<Run> {
  const run = await source.getRun(runId);
  if (run === undefined || run.id !== runId) throw new Error(`cannot publish run "${runId}": it is not in the store`);
  if (run.status === "running") throw new Error(`cannot publish run "${runId}": it is still running; end it first`);
  const version = await source.getExperimentVersion(run.experiment, run.experiment_version);
  if (version !== undefined) {
    await client.query(
      "INSERT INTO evalgate.experiment_versions (experiment, version, definition, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
      [version.experiment, version.version, JSON.stringify(version.definition ?? null), version.created_at],
    );
  }
  const dataset = await source.getDatasetVersion(run.dataset_version);
  if (dataset?.version === run.dataset_version) await putDatasetVersionIn(client, dataset, source.datasetVersionItems(dataset.version));
  const update = [...RUN_COLUMNS.filter((column) => column !== "id"), "repository"].map((column) => `${column} = excluded.${column}`).join(", ");
  await client.query(`${INSERT_RUN} ON CONFLICT (id) DO UPDATE SET ${update}, scores_indexed = false`, runValues(run, target.repository));
  await client.query("DELETE FROM evalgate.run_items WHERE run_id = $1", [run.id]);
  let batch: RunItem[] = [];
  for await (const item of source.runItems(runId)) {
    batch.push(item);
    if (batch.length === BATCH) {
      await insertItems(client, batch);
      batch = [];
    }
  }
  await insertItems(client, batch);
  await putAnnotations(client, await source.runAnnotations(runId), target.where, "keep");
  return run;
}

async function insertItems(client: pg.PoolClient, items: readonly RunItem[]): Promise<void> {
  if (items.length > 0) await client.query(INSERT_ITEMS, itemArrays(items));
}
