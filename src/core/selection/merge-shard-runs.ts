import { UserError } from "../errors.js";
import { runItemId, scoreId } from "../model/ids.js";
import { isCompleteRun, type Run } from "../model/run.js";
import type { RunItem } from "../model/run-item.js";
import { parseShard, type Shard } from "./shard.js";
import { resumeCommand } from "../resume-command.js";

/** What every shard run must share with the others, or the merged run would mix two experiments. */
// The target too: shards of one run against two deployments would merge into a result no run gives.
const SHARED_FIELDS = ["experiment", "experiment_version", "dataset_path", "dataset_version", "variant", "target"] as const;

/** The shard runs, checked and in shard order, and the fields the merged run takes from them. */
export interface ShardMergePlan {
  shardCount: number;
  /** Index 0 is shard 1. */
  runs: Run[];
  /** The merged run before its id, times, status and summary are known. */
  base: Omit<Run, "id" | "started_at" | "status">;
}

/**
 * Checks that `runs` are all N shards of one experiment version over one dataset version, each
 * complete, none twice: anything else is a UserError naming the runs and what to pass instead.
 */
export function planShardMerge(runs: Run[]): ShardMergePlan {
  if (runs.length === 0) throw new UserError("runs merge: name the shard runs to merge (evalgate runs merge RUN…)");
  const shards = runs.map((run) => ({ run, shard: shardOf(run) }));
  const first = runs[0]!;
  for (const run of runs.slice(1)) {
    for (const field of SHARED_FIELDS) {
      if (run[field] !== first[field]) {
        throw new UserError(
          `runs merge: run ${run.id} has ${field} ${run[field] ?? "(none)"} but run ${first.id} has ` +
            `${first[field] ?? "(none)"}; merge only the shards of one run of one experiment version and dataset version`,
        );
      }
    }
  }
  const shardCount = shards[0]!.shard.count;
  const byIndex = new Map<number, Run>();
  for (const { run, shard } of shards) {
    if (shard.count !== shardCount) {
      throw new UserError(`runs merge: run ${run.id} is shard ${shard.index}/${shard.count} but run ${first.id} is one of ${shardCount} shards`);
    }
    const other = byIndex.get(shard.index);
    if (other) {
      throw new UserError(
        `runs merge: runs ${other.id} and ${run.id} are both shard ${shard.index}/${shardCount}; pass one run per shard`,
      );
    }
    if (!isCompleteRun(run)) {
      throw new UserError(
        `runs merge: run ${run.id} (shard ${shard.index}/${shardCount}) is ${run.status}, not complete; ` +
          `finish it with: ${resumeCommand(run)} --shard ${shard.index}/${shardCount}`,
      );
    }
    byIndex.set(shard.index, run);
  }
  const missing = Array.from({ length: shardCount }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    throw new UserError(
      `runs merge: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${shardCount}`).join(", ")} ` +
        `missing; pass one complete run of each of the ${shardCount} shards`,
    );
  }
  const ordered = Array.from({ length: shardCount }, (_, i) => byIndex.get(i + 1)!);
  return { shardCount, runs: ordered, base: mergedBase(ordered) };
}

function shardOf(run: Run): Shard {
  if (run.selection?.mode !== "shard") {
    throw new UserError(`runs merge: run ${run.id} is not a shard run (start shards with evalgate run EXP --shard I/N)`);
  }
  return parseShard(run.selection.value);
}

/** Shared when every shard has the same value (one commit, one pull request), else left out. */
function mergedBase(runs: Run[]): ShardMergePlan["base"] {
  const first = runs[0]!;
  const same = <K extends keyof Run>(key: K): Partial<Pick<Run, K>> =>
    runs.every((run) => run[key] === first[key]) && first[key] !== undefined ? ({ [key]: first[key] } as Pick<Run, K>) : {};
  // Each shard run counts only its own items: the whole is their sum, as an unsharded run counts.
  const itemCount = runs.reduce((sum, run) => sum + (run.selection?.selected ?? run.item_count), 0);
  return {
    experiment: first.experiment,
    experiment_version: first.experiment_version,
    dataset_path: first.dataset_path,
    dataset_version: first.dataset_version,
    item_count: itemCount,
    target: first.target,
    label: mergedLabel(runs),
    ...same("variant"),
    ...same("role"),
    ...same("pull_request"),
    ...same("git_commit"),
    ...same("git_branch"),
  };
}

/** Where the merged run came from, readable in `runs list`: "merged shards run-a run-b …". */
export function mergedLabel(runs: Run[]): string {
  return `merged shards ${runs.map((run) => run.id).join(" ")}`;
}

/** The merged run ran from its first shard's start to its last shard's end. */
export function mergedTimes(runs: Run[]): { started_at: string; ended_at: string } {
  const starts = runs.map((run) => run.started_at).sort();
  const ends = runs.map((run) => run.ended_at ?? run.started_at).sort();
  return { started_at: starts[0]!, ended_at: ends[ends.length - 1]! };
}

/** A shard's item as an item of the merged run: its ids derive from the new run's id. */
export function mergedRunItem(item: RunItem, runId: string): RunItem {
  return {
    ...item,
    id: runItemId(runId, item.item_id),
    run_id: runId,
    scores: item.scores.map((score) => ({ ...score, id: scoreId(runId, item.item_id, score.scorer) })),
  };
}

/** Items are hashed into exactly one shard: an item in two shard runs means they are not one run's shards. */
export function duplicateItemError(itemId: string, runs: string[]): UserError {
  return new UserError(
    `runs merge: item ${itemId} is in runs ${runs.join(" and ")}; shards of one run never share an item, ` +
      "so these are not the shards of one run",
  );
}
