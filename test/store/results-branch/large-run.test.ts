import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedStore } from "../../../src/store/open-store.js";
import { publishRun } from "../../../src/store/results-branch/publish-run.js";
import { itemIds, makeRun, makeRunItem } from "../fixtures/make-run.js";
import { startBranchHarness, type BranchHarness } from "./branch-harness.js";

const ITEMS = 100_000;
const MB = 1024 * 1024;

// A full collection before each sample, so the samples count what is held, not garbage not yet collected.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

function memoryInUse(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

describe("a 100,000-item run on the results branch", () => {
  let harness: BranchHarness;
  let dir: string;
  const run = makeRun({ status: "passed", ended_at: "2026-11-25T13:00:00.000Z" });

  beforeAll(async () => {
    harness = await startBranchHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-large-"));
    // The Action's way: the run is written to the embedded store, then published once.
    const local = await openEmbeddedStore(dir);
    await local.createRun(run);
    const ids = itemIds(ITEMS);
    for (let start = 0; start < ids.length; start += 5_000) {
      await Promise.all(ids.slice(start, start + 5_000).map((itemId) => local.putRunItem(makeRunItem(run.id, itemId))));
    }
    await publishRun(local, run.id, await harness.openStore());
    await local.close();
  }, 120_000);

  afterAll(async () => {
    await harness.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it("reads back in item id order, streamed: memory stays far below the items held at once", { timeout: 120_000 }, async () => {
    const reader = await harness.openStore();
    const baseline = memoryInUse();
    let peak = 0;
    let count = 0;
    let previous = "";
    let ordered = true;
    for await (const item of reader.runItems(run.id)) {
      if (item.item_id <= previous) ordered = false;
      previous = item.item_id;
      count += 1;
      if (count % 10_000 === 0) peak = Math.max(peak, memoryInUse() - baseline);
    }

    expect(count).toBe(ITEMS);
    expect(ordered).toBe(true);
    // The items as objects take several hundred MB; a streamed read holds the compressed file and a few items.
    expect(peak).toBeLessThan(100 * MB);
  });
});
