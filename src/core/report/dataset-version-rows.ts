import { formatCount } from "../stats.js";
import { formatAge } from "./format-age.js";
import type { ListingTableOptions } from "./format-listing.js";

/** A stored dataset version with the runs over it, as `datasets list` and `datasets show` read it. */
export interface ListedDatasetVersion {
  version: string;
  dataset_path: string;
  item_count: number;
  created_at: string;
  runs: number;
  first_used?: string;
  last_used?: string;
}

/** The machine formats keep every field, as the store names it. */
export const DATASET_VERSION_COLUMNS = ["version", "dataset_path", "item_count", "runs", "created_at", "first_used", "last_used"];

/** What `datasets list` shows in a terminal. */
export const DATASET_VERSION_TABLE_COLUMNS = ["version", "dataset", "items", "runs", "first used", "last used"];

/** The version is what a user copies into the next command, so it is never cut; the path shortens first. */
export const DATASET_VERSION_TABLE_FIT = {
  giveWay: ["dataset", "first used", "last used", "runs", "items"],
  align: { items: "right", runs: "right" },
} as const satisfies ListingTableOptions;

export function datasetVersionRow(version: ListedDatasetVersion): Record<string, unknown> {
  return {
    version: version.version,
    dataset_path: version.dataset_path,
    item_count: version.item_count,
    runs: version.runs,
    created_at: version.created_at,
    first_used: version.first_used ?? null,
    last_used: version.last_used ?? null,
  };
}

export function datasetVersionTableRow(version: ListedDatasetVersion, now: number): Record<string, string> {
  return {
    version: version.version,
    dataset: version.dataset_path,
    items: formatCount(version.item_count),
    runs: formatCount(version.runs),
    "first used": version.first_used === undefined ? "never" : formatAge(version.first_used, now),
    "last used": version.last_used === undefined ? "" : formatAge(version.last_used, now),
  };
}
