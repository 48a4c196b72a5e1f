import { DatabaseSync, type StatementSync } from "node:sqlite";
import { findScore } from "../core/repeats/find-score.js";
import { findByKeyOrPrefix } from "./ambiguous-prefix.js";
import type { Run } from "../core/model/run.js";
import type { RunItem, Score } from "../core/model/run-item.js";
import { RunExistsError, UnknownRunError, type DatasetVersionRecord, type DatasetVersionUse, type DeletedRun, type ExperimentVersionRecord, type ExperimentVersionUse, type RunEnd, type RunFilter, type RunLease, type RunStore } from "./run-store.js";
import { rowToRun, rowToRunItem, runItemToRow, runToRow } from "./sqlite-rows.js";
import { GroupCommit } from "./group-commit.js";
import { migrate } from "./sqlite-schema.js";
import { SqliteItemWriter } from "./sqlite-item-writer.js";
import { ScoreIndex } from "./sqlite-score-index.js";
import { SqliteRunLeases } from "./sqlite-run-leases.js";
import { SqliteExperimentStates } from "./sqlite-experiment-states.js";
import type { ExperimentState } from "../core/experiment-lifecycle.js";
import type { Annotation } from "../core/model/annotation.js";
import { SqliteAnnotations } from "./sqlite-annotations.js";
import type { Item } from "../core/model/item.js";
import { INSERT_DATASET_ITEM, INSERT_DATASET_VERSION_ITEM, listExperimentVersionUses, SqliteDatasetVersions } from "./sqlite-dataset-versions.js";
import { inImmediateTransaction } from "./sqlite-transaction.js";

const DEFAULT_LIST_LIMIT = 50;

const RUN_COLUMNS =
  "id, experiment, experiment_version, dataset_path, dataset_version, item_count, target, label, " +
  "role, pull_request, git_commit, git_branch, started_at, ended_at, status, summary, verdict, verdict_reasons, " +
  "variant, selection, repeat";
const RUN_ITEM_COLUMNS = "run_id, item_id, id, status, finished_at, item";
const RUN_ITEM_KEYS = RUN_ITEM_COLUMNS.split(", ");
// Positional: the writer thread receives each row as an array, cheaper to pass than an object.
const UPSERT_RUN_ITEM = `INSERT OR REPLACE INTO run_items (${RUN_ITEM_COLUMNS}) VALUES (${RUN_ITEM_KEYS.map(() => "?").join(", ")})`;

function placeholders(columns: string): string {
  return columns
    .split(", ")
    .map((column) => `:${column}`)
    .join(", ");
}

/**
 * The embedded store: one SQLite file shared by every evalgate process in a checkout. The node:sqlite
 * API is synchronous; the methods are async to satisfy RunStore, and putRunItem uses the
 * asynchrony for group commit: it resolves once the transaction holding its item has committed.
 * Reads and endRun first commit any waiting items, so a caller always reads its own writes.
 */
export class SqliteRunStore implements RunStore {
  readonly file: string;
  private readonly db: DatabaseSync;
  private readonly statements;
  private readonly scoreIndex;
  private readonly leases;
  private readonly experimentStates;
  private readonly annotations;
  private readonly datasetVersions;
  private readonly writer: SqliteItemWriter;
  private readonly writes = new GroupCommit<RunItem>((items) => this.commitRunItems(items));

  constructor(file: string) {
    this.file = file;
    this.db = new DatabaseSync(file);
    try {
      // Set first so every later statement (the WAL switch, the migration) waits for other processes.
      this.db.exec("PRAGMA busy_timeout = 5000");
      // WAL + NORMAL: a commit survives the process being killed (the WAL is in the OS page
      // cache), not a power loss, which a re-run repairs. Readers never block the writer.
      this.db.exec("PRAGMA journal_mode = WAL");
      this.db.exec("PRAGMA synchronous = NORMAL");
      this.db.exec("PRAGMA foreign_keys = ON");
      migrate(this.db, file);
      this.statements = this.prepareStatements();
      this.scoreIndex = new ScoreIndex(this.db);
      this.leases = new SqliteRunLeases(this.db);
      this.experimentStates = new SqliteExperimentStates(this.db);
      this.annotations = new SqliteAnnotations(this.db, file);
      this.writer = new SqliteItemWriter(file, {
        upsert: UPSERT_RUN_ITEM,
        markStale: ScoreIndex.MARK_STALE,
        datasetItem: INSERT_DATASET_ITEM,
        datasetVersionItem: INSERT_DATASET_VERSION_ITEM,
      });
      this.datasetVersions = new SqliteDatasetVersions(this.db, (version, rows) => this.writer.commitDatasetRows(version, rows));
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  private prepareStatements() {
    const db = this.db;
    return {
      saveExperimentVersion: db.prepare(
        "INSERT INTO experiment_versions (experiment, version, definition, created_at) " +
          "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      ),
      getExperimentVersion: db.prepare(
        "SELECT experiment, version, definition, created_at FROM experiment_versions " +
          "WHERE experiment = ? AND version = ?",
      ),
      insertRun: db.prepare(`INSERT INTO runs (${RUN_COLUMNS}) VALUES (${placeholders(RUN_COLUMNS)})`),
      endRun: db.prepare(
        "UPDATE runs SET status = :status, ended_at = :ended_at, summary = :summary, " +
          "verdict = :verdict, verdict_reasons = :verdict_reasons WHERE id = :id",
      ),
      reopenRun: db.prepare(
        "UPDATE runs SET status = 'running', ended_at = NULL, summary = NULL, verdict = NULL, " +
          "verdict_reasons = NULL WHERE id = ?",
      ),
      runById: db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
      runsByPrefix: db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id > ? AND id < ? ORDER BY id LIMIT ?`),
      runItemStatuses: db.prepare("SELECT item_id, status FROM run_items WHERE run_id = ?"),
      runItemById: db.prepare("SELECT item FROM run_items WHERE id = ?"),
      runItemByKey: db.prepare("SELECT item FROM run_items WHERE run_id = ? AND item_id = ?"),
      scoreById: db.prepare("SELECT run_id, item_id FROM scores WHERE id = ?"),
      runDatasetVersion: db.prepare("SELECT dataset_version FROM runs WHERE id = ?"),
      deleteRunRows: ["annotations", "scores", "run_leases"].map((table) => db.prepare(`DELETE FROM ${table} WHERE run_id = ?`)),
      deleteRunItems: db.prepare("DELETE FROM run_items WHERE run_id = ?"),
      deleteRun: db.prepare("DELETE FROM runs WHERE id = ?"),
    } satisfies Record<string, StatementSync | StatementSync[]>;
  }

  async saveExperimentVersion(record: ExperimentVersionRecord): Promise<void> {
    // A version is a content hash of its definition, so the first record saved is the record.
    this.statements.saveExperimentVersion.run(
      record.experiment,
      record.version,
      JSON.stringify(record.definition ?? null),
      record.created_at,
    );
  }

  async getExperimentVersion(experiment: string, version: string): Promise<ExperimentVersionRecord | undefined> {
    const row = this.statements.getExperimentVersion.get(experiment, version);
    if (row === undefined) return undefined;
    return {
      experiment: String(row["experiment"]),
      version: String(row["version"]),
      definition: JSON.parse(String(row["definition"])),
      created_at: String(row["created_at"]),
    };
  }

  async createRun(run: Run): Promise<void> {
    if (this.statements.runById.get(run.id) !== undefined) {
      throw new RunExistsError(run.id, this.file);
    }
    this.statements.insertRun.run(runToRow(run));
  }

  async putRunItem(item: RunItem): Promise<void> {
    return this.writes.add(item);
  }

  /**
   * One transaction for the batch. Each item is one statement, and a failed statement undoes only
   * itself, so an item that cannot be stored fails alone.
   */
  private async commitRunItems(items: readonly RunItem[]): Promise<unknown[]> {
    const rows = items.map((item) => {
      const row = runItemToRow(item);
      return RUN_ITEM_KEYS.map((key) => row[key] ?? null);
    });
    const runIds = [...new Set(items.map((item) => item.run_id))];
    const errors = await this.writer.commit(rows, runIds);
    return errors.map((message) => (message === null ? undefined : new Error(message)));
  }

  async endRun(runId: string, end: RunEnd): Promise<void> {
    await this.writes.flush();
    const result = this.statements.endRun.run({
      id: runId,
      status: end.status,
      ended_at: end.ended_at,
      summary: end.summary === undefined ? null : JSON.stringify(end.summary),
      verdict: end.verdict ?? null,
      verdict_reasons: end.verdict_reasons === undefined ? null : JSON.stringify(end.verdict_reasons),
    });
    if (result.changes === 0) throw new UnknownRunError(runId, this.file);
  }

  async reopenRun(runId: string): Promise<void> {
    const result = this.statements.reopenRun.run(runId);
    if (result.changes === 0) throw new UnknownRunError(runId, this.file);
  }

  async acquireRunLease(lease: RunLease, replacing?: string): Promise<RunLease | undefined> {
    return this.leases.acquire(lease, replacing);
  }

  async renewRunLease(runId: string, holder: string, heartbeatAt: string): Promise<boolean> {
    return this.leases.renew(runId, holder, heartbeatAt);
  }

  async releaseRunLease(runId: string, holder: string): Promise<void> {
    this.leases.release(runId, holder);
  }

  async getRunLease(runId: string): Promise<RunLease | undefined> {
    return this.leases.get(runId);
  }

  async getExperimentState(experiment: string): Promise<ExperimentState | undefined> {
    return this.experimentStates.get(experiment);
  }

  async setExperimentState(state: ExperimentState): Promise<void> {
    this.experimentStates.set(state);
  }

  async putAnnotations(annotations: readonly Annotation[]): Promise<void> {
    this.annotations.put(annotations);
  }

  async runAnnotations(runId: string): Promise<Annotation[]> {
    return this.annotations.list(runId);
  }

  async putDatasetVersion(record: DatasetVersionRecord, items: AsyncIterable<Item> | Iterable<Item>): Promise<boolean> {
    return this.datasetVersions.put(record, items);
  }

  async getDatasetVersion(version: string): Promise<DatasetVersionRecord | undefined> {
    return this.datasetVersions.get(version);
  }

  async *datasetVersionItems(version: string): AsyncGenerator<Item> {
    yield* this.datasetVersions.items(version);
  }

  async listDatasetVersions(): Promise<DatasetVersionUse[]> {
    return this.datasetVersions.list();
  }

  async listExperimentVersions(experiment?: string): Promise<ExperimentVersionUse[]> {
    return listExperimentVersionUses(this.db, experiment);
  }

  /** One transaction: the run, its rows in every table, and its dataset version when now unused. */
  async deleteRun(runId: string): Promise<DeletedRun> {
    await this.writes.flush();
    const statements = this.statements;
    return inImmediateTransaction(this.db, () => {
      const run = statements.runDatasetVersion.get(runId);
      if (run === undefined) throw new UnknownRunError(runId, this.file);
      for (const statement of statements.deleteRunRows) statement.run(runId);
      const items = Number(statements.deleteRunItems.run(runId).changes);
      statements.deleteRun.run(runId);
      const datasetVersionRemoved = this.datasetVersions.removeIfUnused(String(run["dataset_version"]));
      return { items, datasetVersionRemoved };
    });
  }

  async getRun(runId: string): Promise<Run | undefined> {
    return findByKeyOrPrefix("run id", runId, {
      exact: (id) => {
        const row = this.statements.runById.get(id);
        return row === undefined ? undefined : rowToRun(row);
      },
      withPrefix: (from, to, limit) => this.statements.runsByPrefix.all(from, to, limit).map(rowToRun),
      keyOf: (run) => run.id,
    });
  }

  async listRuns(filter: RunFilter = {}): Promise<Run[]> {
    const conditions: string[] = [];
    const params: Record<string, string | number> = { limit: filter.limit ?? DEFAULT_LIST_LIMIT };
    if (filter.experiment !== undefined) {
      conditions.push("experiment = :experiment");
      params["experiment"] = filter.experiment;
    }
    if (filter.status !== undefined) {
      conditions.push("status = :status");
      params["status"] = filter.status;
    }
    const where = conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
    // At most four shapes of this query exist; SQLite's statement cache is not needed.
    const rows = this.db
      .prepare(`SELECT ${RUN_COLUMNS} FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT :limit`)
      .all(params);
    return rows.map(rowToRun);
  }

  async *runItems(runId: string): AsyncGenerator<RunItem> {
    await this.writes.flush();
    // A statement of its own: two streams of the same store must not reset each other.
    const rows = this.db
      .prepare("SELECT item FROM run_items WHERE run_id = ? ORDER BY item_id")
      .iterate(runId);
    try {
      for (const row of rows) yield rowToRunItem(row);
    } finally {
      // Releases the read snapshot when a consumer stops early (break, throw).
      if (this.db.isOpen) rows.return?.();
    }
  }

  async runItemStatuses(runId: string): Promise<Map<string, RunItem["status"]>> {
    await this.writes.flush();
    const statuses = new Map<string, RunItem["status"]>();
    for (const row of this.statements.runItemStatuses.iterate(runId)) {
      statuses.set(String(row["item_id"]), String(row["status"]) as RunItem["status"]);
    }
    return statuses;
  }

  async getRunItem(runItemId: string): Promise<RunItem | undefined> {
    await this.writes.flush();
    const row = this.statements.runItemById.get(runItemId);
    return row === undefined ? undefined : rowToRunItem(row);
  }

  async getScore(scoreId: string): Promise<{ score: Score; runItem: RunItem } | undefined> {
    await this.writes.flush();
    this.scoreIndex.catchUp();
    const key = this.statements.scoreById.get(scoreId);
    if (key === undefined) return undefined;
    const row = this.statements.runItemByKey.get(key["run_id"] ?? null, key["item_id"] ?? null);
    if (row === undefined) return undefined;
    const runItem = rowToRunItem(row);
    const score = findScore(runItem, scoreId);
    return score === undefined ? undefined : { score, runItem };
  }

  async close(): Promise<void> {
    if (!this.db.isOpen) return;
    await this.writes.flush();
    await this.writer.close();
    this.db.close();
  }
}
