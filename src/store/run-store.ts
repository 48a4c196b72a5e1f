import type { Run, RunStatus, RunSummary } from "../core/model/run.js";
import type { RunItem, Score } from "../core/model/run-item.js";

/** An experiment version: the normalized definition that produced runs, kept forever. */
export interface ExperimentVersionRecord {
  experiment: string;
  version: string;
  /** Normalized definition before `${NAME}` is filled in: secrets are never stored. */
  definition: unknown;
  created_at: string;
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
 * Where runs live. One contract for every back-end (embedded SQLite now, the results branch and
 * PostgreSQL later), tested by one shared suite.
 */
export interface RunStore {
  saveExperimentVersion(record: ExperimentVersionRecord): Promise<void>;
  getExperimentVersion(experiment: string, version: string): Promise<ExperimentVersionRecord | undefined>;
  createRun(run: Run): Promise<void>;
  /**
   * Stores one finished run item durably before resolving: a process killed after this resolves
   * keeps the item. Storing the same (run_id, item_id) again replaces it (resume re-runs errors).
   */
  putRunItem(item: RunItem): Promise<void>;
  endRun(runId: string, end: RunEnd): Promise<void>;
  /** By exact id, or by a unique prefix of one. */
  getRun(runId: string): Promise<Run | undefined>;
  listRuns(filter?: RunFilter): Promise<Run[]>;
  /** The run's items ordered by item_id, streamed. */
  runItems(runId: string): AsyncIterable<RunItem>;
  /** item_id → status of every stored item of the run (what resume skips). */
  runItemStatuses(runId: string): Promise<Map<string, RunItem["status"]>>;
  getRunItem(runItemId: string): Promise<RunItem | undefined>;
  getScore(scoreId: string): Promise<{ score: Score; runItem: RunItem } | undefined>;
  close(): Promise<void>;
}
