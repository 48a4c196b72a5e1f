import type { ExperimentStatus } from "../experiment-lifecycle.js";
import { formatCount } from "../stats.js";
import { formatAge } from "./format-age.js";
import type { ListingTableOptions } from "./format-listing.js";

/** An experiment as `experiments list` shows it. */
export interface ListedExperiment {
  experiment: string;
  /** The current version: evalgate.yml's when it can be read, else the newest stored. */
  version?: string;
  version_from: "evalgate.yml" | "store";
  /** The dataset version it runs over: the dataset file's now, else that of the version's newest run. */
  dataset_version?: string;
  /** Stored versions, and runs over all of them. */
  versions: number;
  runs: number;
  /** started_at of its newest run (ISO). */
  last_run?: string;
  /** Its lifecycle status, for an experiment with variants (or one that has a stored status). */
  status?: ExperimentStatus;
}

export const EXPERIMENT_COLUMNS = ["experiment", "version", "version_from", "dataset_version", "versions", "runs", "last_run", "status"];

export const EXPERIMENT_TABLE_COLUMNS = ["experiment", "version", "dataset", "versions", "runs", "last run", "status"];

/** Versions are what a user copies, so they are never cut; the name shortens last of the rest. */
export const EXPERIMENT_TABLE_FIT = {
  giveWay: ["status", "versions", "last run", "runs", "experiment"],
  align: { versions: "right", runs: "right" },
} as const satisfies ListingTableOptions;

export function experimentRow(listed: ListedExperiment): Record<string, unknown> {
  return {
    experiment: listed.experiment,
    version: listed.version ?? null,
    version_from: listed.version_from,
    dataset_version: listed.dataset_version ?? null,
    versions: listed.versions,
    runs: listed.runs,
    last_run: listed.last_run ?? null,
    status: listed.status ?? null,
  };
}

export function experimentTableRow(listed: ListedExperiment, now: number): Record<string, string> {
  return {
    experiment: listed.experiment,
    version: listed.version ?? "",
    dataset: listed.dataset_version ?? "",
    versions: formatCount(listed.versions),
    runs: formatCount(listed.runs),
    "last run": listed.last_run === undefined ? "never" : formatAge(listed.last_run, now),
    status: listed.status ?? "",
  };
}
