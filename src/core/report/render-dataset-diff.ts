import { formatCount, formatCountOf } from "../stats.js";
import type { DatasetItemsDiff } from "../versions/diff-dataset-items.js";
import { displayWidth, padToWidth } from "./display-width.js";
import { oneLine } from "./excerpt.js";

/** One side of a `datasets diff`. */
export interface DiffedDatasetVersion {
  version: string;
  dataset_path: string;
  item_count: number;
}

/**
 * `datasets diff` as text: the counts, then the ids added, removed and changed (with the fields
 * that changed), at most `maxListed` per list; ids are never cut, since a user copies them.
 */
export function renderDatasetDiff(before: DiffedDatasetVersion, after: DiffedDatasetVersion, diff: DatasetItemsDiff, maxListed = 50): string {
  const side = (version: DiffedDatasetVersion) =>
    `${version.version} (${oneLine(version.dataset_path)}, ${formatCountOf(version.item_count, "item")})`;
  const lines = [
    `dataset ${side(before)} → ${side(after)}`,
    `added ${formatCount(diff.added.length)}, removed ${formatCount(diff.removed.length)}, ` +
      `changed ${formatCount(diff.changed.length)}, unchanged ${formatCount(diff.unchanged)}`,
  ];
  const list = (title: string, entries: readonly string[]) => {
    if (entries.length === 0) return;
    lines.push("", `${title} (${formatCount(entries.length)}):`);
    for (const entry of entries.slice(0, maxListed)) lines.push(`  ${entry}`);
    if (entries.length > maxListed) lines.push(`  … and ${formatCount(entries.length - maxListed)} more (--format json lists every id)`);
  };
  list("added", diff.added.map(oneLine));
  list("removed", diff.removed.map(oneLine));
  const idWidth = Math.min(32, Math.max(0, ...diff.changed.slice(0, maxListed).map((item) => displayWidth(oneLine(item.id)))));
  list("changed", diff.changed.map((item) => `${padToWidth(oneLine(item.id), idWidth)}  ${item.fields.join(", ")}`));
  return `${lines.join("\n")}\n`;
}
