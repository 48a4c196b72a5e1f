import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { mergeShardRuns } from "../../src/engine/merge-shard-runs.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import type { SqliteRunStore } from "../../src/store/sqlite-store.js";
import { buildItem, buildRun } from "../core/build-run-items.js";
import { decideRepeats } from "../../src/core/repeats/decide-repeats.js";
import { attemptScoreId } from "../../src/core/repeats/repeat-attempt.js";
import { attempt, ITEM, threeOfFive } from "../core/repeats/attempts.js";

let store: SqliteRunStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function storeWithShards(shards: Record<string, string[]>): Promise<SqliteRunStore> {
  const opened = await openEmbeddedStore(await mkdtemp(path.join(os.tmpdir(), "evalgate-merge-")));
  const run = buildRun();
  await opened.saveExperimentVersion({
    experiment: run.experiment,
    version: run.experiment_version,
    definition: { gate: { passed_threshold: 0.5 }, max_error_rate: 0.1 },
    created_at: run.started_at,
  });
  const count = Object.keys(shards).length;
  for (const [index, itemIds] of Object.entries(shards)) {
    const id = `run-20261125-12030${index}-000${index}`;
    await opened.createRun(
      buildRun({ id, item_count: itemIds.length, selection: { mode: "shard", value: `${index}/${count}`, selected: itemIds.length } }),
    );
    for (const itemId of itemIds) await opened.putRunItem(buildItem(id, itemId, { scores: [["equals", 1, true]] }));
  }
  return opened;
}

describe("merging shard runs in a store", () => {
  it("refuses the same item in two shard runs, and leaves the half-merged run errored", async () => {
    store = await storeWithShards({ 1: ["a", "b"], 2: ["b", "c"] });
    const shards = await store.listRuns();
    const merging = mergeShardRuns(store, shards);
    await expect(merging).rejects.toThrow(UserError);
    await expect(merging).rejects.toThrow(/item b is in runs .* and .*; shards of one run never share an item/);
    const merged = (await store.listRuns()).filter((run) => run.label?.startsWith("merged shards"));
    expect(merged.map((run) => run.status)).toEqual(["errored"]);
  });

  it("joins shards into one judged run with every item once, ids derived from the new run", async () => {
    store = await storeWithShards({ 1: ["a", "c"], 2: ["b"] });
    const { run, verdict } = await mergeShardRuns(store, await store.listRuns());
    expect(run).toMatchObject({ status: "passed", item_count: 3, verdict: "pass" });
    expect(verdict.verdict).toBe("pass");
    const items = [];
    for await (const item of store.runItems(run.id)) items.push(item);
    expect(items.map((item) => [item.item_id, item.run_id])).toEqual([["a", run.id], ["b", run.id], ["c", run.id]]);
    expect(run.summary).toMatchObject({ total: 3, passed: 3 });
  });
});

describe("merging shard runs that repeat items", () => {
  async function repeatingShards(repeats: [number | undefined, number | undefined]): Promise<SqliteRunStore> {
    const opened = await openEmbeddedStore(await mkdtemp(path.join(os.tmpdir(), "evalgate-merge-")));
    const run = buildRun();
    await opened.saveExperimentVersion({
      experiment: run.experiment,
      version: run.experiment_version,
      definition: { gate: { passed_threshold: 0.5 }, max_error_rate: 0.1 },
      created_at: run.started_at,
    });
    for (const [index, repeat] of repeats.entries()) {
      const id = `run-20261125-12030${index + 1}-000${index + 1}`;
      await opened.createRun(
        buildRun({ id, item_count: 1, selection: { mode: "shard", value: `${index + 1}/2`, selected: 1 }, ...(repeat ? { repeat } : {}) }),
      );
      const attempts = index === 0 ? threeOfFive() : [0, 1, 2, 3, 4].map((r) => attempt(r));
      await opened.putRunItem(decideRepeats(id, { ...ITEM, id: `item-${index}` }, attempts, { rule: "majority", repeat: 5 }));
    }
    return opened;
  }

  it("refuses shards that call each item a different number of times", async () => {
    store = await repeatingShards([5, 3]);
    const merging = mergeShardRuns(store, await store.listRuns());
    await expect(merging).rejects.toThrow(UserError);
    await expect(merging).rejects.toThrow(/calls each item 5 time\(s\) but run .* 3/);
    expect(await store.listRuns()).toHaveLength(2);
  });

  it("keeps the repeat, re-derives every attempt's score id and counts flaky items", async () => {
    store = await repeatingShards([5, 5]);
    const { run } = await mergeShardRuns(store, await store.listRuns());
    expect(run.repeat).toBe(5);
    expect(run.summary).toMatchObject({ total: 2, passed: 2, flaky: 1 });
    const items = [];
    for await (const item of store.runItems(run.id)) items.push(item);
    expect(items[0]!.repeats![2]!.scores[0]!.id).toBe(attemptScoreId(run.id, "item-0", 2, "equals"));
    expect((await store.getRun(run.id))?.repeat).toBe(5);
  });
});
