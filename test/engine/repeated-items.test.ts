import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Item } from "../../src/core/model/item.js";
import type { RepeatAttempt, RunItem } from "../../src/core/model/run-item.js";
import { decideRepeats } from "../../src/core/repeats/decide-repeats.js";
import type { ScoredItem } from "../../src/core/scorers/score-item.js";
import { runPool } from "../../src/engine/pool.js";
import { RepeatedItems, type CallItem } from "../../src/engine/repeated-items.js";
import { WriteBehind } from "../../src/engine/write-behind.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import type { SqliteRunStore } from "../../src/store/sqlite-store.js";
import { makeRun } from "../store/fixtures/make-run.js";

const RUN = makeRun({ repeat: 5 });
const ITEMS: Item[] = ["a", "b", "c"].map((id) => ({ id, input: { id } }));

function scored(passed: boolean): ScoredItem {
  return {
    status: passed ? "passed" : "failed",
    scores: [{ id: "x", scorer: "equals", score: passed ? 1 : 0, passed, evidence: { reason: passed ? "equal" : "differs" } }],
  };
}

async function* streamOf<T>(values: readonly T[]): AsyncGenerator<T> {
  for (const value of values) yield value;
}

let dir: string;
let store: SqliteRunStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-repeats-"));
  store = await openEmbeddedStore(dir);
  await store.createRun(RUN);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function repeatedItems(writes: WriteBehind, done: RunItem[], kept: Record<string, RepeatAttempt[]> = {}): RepeatedItems {
  return new RepeatedItems({
    runId: RUN.id,
    plan: { rule: "majority", repeat: 5 },
    writes,
    keptAttempts: async (item) => kept[item.id] ?? [],
    onItemDone: (item) => done.push(item),
    now: () => new Date("2026-11-25T12:03:05.000Z"),
  });
}

describe("RepeatedItems", () => {
  it("runs the K attempts of an item at once, stores the item after each, and counts it once", async () => {
    // A store slower than the calls (one write in flight at a time) and attempts finishing in any
    // order: the last write of each item must still be the complete one.
    const writes = new WriteBehind(store, 1);
    const done: RunItem[] = [];
    const repeated = repeatedItems(writes, done);
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const call: CallItem = async () => {
      const index = calls++;
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (7 * index) % 11));
      inFlight -= 1;
      return { result: { output: index, latency_ms: 10, attempts: 1 }, scored: scored(index % 5 !== 1) };
    };
    await runPool(repeated.tasks(streamOf(ITEMS)), 5, (task) => repeated.run(task, call), () => false);
    await writes.settled();

    expect(calls).toBe(15);
    expect(most).toBe(5);
    expect(done.map((item) => item.item_id).sort()).toEqual(["a", "b", "c"]);
    const stored: RunItem[] = [];
    for await (const item of store.runItems(RUN.id)) stored.push(item);
    expect(stored).toEqual([...done].sort((x, y) => (x.item_id < y.item_id ? -1 : 1)));
    expect(stored.every((item) => item.repeats?.length === 5 && item.status === "passed")).toBe(true);
  });

  it("on resume calls only the repeat indexes missing or errored, keeping the rest", async () => {
    const writes = new WriteBehind(store);
    const done: RunItem[] = [];
    const previous = (repeat: number, status: RepeatAttempt["status"]): RepeatAttempt => ({
      repeat,
      status,
      latency_ms: 10,
      attempts: 1,
      ...(status === "error" ? { error: "timeout" } : {}),
      scores: status === "error" ? [] : scored(status === "passed").scores,
      finished_at: "2026-11-25T12:03:01.000Z",
    });
    const kept = { a: [previous(0, "passed"), previous(1, "error"), previous(3, "failed")] };
    const called: string[] = [];
    const repeated = repeatedItems(writes, done, kept);
    const tasks: string[] = [];
    const call: CallItem = async (item) => {
      called.push(item.id);
      return { result: { output: "again", latency_ms: 10, attempts: 1 }, scored: scored(true) };
    };
    await runPool(repeated.tasks(streamOf(ITEMS.slice(0, 1))), 5, (task) => {
      tasks.push(String(task.repeat));
      return repeated.run(task, call);
    }, () => false);
    await writes.settled();
    expect(tasks.sort()).toEqual(["1", "2", "4"]);
    expect(called).toEqual(["a", "a", "a"]);
    expect(done).toHaveLength(1);
    expect(done[0]).toEqual(decideRepeats(RUN.id, ITEMS[0]!, done[0]!.repeats!, { rule: "majority", repeat: 5 }));
    expect(done[0]!.repeats!.map((attempt) => attempt.status)).toEqual(["passed", "passed", "passed", "failed", "passed"]);
  });

  it("leaves an item whose attempt was stopped stored as partial, never counted", async () => {
    const writes = new WriteBehind(store);
    const done: RunItem[] = [];
    const repeated = repeatedItems(writes, done);
    let calls = 0;
    const call: CallItem = async () => (calls++ === 2 ? undefined : { result: { latency_ms: 1, attempts: 1, output: 1 }, scored: scored(true) });
    await runPool(repeated.tasks(streamOf(ITEMS.slice(0, 1))), 1, (task) => repeated.run(task, call), () => false);
    await writes.settled();
    expect(done).toEqual([]);
    const [stored] = await (async () => {
      const items: RunItem[] = [];
      for await (const item of store.runItems(RUN.id)) items.push(item);
      return items;
    })();
    expect(stored).toMatchObject({ status: "error", error: "4 of 5 repeats done", scores: [] });
  });
});
