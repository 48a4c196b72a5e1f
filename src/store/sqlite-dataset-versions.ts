import type { DatabaseSync, SQLOutputValue } from "node:sqlite";
import type { Item } from "../core/model/item.js";
import { findByKeyOrPrefix } from "./ambiguous-prefix.js";
import { datasetItemChunks, type DatasetItemRow } from "./dataset-item-chunks.js";
import type { DatasetVersionRecord, DatasetVersionUse, ExperimentVersionUse } from "./run-store.js";
import { inImmediateTransaction } from "./sqlite-transaction.js";

type Row = Record<string, SQLOutputValue>;

/** Run on the store's writer thread (SqliteItemWriter.commitDatasetRows), with these parameters in this order. */
export const INSERT_DATASET_ITEM = "INSERT INTO dataset_items (digest, item) VALUES (?, ?) ON CONFLICT DO NOTHING";
// A row a killed attempt left is the same row: the version is a hash of its items.
export const INSERT_DATASET_VERSION_ITEM = "INSERT INTO dataset_version_items (version, item_id, digest) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

/** Stores one chunk of a version's items in one transaction (on the store's writer thread). */
export type CommitDatasetRows = (version: string, rows: DatasetItemRow[]) => Promise<void>;

function rowToRecord(row: Row): DatasetVersionRecord {
  return {
    version: String(row["version"]),
    dataset_path: String(row["dataset_path"]),
    item_count: Number(row["item_count"]),
    created_at: String(row["created_at"]),
  };
}

/**
 * The dataset versions of the embedded store: `dataset_versions`, item contents in `dataset_items`
 * keyed by digest, and `dataset_version_items` (version, item_id, digest).
 *
 * A version is stored a chunk of items per transaction on the store's writer thread (one chunk
 * in flight, so the items read ahead stay bounded), and its `dataset_versions` row last: the
 * engine stores it while a run's first items are in flight, so neither the calling thread nor
 * the run's item writes may wait long on it. The row is what makes a version visible, so a
 * version is seen whole or not at all; a process killed part way leaves rows of items only, which
 * storing the version again reuses.
 */
export class SqliteDatasetVersions {
  private readonly statements;

  constructor(
    private readonly db: DatabaseSync,
    private readonly commitRows: CommitDatasetRows,
  ) {
    this.statements = {
      exists: db.prepare("SELECT 1 FROM dataset_versions WHERE version = ?"),
      byVersion: db.prepare("SELECT version, dataset_path, item_count, created_at FROM dataset_versions WHERE version = ?"),
      byPrefix: db.prepare(
        "SELECT version, dataset_path, item_count, created_at FROM dataset_versions WHERE version > ? AND version < ? ORDER BY version LIMIT ?",
      ),
      countVersionItems: db.prepare("SELECT count(*) AS stored FROM dataset_version_items WHERE version = ?"),
      insertVersion: db.prepare("INSERT INTO dataset_versions (version, dataset_path, item_count, created_at) VALUES (?, ?, ?, ?)"),
      usedByRun: db.prepare("SELECT 1 FROM runs WHERE dataset_version = ? LIMIT 1"),
      removeItems: db.prepare(
        "DELETE FROM dataset_items WHERE digest IN (SELECT digest FROM dataset_version_items WHERE version = :version) " +
          "AND NOT EXISTS (SELECT 1 FROM dataset_version_items AS other WHERE other.digest = dataset_items.digest AND other.version <> :version)",
      ),
      removeVersionItems: db.prepare("DELETE FROM dataset_version_items WHERE version = ?"),
      removeVersion: db.prepare("DELETE FROM dataset_versions WHERE version = ?"),
    };
  }

  async put(record: DatasetVersionRecord, items: AsyncIterable<Item> | Iterable<Item>): Promise<boolean> {
    if (this.statements.exists.get(record.version) !== undefined) return false;
    let given = 0;
    for await (const chunk of datasetItemChunks(items)) {
      await this.commitRows(record.version, chunk);
      given += chunk.length;
    }
    return inImmediateTransaction(this.db, () => {
      // Another process may have stored it meanwhile.
      if (this.statements.exists.get(record.version) !== undefined) return false;
      // Fewer rows than items: an id given twice, or the version's rows removed meanwhile (its
      // last run deleted while this run started). Stored so, the version would miss items.
      const stored = Number(this.statements.countVersionItems.get(record.version)?.["stored"]);
      if (stored !== given) {
        throw new Error(`dataset version ${record.version}: ${stored} of its ${given} items are stored (an item id given twice, or the version removed meanwhile); store it again`);
      }
      this.statements.insertVersion.run(record.version, record.dataset_path, given, record.created_at);
      return true;
    });
  }

  get(version: string): Promise<DatasetVersionRecord | undefined> {
    return findByKeyOrPrefix("dataset version", version, {
      exact: (key) => {
        const row = this.statements.byVersion.get(key);
        return row === undefined ? undefined : rowToRecord(row);
      },
      withPrefix: (from, to, limit) => this.statements.byPrefix.all(from, to, limit).map(rowToRecord),
      keyOf: (record) => record.version,
    });
  }

  /** BINARY collation: item ids in code point order. */
  *items(version: string): Generator<Item> {
    // Rows of a version still being stored (or left by a killed attempt) are not its items yet.
    if (this.statements.exists.get(version) === undefined) return;
    // A statement of its own: two streams must not reset each other.
    const rows = this.db
      .prepare(
        "SELECT dataset_items.item FROM dataset_version_items JOIN dataset_items USING (digest) " +
          "WHERE dataset_version_items.version = ? ORDER BY dataset_version_items.item_id",
      )
      .iterate(version);
    try {
      for (const row of rows) yield JSON.parse(String(row["item"])) as Item;
    } finally {
      if (this.db.isOpen) rows.return?.();
    }
  }

  list(): DatasetVersionUse[] {
    const rows = this.db
      .prepare(
        "SELECT d.version, d.dataset_path, d.item_count, d.created_at, count(r.id) AS runs, " +
          "min(r.started_at) AS first_used, max(r.started_at) AS last_used " +
          "FROM dataset_versions AS d LEFT JOIN runs AS r ON r.dataset_version = d.version " +
          "GROUP BY d.version ORDER BY coalesce(max(r.started_at), d.created_at) DESC, d.version DESC",
      )
      .all();
    return rows.map((row) => {
      const use: DatasetVersionUse = { ...rowToRecord(row), runs: Number(row["runs"]) };
      if (row["first_used"] !== null) use.first_used = String(row["first_used"]);
      if (row["last_used"] !== null) use.last_used = String(row["last_used"]);
      return use;
    });
  }

  /**
   * Inside the caller's transaction, after a run was deleted: removes the version, and the items
   * no other version holds, when no run uses it any more. True when it removed a stored version.
   */
  removeIfUnused(version: string): boolean {
    if (this.statements.usedByRun.get(version) !== undefined) return false;
    this.statements.removeItems.run({ version });
    this.statements.removeVersionItems.run(version);
    return Number(this.statements.removeVersion.run(version).changes) > 0;
  }

}

/**
 * Experiment versions with the runs made of them (of one experiment when given), newest first run
 * (else created_at) first. Here beside the dataset versions: both are a version and its use.
 */
export function listExperimentVersionUses(db: DatabaseSync, experiment: string | undefined): ExperimentVersionUse[] {
  const rows = db
    .prepare(
      "SELECT e.experiment, e.version, e.created_at, count(r.id) AS runs, min(r.started_at) AS first_run, max(r.started_at) AS last_run, " +
        "(SELECT dataset_version FROM runs AS newest WHERE newest.experiment = e.experiment AND newest.experiment_version = e.version " +
        "ORDER BY started_at DESC, id DESC LIMIT 1) AS dataset_version " +
        "FROM experiment_versions AS e LEFT JOIN runs AS r ON r.experiment = e.experiment AND r.experiment_version = e.version " +
        `${experiment === undefined ? "" : "WHERE e.experiment = :experiment "}` +
        "GROUP BY e.experiment, e.version ORDER BY coalesce(min(r.started_at), e.created_at) DESC, e.experiment, e.version",
    )
    .all(experiment === undefined ? {} : { experiment });
  return rows.map((row) => {
    const use: ExperimentVersionUse = {
      experiment: String(row["experiment"]),
      version: String(row["version"]),
      created_at: String(row["created_at"]),
      runs: Number(row["runs"]),
    };
    if (row["first_run"] !== null) use.first_run = String(row["first_run"]);
    if (row["last_run"] !== null) use.last_run = String(row["last_run"]);
    if (row["dataset_version"] !== null) use.dataset_version = String(row["dataset_version"]);
    return use;
  });
}
