import type { RunStore } from "../run-store.js";
import type { RunRef } from "./layout.js";
import type { ResultsBranchStore } from "./results-branch-store.js";

/**
 * Publishes a finished run from `source` to the results branch in one commit and returns where it
 * landed. For the Action, which runs with a local embedded store (fast, durable per item) and
 * publishes once at the end; a run written through ResultsBranchStore itself is published by
 * endRun instead. A run still "running" is refused; publishing the same run again rewrites its
 * own file only.
 */
export function publishRun(source: RunStore, runId: string, target: ResultsBranchStore): Promise<RunRef> {
  return target.publishFrom(source, runId);
}
