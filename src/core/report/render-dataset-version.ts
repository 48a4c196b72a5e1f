import type { Item } from "../model/item.js";
import { formatCount, formatCountOf } from "../stats.js";
import type { ListedDatasetVersion } from "./dataset-version-rows.js";
import { displayWidth, padToWidth } from "./display-width.js";
import { excerpt } from "./excerpt.js";
import { fitLines } from "./fit-lines.js";
import { formatAge } from "./format-age.js";

/** How many of a version's items carry each optional field. */
export interface DatasetItemCounts {
  items: number;
  withExpected: number;
  withMetadata: number;
  withScorers: number;
}

export function countItemFields(counts: DatasetItemCounts, item: Item): void {
  counts.items += 1;
  if (item.expected !== undefined) counts.withExpected += 1;
  if (item.metadata !== undefined) counts.withMetadata += 1;
  if (item.scorers !== undefined) counts.withScorers += 1;
}

export function emptyItemCounts(): DatasetItemCounts {
  return { items: 0, withExpected: 0, withMetadata: 0, withScorers: 0 };
}

/**
 * `datasets show`: the stored version, its runs, and its first items (by id) in one line each,
 * for a `width`-column terminal.
 */
export function renderDatasetVersion(
  version: ListedDatasetVersion,
  counts: DatasetItemCounts,
  firstItems: readonly Item[],
  now: number,
  width = 80,
): string {
  const carrying = [
    counts.withExpected > 0 ? `${formatCount(counts.withExpected)} with expected` : "",
    counts.withMetadata > 0 ? `${formatCount(counts.withMetadata)} with metadata` : "",
    counts.withScorers > 0 ? `${formatCount(counts.withScorers)} with their own scorers` : "",
  ].filter((part) => part !== "");
  const lines = [
    field("dataset", `${version.version} (${version.dataset_path})`),
    field("items", `${formatCount(counts.items)}${carrying.length > 0 ? ` (${carrying.join(", ")})` : ""}`),
    field("stored", `${version.created_at} (${formatAge(version.created_at, now)})`),
    field("runs", runsText(version, now)),
  ];
  if (firstItems.length > 0) {
    lines.push("", `first ${formatCountOf(firstItems.length, "item")} (by id):`);
    const ids = firstItems.map((item) => excerpt(item.id, 24));
    const idWidth = Math.max(...ids.map(displayWidth));
    firstItems.forEach((item, index) => {
      const expected = item.expected === undefined ? "" : ` → ${excerpt(item.expected, width)}`;
      lines.push(`  ${padToWidth(ids[index]!, idWidth)}  ${excerpt(item.input, width)}${expected}`);
    });
    const more = counts.items - firstItems.length;
    if (more > 0) lines.push(`… and ${formatCount(more)} more: evalgate datasets export ${version.version} -o FILE`);
  }
  return fitLines(lines, width);
}

function runsText(version: ListedDatasetVersion, now: number): string {
  if (version.runs === 0 || version.first_used === undefined) return "none";
  const last = version.last_used ?? version.first_used;
  return `${formatCount(version.runs)} · first ${version.first_used} · last ${last} (${formatAge(last, now)})`;
}

function field(name: string, value: string): string {
  return `${name.padEnd(11)} ${value}`;
}
