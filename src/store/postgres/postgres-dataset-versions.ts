import type pg from "pg";
import type { Item } from "../../core/model/item.js";
import type { DatasetVersionRecord, DatasetVersionUse, ExperimentVersionUse } from "../run-store.js";
import { findByKeyOrPrefix } from "../ambiguous-prefix.js";
import { datasetItemChunks } from "../dataset-item-chunks.js";

/** A version this large changes the table's statistics enough to refresh them. */
const ANALYZE_AFTER_ITEMS = 10_000;
/** Items per page when streaming a version. */
const PAGE_SIZE = 1_000;
/**
 * Held by every transaction that writes or removes dataset items, until it ends. Without it, two
 * versions sharing items stored at once could deadlock on the items' keys (taken in different
 * orders), and a removal could delete an item that a version being stored found already there.
 * Versions are stored seldom (once each), so one at a time costs nothing.
 */
const DATASET_ITEMS_LOCK = 7_405_114_714;

type Queryable = pg.Pool | pg.PoolClient;

/**
 * A batch of a version's items in one statement: the contents no version holds yet, and the
 * version's (item_id, digest) rows. Values: version, digests, canonical items, item ids.
 */
const STORE_BATCH =
  "WITH contents AS (INSERT INTO evalgate.dataset_items (digest, item) SELECT * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING) " +
  "INSERT INTO evalgate.dataset_version_items (version, item_id, digest) SELECT $1, * FROM unnest($4::text[], $2::text[])";

const SELECT_RECORD = "SELECT version, dataset_path, item_count, created_at FROM evalgate.dataset_versions";

/**
 * Stores a dataset version inside the caller's transaction (the store's own, or a publish's).
 * False, reading no item, when the store has the version.
 */
export async function putDatasetVersionIn(
  client: pg.PoolClient,
  record: DatasetVersionRecord,
  items: AsyncIterable<Item> | Iterable<Item>,
): Promise<boolean> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [DATASET_ITEMS_LOCK]);
  const created = await client.query(
    "INSERT INTO evalgate.dataset_versions (version, dataset_path, item_count, created_at) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING",
    [record.version, record.dataset_path, record.created_at],
  );
  if (created.rowCount === 0) return false;
  let count = 0;
  // One statement per chunk: bounded memory, one round trip per thousand items.
  for await (const rows of datasetItemChunks(items)) {
    // PostgreSQL `text` cannot hold U+0000; the item's JSON escapes it, its id column cannot.
    const nul = rows.find(([, , id]) => id.includes("\u0000"));
    if (nul !== undefined) throw new Error(`item ${JSON.stringify(nul[2])}: PostgreSQL text cannot hold the character U+0000`);
    try {
      await client.query(STORE_BATCH, [record.version, rows.map(([digest]) => digest), rows.map(([, canonical]) => canonical), rows.map(([, , id]) => id)]);
    } catch (error) {
      if ((error as { code?: unknown }).code === "23505") throw new Error(`dataset version ${record.version} has an item id twice`, { cause: error });
      throw error;
    }
    count += rows.length;
  }
  await client.query("UPDATE evalgate.dataset_versions SET item_count = $2 WHERE version = $1", [record.version, count]);
  // Fresh statistics, so reading the version pages through the primary key at once: planned with
  // the empty table's, each page sorted every row after it (100,000 items took 15 s, not 1).
  if (count >= ANALYZE_AFTER_ITEMS) await client.query("ANALYZE evalgate.dataset_version_items");
  return true;
}

export function getDatasetVersion(pool: Queryable, version: string): Promise<DatasetVersionRecord | undefined> {
  return findByKeyOrPrefix("dataset version", version, {
    exact: async (key) => (await pool.query<DatasetVersionRecord>(`${SELECT_RECORD} WHERE version = $1`, [key])).rows[0],
    withPrefix: async (from, to, limit) =>
      (await pool.query<DatasetVersionRecord>(`${SELECT_RECORD} WHERE version > $1 AND version < $2 ORDER BY version LIMIT $3`, [from, to, limit])).rows,
    keyOf: (record) => record.version,
  });
}

/** Page by page in item id order (keyset), so a version of any size streams in constant memory. */
export async function* datasetVersionItems(pool: Queryable, version: string): AsyncGenerator<Item> {
  let after: string | undefined;
  for (;;) {
    const { rows } = await pool.query<{ item_id: string; item: string }>(
      // A lookup per item of the page, by digest: never a join over every item of the store.
      "SELECT v.item_id, (SELECT i.item FROM evalgate.dataset_items AS i WHERE i.digest = v.digest) AS item FROM evalgate.dataset_version_items AS v " +
        `WHERE v.version = $1 ${after === undefined ? "" : "AND v.item_id > $3 "}ORDER BY v.item_id LIMIT $2`,
      after === undefined ? [version, PAGE_SIZE] : [version, PAGE_SIZE, after],
    );
    for (const row of rows) yield JSON.parse(row.item) as Item;
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]!.item_id;
  }
}

/**
 * Every stored version with the runs over it. With a repository, only its runs count, and only the
 * versions they use are listed (a shared database holds other repositories' versions too).
 */
export async function listDatasetVersions(pool: Queryable, repository: string | undefined): Promise<DatasetVersionUse[]> {
  const { rows } = await pool.query<DatasetVersionRecord & { runs: number; first_used: string | null; last_used: string | null }>(
    "SELECT d.version, d.dataset_path, d.item_count, d.created_at, count(r.id)::int AS runs, min(r.started_at) AS first_used, max(r.started_at) AS last_used " +
      `FROM evalgate.dataset_versions AS d LEFT JOIN evalgate.runs AS r ON r.dataset_version = d.version ${repository === undefined ? "" : "AND r.repository = $1 "}` +
      `GROUP BY d.version ${repository === undefined ? "" : "HAVING count(r.id) > 0 "}ORDER BY coalesce(max(r.started_at), d.created_at) DESC, d.version DESC`,
    repository === undefined ? [] : [repository],
  );
  return rows.map(({ first_used: first, last_used: last, ...use }) => ({
    ...use,
    ...(first === null ? {} : { first_used: first }),
    ...(last === null ? {} : { last_used: last }),
  }));
}

/** Experiment versions with the runs made of them; with a repository, only its runs count. */
export async function listExperimentVersions(pool: Queryable, experiment: string | undefined, repository: string | undefined): Promise<ExperimentVersionUse[]> {
  const values: string[] = [];
  const param = (value: string): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const ofRepository = (alias: string): string => (repository === undefined ? "" : `AND ${alias}.repository = ${param(repository)} `);
  const newest =
    "(SELECT dataset_version FROM evalgate.runs AS newest WHERE newest.experiment = e.experiment AND newest.experiment_version = e.version " +
    `${ofRepository("newest")}ORDER BY started_at DESC, id DESC LIMIT 1)`;
  const joined = `LEFT JOIN evalgate.runs AS r ON r.experiment = e.experiment AND r.experiment_version = e.version ${ofRepository("r")}`;
  const where = experiment === undefined ? "" : `WHERE e.experiment = ${param(experiment)} `;
  const { rows } = await pool.query<{ experiment: string; version: string; created_at: string; runs: number; first_run: string | null; last_run: string | null; dataset_version: string | null }>(
    "SELECT e.experiment, e.version, e.created_at, count(r.id)::int AS runs, min(r.started_at) AS first_run, max(r.started_at) AS last_run, " +
      `${newest} AS dataset_version FROM evalgate.experiment_versions AS e ${joined}${where}` +
      "GROUP BY e.experiment, e.version ORDER BY coalesce(min(r.started_at), e.created_at) DESC, e.experiment, e.version",
    values,
  );
  return rows.map(({ first_run: first, last_run: last, dataset_version: datasetVersion, ...use }) => ({
    ...use,
    ...(first === null ? {} : { first_run: first }),
    ...(last === null ? {} : { last_run: last }),
    ...(datasetVersion === null ? {} : { dataset_version: datasetVersion }),
  }));
}

/**
 * Inside the caller's transaction, after a run was deleted: removes the version, and the items no
 * other version holds, when no run (of any repository) uses it any more. True when it removed one.
 */
export async function removeDatasetVersionIfUnused(client: pg.PoolClient, version: string): Promise<boolean> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [DATASET_ITEMS_LOCK]);
  const used = await client.query("SELECT 1 FROM evalgate.runs WHERE dataset_version = $1 LIMIT 1", [version]);
  if (used.rows.length > 0) return false;
  await client.query(
    "DELETE FROM evalgate.dataset_items WHERE digest IN (SELECT digest FROM evalgate.dataset_version_items WHERE version = $1) " +
      "AND NOT EXISTS (SELECT 1 FROM evalgate.dataset_version_items AS other WHERE other.digest = dataset_items.digest AND other.version <> $1)",
    [version],
  );
  await client.query("DELETE FROM evalgate.dataset_version_items WHERE version = $1", [version]);
  const removed = await client.query("DELETE FROM evalgate.dataset_versions WHERE version = $1", [version]);
  return (removed.rowCount ?? 0) > 0;
}
