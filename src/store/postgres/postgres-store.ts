import type pg from "pg";
import type { ExperimentState } from "../../core/experiment-lifecycle.js";
import { ExperimentStateSchema } from "../../core/experiment-lifecycle.js";
import type { Annotation } from "../../core/model/annotation.js";
import type { Item } from "../../core/model/item.js";
import type { Run } from "../../core/model/run.js";
import type { RunItem, Score } from "../../core/model/run-item.js";
import { findScore } from "../../core/repeats/find-score.js";
import { findByKeyOrPrefix } from "../ambiguous-prefix.js";
import { GroupCommit } from "../group-commit.js";
import type { PublishedRunFilter, PublishedRunRef, PublishedRuns } from "../published-runs.js";
import { RunExistsError, UnknownRunError, type DatasetVersionRecord, type DatasetVersionUse, type DeletedRun, type ExperimentVersionRecord, type ExperimentVersionUse, type RunEnd, type RunFilter, type RunLease, type RunStore } from "../run-store.js";
import { rowToRun } from "../sqlite-rows.js";
import { INSERT_RUN, runValues, SELECT_RUN } from "./postgres-rows.js";
import { putAnnotations, runAnnotations } from "./postgres-annotations.js";
import { datasetVersionItems, getDatasetVersion, listDatasetVersions, listExperimentVersions, putDatasetVersionIn } from "./postgres-dataset-versions.js";
import { deleteRunIn } from "./postgres-delete-run.js";
import { connectionError, createPool, mapLostConnections } from "./postgres-connection.js";
import { writeRunItems } from "./postgres-item-writer.js";
import { PostgresRunLeases } from "./postgres-run-leases.js";
import { migratePostgres } from "./postgres-schema.js";
import { catchUpScoreIndex } from "./postgres-score-index.js";
import { publishRunTo } from "./publish-to-postgres.js";
import { redactStoreUrl } from "./store-url.js";

const DEFAULT_LIST_LIMIT = 50;
/** Items per page when streaming a run: ~1 MB of JSON at typical item sizes. */
const PAGE_SIZE = 1_000;

export interface PostgresStoreScope {
  /** owner/repo: runs created here carry it, and listRuns/findRuns see only its runs. */
  repository?: string;
}

/**
 * The PostgreSQL store: one database shared by every machine of a team (CI shards, nightly jobs,
 * several repositories). Same promises as the embedded store (RunStore's contract): putRunItem
 * resolves once the transaction holding the item has committed (group commit: items that arrive
 * while a batch is written go into the next one, one multi-row statement each), so a process
 * killed after it resolves keeps the item; reads and endRun first commit what is waiting.
 */
export class PostgresRunStore implements RunStore, PublishedRuns {
  /** The URL with its password redacted: what messages name. */
  readonly where: string;
  private readonly leases: PostgresRunLeases;
  // A lost server rejects as UnavailableError here as for every query (mapLostConnections).
  private readonly writes = new GroupCommit<RunItem>((items) => writeRunItems(this.pool, items));
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
    private readonly scope: PostgresStoreScope,
  ) {
    this.where = redactStoreUrl(url);
    this.leases = new PostgresRunLeases(pool);
  }

  /** Connects and migrates. Throws UserError for what a user causes (see postgres-connection.ts). */
  static async open(url: string, scope: PostgresStoreScope = {}): Promise<PostgresRunStore> {
    const pool = createPool(url);
    try {
      await migrate(pool, redactStoreUrl(url));
      mapLostConnections(pool, redactStoreUrl(url));
      return new PostgresRunStore(pool, url, scope);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Applies pending migrations only (`evalgate store migrate`). */
  static async migrateOnly(url: string): Promise<{ from: number; to: number }> {
    const pool = createPool(url);
    try {
      return await migrate(pool, redactStoreUrl(url));
    } finally {
      await pool.end().catch(() => undefined);
    }
  }

  async saveExperimentVersion(record: ExperimentVersionRecord): Promise<void> {
    // A version is a content hash of its definition, so the first record saved is the record.
    await this.pool.query(
      "INSERT INTO evalgate.experiment_versions (experiment, version, definition, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
      [record.experiment, record.version, JSON.stringify(record.definition ?? null), record.created_at],
    );
  }

  async getExperimentVersion(experiment: string, version: string): Promise<ExperimentVersionRecord | undefined> {
    const { rows } = await this.pool.query<{ experiment: string; version: string; definition: string; created_at: string }>(
      "SELECT experiment, version, definition, created_at FROM evalgate.experiment_versions WHERE experiment = $1 AND version = $2",
      [experiment, version],
    );
    const row = rows[0];
    return row === undefined ? undefined : { ...row, definition: JSON.parse(row.definition) };
  }

  async createRun(run: Run): Promise<void> {
    const result = await this.pool.query(`${INSERT_RUN} ON CONFLICT (id) DO NOTHING`, runValues(run, this.scope.repository));
    if (result.rowCount === 0) throw new RunExistsError(run.id, this.where);
  }

  putRunItem(item: RunItem): Promise<void> {
    return this.writes.add(item);
  }

  async endRun(runId: string, end: RunEnd): Promise<void> {
    await this.writes.flush();
    const result = await this.pool.query(
      "UPDATE evalgate.runs SET status = $2, ended_at = $3, summary = $4, verdict = $5, verdict_reasons = $6 WHERE id = $1",
      [
        runId,
        end.status,
        end.ended_at,
        end.summary === undefined ? null : JSON.stringify(end.summary),
        end.verdict ?? null,
        end.verdict_reasons === undefined ? null : JSON.stringify(end.verdict_reasons),
      ],
    );
    if (result.rowCount === 0) throw new UnknownRunError(runId, this.where);
  }

  async reopenRun(runId: string): Promise<void> {
    const result = await this.pool.query(
      "UPDATE evalgate.runs SET status = 'running', ended_at = NULL, summary = NULL, verdict = NULL, verdict_reasons = NULL WHERE id = $1",
      [runId],
    );
    if (result.rowCount === 0) throw new UnknownRunError(runId, this.where);
  }

  acquireRunLease(lease: RunLease, replacing?: string): Promise<RunLease | undefined> {
    return this.leases.acquire(lease, replacing);
  }

  renewRunLease(runId: string, holder: string, heartbeatAt: string): Promise<boolean> {
    return this.leases.renew(runId, holder, heartbeatAt);
  }

  releaseRunLease(runId: string, holder: string): Promise<void> {
    return this.leases.release(runId, holder);
  }

  getRunLease(runId: string): Promise<RunLease | undefined> {
    return this.leases.get(runId);
  }

  async getExperimentState(experiment: string): Promise<ExperimentState | undefined> {
    const { rows } = await this.pool.query<{ experiment: string; status: string; baseline_run_id: string | null; updated_at: string }>(
      "SELECT experiment, status, baseline_run_id, updated_at FROM evalgate.experiment_states WHERE experiment = $1",
      [experiment],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const { baseline_run_id: baselineRunId, ...rest } = row;
    return ExperimentStateSchema.parse(baselineRunId === null ? rest : { ...rest, baseline_run_id: baselineRunId });
  }

  async setExperimentState(state: ExperimentState): Promise<void> {
    await this.pool.query(
      "INSERT INTO evalgate.experiment_states (experiment, status, baseline_run_id, updated_at) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (experiment) DO UPDATE SET status = excluded.status, baseline_run_id = excluded.baseline_run_id, updated_at = excluded.updated_at",
      [state.experiment, state.status, state.baseline_run_id ?? null, state.updated_at],
    );
  }

  async putAnnotations(annotations: readonly Annotation[]): Promise<void> {
    await this.inTransaction((client) => putAnnotations(client, annotations, this.where));
  }

  runAnnotations(runId: string): Promise<Annotation[]> {
    return runAnnotations(this.pool, runId);
  }

  async putDatasetVersion(record: DatasetVersionRecord, items: AsyncIterable<Item> | Iterable<Item>): Promise<boolean> {
    if ((await this.pool.query("SELECT 1 FROM evalgate.dataset_versions WHERE version = $1", [record.version])).rows.length > 0) return false;
    return this.inTransaction((client) => putDatasetVersionIn(client, record, items));
  }

  getDatasetVersion(version: string): Promise<DatasetVersionRecord | undefined> {
    return getDatasetVersion(this.pool, version);
  }

  datasetVersionItems(version: string): AsyncIterable<Item> {
    return datasetVersionItems(this.pool, version);
  }

  /** With a repository scope, its runs and the versions they use. */
  listDatasetVersions(): Promise<DatasetVersionUse[]> {
    return listDatasetVersions(this.pool, this.scope.repository);
  }

  listExperimentVersions(experiment?: string): Promise<ExperimentVersionUse[]> {
    return listExperimentVersions(this.pool, experiment, this.scope.repository);
  }

  async deleteRun(runId: string): Promise<DeletedRun> {
    await this.writes.flush();
    return this.inTransaction((client) => deleteRunIn(client, runId, this.where));
  }

  async getRun(runId: string): Promise<Run | undefined> {
    return findByKeyOrPrefix("run id", runId, {
      exact: async (id) => (await this.pool.query(`${SELECT_RUN} WHERE id = $1`, [id])).rows.map(rowToRun)[0],
      withPrefix: async (from, to, limit) =>
        (await this.pool.query(`${SELECT_RUN} WHERE id > $1 AND id < $2 ORDER BY id LIMIT $3`, [from, to, limit])).rows.map(rowToRun),
      keyOf: (run) => run.id,
    });
  }

  async listRuns(filter: RunFilter = {}): Promise<Run[]> {
    const { clause, values } = equalities({ repository: this.scope.repository, experiment: filter.experiment, status: filter.status });
    values.push(filter.limit ?? DEFAULT_LIST_LIMIT);
    const { rows } = await this.pool.query(`${SELECT_RUN} ${clause} ORDER BY started_at DESC, id DESC LIMIT $${values.length}`, values);
    return rows.map(rowToRun);
  }

  /**
   * Page by page in item id order (keyset: each page starts after the last id of the one before),
   * so a run of any size streams in constant memory and two streams never share a cursor.
   */
  async *runItems(runId: string): AsyncGenerator<RunItem> {
    await this.writes.flush();
    let after: string | undefined;
    for (;;) {
      const { rows } = await this.pool.query<{ item_id: string; item: string }>(
        after === undefined
          ? "SELECT item_id, item FROM evalgate.run_items WHERE run_id = $1 ORDER BY item_id LIMIT $2"
          : "SELECT item_id, item FROM evalgate.run_items WHERE run_id = $1 AND item_id > $3 ORDER BY item_id LIMIT $2",
        after === undefined ? [runId, PAGE_SIZE] : [runId, PAGE_SIZE, after],
      );
      for (const row of rows) yield JSON.parse(row.item) as RunItem;
      if (rows.length < PAGE_SIZE) return;
      after = rows[rows.length - 1]!.item_id;
    }
  }

  async runItemStatuses(runId: string): Promise<Map<string, RunItem["status"]>> {
    await this.writes.flush();
    const { rows } = await this.pool.query<{ item_id: string; status: RunItem["status"] }>(
      "SELECT item_id, status FROM evalgate.run_items WHERE run_id = $1",
      [runId],
    );
    return new Map(rows.map((row) => [row.item_id, row.status]));
  }

  async getRunItem(runItemId: string): Promise<RunItem | undefined> {
    await this.writes.flush();
    const { rows } = await this.pool.query<{ item: string }>("SELECT item FROM evalgate.run_items WHERE id = $1 LIMIT 1", [runItemId]);
    return rows[0] === undefined ? undefined : (JSON.parse(rows[0].item) as RunItem);
  }

  async getScore(scoreId: string): Promise<{ score: Score; runItem: RunItem } | undefined> {
    await this.writes.flush();
    await catchUpScoreIndex(this.pool);
    const { rows } = await this.pool.query<{ item: string }>(
      "SELECT run_items.item FROM evalgate.scores JOIN evalgate.run_items USING (run_id, item_id) WHERE scores.id = $1",
      [scoreId],
    );
    if (rows[0] === undefined) return undefined;
    const runItem = JSON.parse(rows[0].item) as RunItem;
    const score = findScore(runItem, scoreId);
    return score === undefined ? undefined : { score, runItem };
  }

  /** Finished runs matching the filter, newest first; runs still in progress are not published. */
  async findRuns(filter: PublishedRunFilter): Promise<PublishedRunRef[]> {
    const { clause, values } = equalities(
      {
        experiment: filter.experiment,
        repository: this.scope.repository,
        dataset_version: filter.datasetVersion,
        git_commit: filter.commit,
        role: filter.role,
      },
      ["status <> 'running'"],
    );
    // The reference's columns only: a baseline search may list hundreds of runs.
    const { rows } = await this.pool.query<{ id: string; experiment: string; dataset_version: string; git_commit: string | null; role: Run["role"] | null }>(
      `SELECT id, experiment, dataset_version, git_commit, role FROM evalgate.runs ${clause} ORDER BY started_at DESC, id DESC`,
      values,
    );
    return rows.map(publishedRef);
  }

  async publishFrom(source: RunStore, runId: string): Promise<PublishedRunRef> {
    await this.writes.flush();
    const run = await this.inTransaction((client) => publishRunTo(client, source, runId, { repository: this.scope.repository, where: this.where }));
    return publishedRef(run);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.flush();
    await this.pool.end();
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/**
 * `WHERE column = $1 AND …` for the given columns (undefined values left out) and any fixed
 * conditions, with the values in placeholder order (more may be pushed after them).
 */
function equalities(columns: Record<string, unknown>, fixed: readonly string[] = []): { clause: string; values: unknown[] } {
  const values: unknown[] = [];
  const conditions = [...fixed];
  for (const [column, value] of Object.entries(columns)) {
    if (value === undefined) continue;
    values.push(value);
    conditions.push(`${column} = $${values.length}`);
  }
  return { clause: conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`, values };
}

/** A run's reference, from the run or its row (where an absent commit or role is NULL). */
function publishedRef(run: {
  id: string;
  experiment: string;
  dataset_version: string;
  git_commit?: string | null | undefined;
  role?: Run["role"] | null | undefined;
}): PublishedRunRef {
  return {
    runId: run.id,
    experiment: run.experiment,
    datasetVersion: run.dataset_version,
    ...(run.git_commit == null ? {} : { commit: run.git_commit }),
    ...(run.role == null ? {} : { role: run.role }),
  };
}

async function migrate(pool: pg.Pool, where: string): Promise<{ from: number; to: number }> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw connectionError(error, where);
  }
  try {
    return await migratePostgres(client, where);
  } catch (error) {
    throw connectionError(error, where);
  } finally {
    client.release();
  }
}
