import type { PoolClient } from "pg";
import { UserError } from "../../core/errors.js";

/**
 * Every table lives in the `evalgate` schema, so one database can hold evalgate's runs beside a
 * team's own tables. Ids, item ids and names are `COLLATE "C"`: byte order of UTF-8, which is code
 * point order (core/item-id-order.ts); the database's default collation follows its locale, where
 * "Z" and "a", or "é" and "e\u0301", sort by language rules instead.
 *
 * JSON is kept as `text`, not `jsonb`: a stored object reads back byte for byte as it went in, and
 * `jsonb` refuses the escape `\u0000` that a JSON string may hold.
 */
export const SCHEMA = "evalgate";

/**
 * Migration N (0-based) brings the store from version N to N + 1. Append only: a shipped migration
 * never changes, so every database can be brought to the current schema.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE evalgate.experiment_versions (
    experiment text COLLATE "C" NOT NULL,
    version text COLLATE "C" NOT NULL,
    definition text NOT NULL,
    created_at text NOT NULL,
    PRIMARY KEY (experiment, version)
  );

  CREATE TABLE evalgate.runs (
    id text COLLATE "C" PRIMARY KEY,
    experiment text COLLATE "C" NOT NULL,
    experiment_version text NOT NULL,
    dataset_path text NOT NULL,
    dataset_version text COLLATE "C" NOT NULL,
    item_count integer NOT NULL,
    target text NOT NULL,
    label text,
    role text,
    pull_request integer,
    git_commit text,
    git_branch text,
    started_at text COLLATE "C" NOT NULL,
    ended_at text,
    status text NOT NULL,
    summary text,
    verdict text,
    verdict_reasons text,
    variant text,
    selection text,
    repeat integer,
    -- owner/repo of the Action or bot that created the run; NULL for a run from the CLI.
    repository text COLLATE "C",
    -- true while the scores table holds exactly this run's scores; storing an item clears it.
    scores_indexed boolean NOT NULL DEFAULT false
  );
  CREATE INDEX runs_by_start ON evalgate.runs (started_at DESC, id DESC);
  CREATE INDEX runs_by_experiment ON evalgate.runs (experiment, started_at DESC, id DESC);
  CREATE INDEX runs_by_status ON evalgate.runs (status, started_at DESC, id DESC);
  CREATE INDEX runs_by_repository ON evalgate.runs (repository, experiment, started_at DESC, id DESC);

  -- The whole RunItem is one JSON text; the key columns beside it are copies for lookups.
  CREATE TABLE evalgate.run_items (
    run_id text COLLATE "C" NOT NULL REFERENCES evalgate.runs (id) ON DELETE CASCADE,
    item_id text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    status text NOT NULL,
    finished_at text NOT NULL,
    item text NOT NULL,
    PRIMARY KEY (run_id, item_id)
  );
  CREATE INDEX run_items_by_id ON evalgate.run_items (id);

  -- Derived from run_items.item, rebuilt per run when runs.scores_indexed is false (see
  -- postgres-score-index.ts): score ids are hashes, and an index insert per score would cost more
  -- than storing the item.
  CREATE TABLE evalgate.scores (
    id text COLLATE "C" PRIMARY KEY,
    run_id text COLLATE "C" NOT NULL REFERENCES evalgate.runs (id) ON DELETE CASCADE,
    item_id text COLLATE "C" NOT NULL
  );
  CREATE INDEX scores_by_run ON evalgate.scores (run_id);

  -- No foreign key: a lease may name a run another store keeps (see sqlite-schema.ts).
  CREATE TABLE evalgate.run_leases (
    run_id text COLLATE "C" PRIMARY KEY,
    holder text NOT NULL,
    host text NOT NULL,
    pid integer NOT NULL,
    heartbeat_at text NOT NULL
  );

  CREATE TABLE evalgate.experiment_states (
    experiment text COLLATE "C" PRIMARY KEY,
    status text NOT NULL,
    baseline_run_id text,
    updated_at text NOT NULL
  );

  CREATE TABLE evalgate.annotations (
    run_item_id text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    run_id text COLLATE "C" NOT NULL REFERENCES evalgate.runs (id) ON DELETE CASCADE,
    item_id text COLLATE "C" NOT NULL,
    kind text NOT NULL,
    metric double precision,
    label text,
    note text,
    author text,
    updated_at text NOT NULL,
    PRIMARY KEY (run_item_id, name)
  );
  CREATE INDEX annotations_by_run ON evalgate.annotations (run_id, item_id, name);
  `,
  // Dataset versions kept, their items content-addressed (postgres-dataset-versions.ts): an item's
  // canonical JSON is stored once under its digest, however many versions hold it. No foreign
  // keys: a version is written and removed whole by one function each, and a key check per item
  // would slow storing a 100,000-item version.
  `
  CREATE TABLE evalgate.dataset_versions (
    version text COLLATE "C" PRIMARY KEY,
    dataset_path text NOT NULL,
    item_count integer NOT NULL,
    created_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE evalgate.dataset_items (
    digest text COLLATE "C" PRIMARY KEY,
    item text NOT NULL
  );
  CREATE TABLE evalgate.dataset_version_items (
    version text COLLATE "C" NOT NULL,
    item_id text COLLATE "C" NOT NULL,
    digest text COLLATE "C" NOT NULL,
    PRIMARY KEY (version, item_id)
  );
  -- Whether another version still holds an item, when a version is removed.
  CREATE INDEX dataset_version_items_by_digest ON evalgate.dataset_version_items (digest);
  -- The runs over a dataset version: its use, and whether deleting a run leaves it unused.
  CREATE INDEX runs_by_dataset_version ON evalgate.runs (dataset_version, started_at);
  `,
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant works: it only has to be the same in every evalgate process. */
const MIGRATION_LOCK = 7_405_114_713;

/**
 * Brings the store to POSTGRES_SCHEMA_VERSION in one transaction. A transaction-scoped advisory
 * lock makes processes that open a fresh database at once migrate it once: the others wait, then
 * read the new version. Returns the versions before and after.
 *
 * Throws UserError when the database has a newer schema than this evalgate knows (`where` names
 * the store, its password redacted).
 */
export async function migratePostgres(client: PoolClient, where: string): Promise<{ from: number; to: number }> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_version (version integer NOT NULL)`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${SCHEMA}.schema_version`);
    const current = rows[0]?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new UserError(
        `${where} has store schema version ${current}, but this evalgate knows up to ${POSTGRES_SCHEMA_VERSION}: ` +
          "upgrade evalgate, or pass --store with another store",
      );
    }
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index >= current) await client.query(sql);
    }
    if (rows.length === 0) await client.query(`INSERT INTO ${SCHEMA}.schema_version (version) VALUES ($1)`, [POSTGRES_SCHEMA_VERSION]);
    else await client.query(`UPDATE ${SCHEMA}.schema_version SET version = $1`, [POSTGRES_SCHEMA_VERSION]);
    await client.query("COMMIT");
    return { from: current, to: POSTGRES_SCHEMA_VERSION };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
