import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decideRepeats } from "../../src/core/repeats/decide-repeats.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { ITEM, threeOfFive } from "../core/repeats/attempts.js";
import { makeRun } from "./fixtures/make-run.js";
import { downgradeStore } from "./fixtures/downgrade-store.js";

describe("SqliteRunStore and repeated items", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-store-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a run's repeat back, and leaves it out for a run that calls each item once", async () => {
    const store = await openEmbeddedStore(dir);
    await store.createRun(makeRun({ id: "run-20261125-120301-aaaa", repeat: 5 }));
    await store.createRun(makeRun({ id: "run-20261125-120302-bbbb" }));
    await store.close();

    const reopened = await openEmbeddedStore(dir);
    expect((await reopened.getRun("run-20261125-120301-aaaa"))?.repeat).toBe(5);
    expect(await reopened.getRun("run-20261125-120302-bbbb")).not.toHaveProperty("repeat");
    expect((await reopened.listRuns()).map((run) => run.repeat)).toEqual([undefined, 5]);
    await reopened.close();
  });

  it("adds the repeat column to a store written before it, keeping its runs", async () => {
    const old = await openEmbeddedStore(dir);
    await old.createRun(makeRun({ id: "run-20261125-120301-aaaa" }));
    await old.close();
    // What the store looked like before the repeat column (migration 5) and everything after it.
    downgradeStore(path.join(dir, "evalgate.db"), 5);

    const store = await openEmbeddedStore(dir);
    expect(await store.getRun("run-20261125-120301-aaaa")).toMatchObject({ id: "run-20261125-120301-aaaa" });
    await store.createRun(makeRun({ id: "run-20261125-120302-bbbb", repeat: 3 }));
    expect((await store.getRun("run-20261125-120302-bbbb"))?.repeat).toBe(3);
    await store.close();
  });

  it("keeps the last of several writes of one item, attempts and all", async () => {
    const run = makeRun({ repeat: 5 });
    const store = await openEmbeddedStore(dir);
    await store.createRun(run);
    const attempts = threeOfFive();
    const writes = [1, 2, 3, 4, 5].map((count) =>
      store.putRunItem(decideRepeats(run.id, ITEM, attempts.slice(0, count), { rule: "majority", repeat: 5 })),
    );
    await Promise.all(writes);
    const [stored, ...others] = await collect(store.runItems(run.id));
    expect(others).toEqual([]);
    expect(stored).toMatchObject({ status: "passed", repeats: attempts });
    // The aggregated score is found by the id an item without repeats would have.
    expect((await store.getScore(stored!.scores[0]!.id))?.score.evidence.reason).toBe("passed 3 of 5 repeats (mean score 0.60)");
    // And each attempt's own score by its own id, with the run item holding it.
    const fourth = stored!.repeats![3]!.scores[0]!;
    expect(fourth.id).not.toBe(stored!.scores[0]!.id);
    const found = await store.getScore(fourth.id);
    expect(found?.score).toEqual(fourth);
    expect(found?.runItem.item_id).toBe(ITEM.id);
    await store.close();
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}
