import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunItem } from "../../src/core/model/run-item.js";
import type { Run } from "../../src/core/model/run.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const wrongFor = { v1: ["item-2", "item-11", "item-23"] };
let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

async function storedRun(cwd: string, runId: string): Promise<{ run: Run; items: RunItem[] }> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    const run = await store.getRun(runId);
    if (!run) throw new Error(`run ${runId} is not stored`);
    const items: RunItem[] = [];
    for await (const item of store.runItems(runId)) items.push(item);
    return { run, items };
  } finally {
    await store.close();
  }
}

/** What must not depend on whether the run was sharded (latency differs between any two runs). */
function essence(items: RunItem[]) {
  return items.map((item) => ({
    item_id: item.item_id,
    status: item.status,
    output: item.output,
    scores: item.scores.map((score) => ({
      scorer: score.scorer,
      score: score.score,
      passed: score.passed,
      ...(score.scorer === "latency_max" ? {} : { reason: score.evidence.reason }),
    })),
  }));
}

function runIdOf(stdout: string): string {
  const [row] = JSON.parse(stdout) as { id: string }[];
  return row!.id;
}

async function workspaceWithShards(count: number) {
  target = await startArithmeticTarget({ wrongFor });
  const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0.8 }), "items.jsonl": arithmeticDataset(30) });
  const url = `${target.url}/v1`;
  const shards: string[] = [];
  for (let index = 1; index <= count; index++) {
    const shard = await runEvalgate(["run", "arithmetic", "--target-url", url, "--shard", `${index}/${count}`, "--format", "json"], { cwd });
    // A shard is judged alone: one holding a wrong item may fail the gate (exit 1), yet it is complete.
    expect([0, 1]).toContain(shard.code);
    shards.push(runIdOf(shard.stdout));
  }
  return { cwd, url, shards };
}

describe("evalgate run --shard and runs merge", () => {
  it("three shards merged equal one unsharded run: item ids, statuses, scores and summary", { timeout: 90_000 }, async () => {
    const { cwd, url, shards } = await workspaceWithShards(3);
    const whole = await runEvalgate(["run", "arithmetic", "--target-url", url, "--format", "json"], { cwd });
    expect(whole.code).toBe(0);
    const unsharded = await storedRun(cwd, runIdOf(whole.stdout));

    const shardRuns = await Promise.all(shards.map((id) => storedRun(cwd, id)));
    expect(shardRuns.map(({ run }) => run.selection)).toEqual(
      shardRuns.map(({ items }, i) => ({ mode: "shard", value: `${i + 1}/3`, selected: items.length })),
    );
    expect(shardRuns.every(({ items }) => items.length > 0)).toBe(true);
    expect(shardRuns.reduce((sum, { items }) => sum + items.length, 0)).toBe(30);

    // Any order of the shard runs on the command line.
    const merge = await runEvalgate(["runs", "merge", shards[2]!, shards[0]!, shards[1]!, "--format", "json"], { cwd });
    expect(merge.stderr).toBe("");
    expect(merge.code).toBe(0);
    const merged = await storedRun(cwd, runIdOf(merge.stdout));

    expect(merged.run.id).not.toBe(unsharded.run.id);
    expect(shards).not.toContain(merged.run.id);
    expect(merged.items.map((item) => item.run_id)).toEqual(merged.items.map(() => merged.run.id));
    expect(essence(merged.items)).toEqual(essence(unsharded.items));
    const { latency_ms: _mergedLatency, ...mergedSummary } = merged.run.summary!;
    const { latency_ms: _wholeLatency, ...wholeSummary } = unsharded.run.summary!;
    expect(mergedSummary).toEqual(wholeSummary);
    expect(merged.run).toMatchObject({
      status: unsharded.run.status,
      verdict: unsharded.run.verdict,
      item_count: 30,
      experiment_version: unsharded.run.experiment_version,
      dataset_version: unsharded.run.dataset_version,
      label: `merged shards ${shards.join(" ")}`,
    });
    expect(merged.run.selection).toBeUndefined();
  });

  it("refuses a missing shard, an overlap and shards of another split, with exit 2 and what to pass", { timeout: 90_000 }, async () => {
    const { cwd, url, shards } = await workspaceWithShards(3);

    const missing = await runEvalgate(["runs", "merge", shards[0]!, shards[2]!], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("shard 2/3 missing");

    const overlap = await runEvalgate(["runs", "merge", shards[0]!, shards[1]!, shards[2]!, shards[1]!], { cwd });
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toContain("are both shard 2/3");

    const again = await runEvalgate(["run", "arithmetic", "--target-url", url, "--shard", "1/3", "--format", "json"], { cwd });
    const twice = await runEvalgate(["runs", "merge", shards[0]!, runIdOf(again.stdout), shards[1]!, shards[2]!], { cwd });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("are both shard 1/3");

    const half = await runEvalgate(["run", "arithmetic", "--target-url", url, "--shard", "1/2", "--format", "json"], { cwd });
    const mixed = await runEvalgate(["runs", "merge", shards[0]!, runIdOf(half.stdout), shards[2]!], { cwd });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/is shard 1\/2 but run .* is one of 3 shards/);

    const unsharded = await runEvalgate(["run", "arithmetic", "--target-url", url, "--format", "json"], { cwd });
    const notShard = await runEvalgate(["runs", "merge", runIdOf(unsharded.stdout), shards[1]!], { cwd });
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toContain("is not a shard run");
  });

  it("refuses a shard outside 1 ≤ I ≤ N ≤ 256, and a shard of a sample, with exit 2", { timeout: 60_000 }, async () => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(3) });
    for (const bad of ["0/4", "5/4", "1/257", "two/4"]) {
      const result = await runEvalgate(["run", "arithmetic", "--target-url", "http://127.0.0.1:9", "--shard", bad], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("write I/N with 1 ≤ I ≤ N ≤ 256");
    }
    const both = await runEvalgate(["run", "arithmetic", "--target-url", "http://127.0.0.1:9", "--shard", "1/2", "--sample", "50"], { cwd });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("sampling options are mutually exclusive");
  });
});
