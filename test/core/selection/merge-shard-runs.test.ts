import { describe, expect, it } from "vitest";
import type { Run } from "../../../src/core/model/run.js";
import { planShardMerge } from "../../../src/core/selection/merge-shard-runs.js";

function shardRun(index: number, count: number, extra: Partial<Run> = {}): Run {
  return {
    id: `run-${index}-of-${count}`,
    experiment: "support",
    experiment_version: "ev1",
    dataset_path: "items.jsonl",
    dataset_version: "dv1",
    item_count: 10,
    target: "http://127.0.0.1/agent",
    started_at: `2026-11-30T05:0${index}:00.000Z`,
    ended_at: `2026-11-30T05:1${index}:00.000Z`,
    status: "passed",
    selection: { mode: "shard", value: `${index}/${count}`, selected: 10 },
    git_commit: "abc",
    ...extra,
  };
}

describe("planning a merge of shard runs", () => {
  it("orders the shards and counts the whole run's items", () => {
    const plan = planShardMerge([shardRun(2, 2), shardRun(1, 2)]);
    expect(plan.runs.map((run) => run.id)).toEqual(["run-1-of-2", "run-2-of-2"]);
    expect(plan.base).toMatchObject({ item_count: 20, git_commit: "abc", label: "merged shards run-1-of-2 run-2-of-2" });
  });

  it("refuses a shard that is not complete, naming how to finish it", () => {
    expect(() => planShardMerge([shardRun(1, 2), shardRun(2, 2, { status: "cancelled" })])).toThrow(
      /run-2-of-2 \(shard 2\/2\) is cancelled, not complete; finish it with: evalgate run support --resume run-2-of-2 --shard 2\/2/,
    );
  });

  it("refuses shards that called different deployments", () => {
    expect(() => planShardMerge([shardRun(1, 2), shardRun(2, 2, { target: "http://127.0.0.1:9/agent" })])).toThrow(
      /has target http:\/\/127\.0\.0\.1:9\/agent but run run-1-of-2 has http:\/\/127\.0\.0\.1\/agent/,
    );
  });

  it("refuses shards of another experiment version or dataset version", () => {
    expect(() => planShardMerge([shardRun(1, 2), shardRun(2, 2, { experiment_version: "ev2" })])).toThrow(
      /has experiment_version ev2 but run run-1-of-2 has ev1/,
    );
    expect(() => planShardMerge([shardRun(1, 2), shardRun(2, 2, { dataset_version: "dv2" })])).toThrow(/dataset_version dv2/);
  });

  it("refuses missing shards and an empty list", () => {
    expect(() => planShardMerge([shardRun(2, 4)])).toThrow(/shards 1\/4, 3\/4, 4\/4 missing/);
    expect(() => planShardMerge([])).toThrow(/name the shard runs/);
  });
});
