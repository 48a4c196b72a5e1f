import { contentHash } from "../canonical.js";

/** Run item ids are derived, so every store (and a resumed run) gives the same id. */
export function runItemId(runId: string, itemId: string): string {
  return `ri_${contentHash([runId, itemId], 12)}`;
}

export function scoreId(runId: string, itemId: string, scorer: string): string {
  return `sc_${contentHash([runId, itemId, scorer], 12)}`;
}

/** Sortable by start time, short enough to type: run-20261125-120301-7f3a. */
export function newRunId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const suffix = Math.floor(random() * 0x10000).toString(16).padStart(4, "0");
  return `run-${stamp}-${suffix}`;
}
