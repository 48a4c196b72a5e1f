import type { Run } from "../core/model/run.js";
import type { RunItem } from "../core/model/run-item.js";
import type { RunRole } from "./results-branch/layout.js";
import type { ExperimentVersionRecord, RunStore } from "./run-store.js";

/** A published run as a shared store finds it: enough to choose one before reading it. */
export interface PublishedRunRef {
  runId: string;
  experiment: string;
  datasetVersion: string;
  commit?: string;
  role?: RunRole;
}

export interface PublishedRunFilter {
  experiment: string;
  datasetVersion?: string;
  commit?: string;
  role?: RunRole;
}

/**
 * Where the Action publishes finished runs and where it and the bot find baselines and candidates:
 * the results branch (ResultsBranchStore) or a PostgreSQL store (PostgresRunStore). Runs execute
 * in a local embedded store first and are published once, finished.
 */
export interface PublishedRuns {
  /** Published runs matching the filter, newest first (by start time, then id). */
  findRuns(filter: PublishedRunFilter): Promise<PublishedRunRef[]>;
  getRun(runId: string): Promise<Run | undefined>;
  runItems(runId: string): AsyncIterable<RunItem>;
  getExperimentVersion(experiment: string, version: string): Promise<ExperimentVersionRecord | undefined>;
  /**
   * Copies a finished run (its record, experiment version, items, annotations, and its dataset
   * version unless this store has it already) from `source`
   * and returns its reference. A run still `running` is refused; publishing the same run again
   * replaces it.
   */
  publishFrom(source: RunStore, runId: string): Promise<PublishedRunRef>;
  close(): Promise<void>;
}
