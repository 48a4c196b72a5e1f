import type { Run, RunStatus, RunSummary } from "../core/model/run.js";
import type { RunItem, Score } from "../core/model/run-item.js";
import type { ExperimentState } from "../core/experiment-lifecycle.js";
import type { Annotation } from "../core/model/annotation.js";
import type { Item } from "../core/model/item.js";

/** An experiment version: the normalized definition that produced runs, kept forever. */
export interface ExperimentVersionRecord {
  experiment: string;
  version: string;
  /** Normalized definition before `${NAME}` is filled in: secrets are never stored. */
  definition: unknown;
  created_at: string;
}

/** A dataset version as stored: its items kept once, content-addressed by item digest. */
export interface DatasetVersionRecord {
  version: string;
  /** The dataset file it was first read from, as runs record it (dataset_path). */
  dataset_path: string;
  item_count: number;
  /** ISO time it was first stored. */
  created_at: string;
}

/** A dataset version with the runs over it. */
export interface DatasetVersionUse extends DatasetVersionRecord {
  runs: number;
  /** started_at of the first and last run over it (ISO); absent when no run uses it. */
  first_used?: string;
  last_used?: string;
}

/** An experiment version with the runs made of it. */
export interface ExperimentVersionUse {
  experiment: string;
  version: string;
  created_at: string;
  runs: number;
  /** started_at of the first run of this version (ISO); absent when it has no run. */
  first_run?: string;
  last_run?: string;
  /** dataset_version of the newest run of this version. */
  dataset_version?: string;
}

/** What deleteRun removed besides the run itself. */
export interface DeletedRun {
  /** The run's stored items. */
  items: number;
  /** True when no other run used the run's dataset version, so its stored items went too. */
  datasetVersionRemoved: boolean;
}

export interface RunFilter {
  experiment?: string;
  status?: RunStatus;
  /** Newest first; default 50. */
  limit?: number;
}

export interface RunEnd {
  status: RunStatus;
  ended_at: string;
  summary?: RunSummary;
  verdict?: "pass" | "fail";
  verdict_reasons?: string[];
}

/**
 * Who is running a run right now: one process at a time may call targets for a run (see
 * engine/run-lease.ts for the heartbeat and when a lease counts as stale).
 */
export interface RunLease {
  run_id: string;
  /** A random id per process that took the lease: two runs in one process never share one. */
  holder: string;
  host: string;
  pid: number;
  /** ISO time of the holder's last heartbeat, by the holder's clock. */
  heartbeat_at: string;
}

/** `createRun` with the id of a run the store already has. */
export class RunExistsError extends Error {
  override readonly name = "RunExistsError";
  constructor(
    readonly runId: string,
    /** Where the store keeps its runs (a file, a branch), for the message. */
    readonly where: string,
  ) {
    super(`run "${runId}" already exists in ${where}`);
  }
}

/** `endRun`, `reopenRun` or `deleteRun` of a run the store does not have (or cannot change). */
export class UnknownRunError extends Error {
  override readonly name = "UnknownRunError";
  constructor(
    readonly runId: string,
    readonly where: string,
  ) {
    super(`run "${runId}" is not in ${where}`);
  }
}

/**
 * Where runs live. One contract for every back-end (the embedded SQLite store, the results
 * branch, PostgreSQL later), tested by one shared suite (test/store/run-store.contract.ts).
 *
 * Errors are part of the contract: `createRun` with an id the store has throws RunExistsError;
 * `endRun`, `reopenRun` and `deleteRun` of a run it does not have throw UnknownRunError.
 *
 * Order is part of the contract: `runItems` streams a run's items by item_id in Unicode code
 * point order, as defined once in core/item-id-order.ts (`compareItemIds`), which is what
 * comparisons merge-join on. Code point order is UTF-8 byte order: SQLite's default BINARY
 * collation sorts so; JavaScript's `<` (UTF-16 units) does not for characters above U+FFFF; a
 * PostgreSQL store must sort with `COLLATE "C"` (its default collation follows the locale).
 */
export interface RunStore {
  saveExperimentVersion(record: ExperimentVersionRecord): Promise<void>;
  getExperimentVersion(experiment: string, version: string): Promise<ExperimentVersionRecord | undefined>;
  /** Throws RunExistsError when the store has a run with this id. */
  createRun(run: Run): Promise<void>;
  /**
   * Stores one finished run item durably before resolving: a process killed after this resolves
   * keeps the item. Storing the same (run_id, item_id) again replaces it (resume re-runs errors);
   * calls for one (run_id, item_id) are applied in call order (a repeated item is stored after each
   * attempt, and the last write holds every attempt).
   */
  putRunItem(item: RunItem): Promise<void>;
  /** Throws UnknownRunError when the store has no such run. */
  endRun(runId: string, end: RunEnd): Promise<void>;
  /** By exact id, or by a unique prefix of one. */
  getRun(runId: string): Promise<Run | undefined>;
  listRuns(filter?: RunFilter): Promise<Run[]>;
  /** The run's items, streamed in code point order of item_id (`compareItemIds`); none for an unknown run. */
  runItems(runId: string): AsyncIterable<RunItem>;
  /** item_id → status of every stored item of the run (what resume skips). */
  runItemStatuses(runId: string): Promise<Map<string, RunItem["status"]>>;
  /**
   * Marks an ended run in progress again for `--resume`: status `running`, and no end time,
   * summary or verdict until it ends again. Throws UnknownRunError when the store has no such run.
   */
  reopenRun(runId: string): Promise<void>;
  /**
   * Compare-and-set in one transaction: stores `lease` when the run's current holder is
   * `replacing` (undefined: the run has no lease), or is already `lease.holder`. Resolves to the
   * lease in force afterwards, so the caller took it when its holder is `lease.holder`.
   */
  acquireRunLease(lease: RunLease, replacing?: string): Promise<RunLease | undefined>;
  /** Records a heartbeat; false when `holder` no longer holds the run's lease (it was taken over). */
  renewRunLease(runId: string, holder: string, heartbeatAt: string): Promise<boolean>;
  /** Drops the lease when `holder` still holds it. */
  releaseRunLease(runId: string, holder: string): Promise<void>;
  getRunLease(runId: string): Promise<RunLease | undefined>;
  getRunItem(runItemId: string): Promise<RunItem | undefined>;
  getScore(scoreId: string): Promise<{ score: Score; runItem: RunItem } | undefined>;
  /** The lifecycle of an experiment with variants; undefined until its first run (it is `draft`). */
  getExperimentState(experiment: string): Promise<ExperimentState | undefined>;
  /** Replaces the experiment's state; the caller has checked the move (`nextExperimentStatus`). */
  setExperimentState(state: ExperimentState): Promise<void>;
  /**
   * Upserts annotations by (run_item_id, name), all in one transaction: a later write of the same
   * name replaces the value, note and author. Throws UnknownRunError when a run is not in the store.
   */
  putAnnotations(annotations: readonly Annotation[]): Promise<void>;
  /** A run's annotations ordered by item_id (code point order, as runItems), then name. */
  runAnnotations(runId: string): Promise<Annotation[]>;
  /**
   * Stores a dataset version and its items once. Resolves false, without reading `items`, when the
   * store has the version already; true when it stored it now. Items are stored content-addressed
   * (by the digest core/dataset/version-accumulator.ts computes: an item shared by two versions is
   * stored once). `item_count` is stored as the number of items given.
   */
  putDatasetVersion(record: DatasetVersionRecord, items: AsyncIterable<Item> | Iterable<Item>): Promise<boolean>;
  /** By exact version, or a unique prefix of one (ambiguous: UserError naming matches, like getRun). */
  getDatasetVersion(version: string): Promise<DatasetVersionRecord | undefined>;
  /** The items of the version (exact), in code point order of id (compareItemIds); none for an unknown version. */
  datasetVersionItems(version: string): AsyncIterable<Item>;
  /** Every stored dataset version with its use, newest last_used (else created_at) first. */
  listDatasetVersions(): Promise<DatasetVersionUse[]>;
  /** Stored experiment versions (of one experiment when given), newest first_run (else created_at) first. */
  listExperimentVersions(experiment?: string): Promise<ExperimentVersionUse[]>;
  /**
   * Removes a run (exact id) with its items, scores, annotations and lease; then its dataset
   * version too when no other run uses it. Throws UnknownRunError for a run the store does not
   * have. Resolves what was removed besides the run.
   */
  deleteRun(runId: string): Promise<DeletedRun>;
  close(): Promise<void>;
}
