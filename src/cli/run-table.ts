import type { Run } from "../core/model/run.js";
import { formatAge } from "../core/report/format-age.js";
import type { ListingTableOptions } from "../core/report/format-listing.js";
import { statusText, type RunOwner } from "../core/report/render-run-summary.js";
import { formatCount, formatPercent } from "../core/stats.js";

/**
 * What `runs list` shows in a terminal: what a user needs to pick a run. The machine formats
 * keep every field (`RUN_COLUMNS` in commands/run.ts).
 */
export const RUN_TABLE_COLUMNS = ["id", "experiment", "label", "status", "pass rate", "items", "age"];

/**
 * The id is what a user copies into the next command, so it is never cut: the label makes room
 * first, then the experiment (both shortened before any is dropped), then the rest.
 */
export const RUN_TABLE_FIT = {
  giveWay: ["label", "experiment", "age", "items", "status", "pass rate"],
  align: { "pass rate": "right", items: "right" },
} as const satisfies ListingTableOptions;

/**
 * `liveOwner`: the run's live lease (engine/run-lease.ts); a `running` run without one is listed
 * as interrupted. `thresholds` (fractions): what its pass rate was judged against, so it is never
 * shown rounded onto one (1,799 of 2,000 against 90 % reads 89.95 %). `storedItems`: the items a
 * run without a summary (one that never ended) has stored.
 */
export function runTableRow(
  run: Run,
  liveOwner: RunOwner | undefined,
  now: number,
  thresholds: readonly number[] = [],
  storedItems?: number,
): Record<string, string> {
  const stored = run.summary?.total ?? storedItems;
  return {
    id: run.id,
    experiment: run.experiment,
    label: run.label ?? "",
    status: statusText(run, liveOwner),
    "pass rate": run.summary ? formatPercent(run.summary.pass_rate, { against: thresholds }) : "",
    // A run that stopped early shows how far it got: "12/50".
    items:
      stored !== undefined && stored !== run.item_count
        ? `${formatCount(stored)}/${formatCount(run.item_count)}`
        : formatCount(run.item_count),
    age: formatAge(run.started_at, now),
  };
}
