import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { downgradeStore } from "./fixtures/downgrade-store.js";
import { makeAnnotation } from "./fixtures/make-annotation.js";
import { makeRun } from "./fixtures/make-run.js";

describe("SqliteRunStore annotations", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-store-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("a store written before annotations gains the table when opened, keeping its runs", async () => {
    const old = await openEmbeddedStore(dir);
    await old.createRun(makeRun());
    await old.close();
    // What the store looked like before the annotations table (migration 6).
    downgradeStore(path.join(dir, "evalgate.db"), 6);

    const store = await openEmbeddedStore(dir);
    expect((await store.getRun(makeRun().id))?.id).toBe(makeRun().id);
    const annotation = makeAnnotation(makeRun().id, "item-0000", "tone", { kind: "label", value: "polite" });
    await store.putAnnotations([annotation]);
    expect(await store.runAnnotations(makeRun().id)).toStrictEqual([annotation]);
    await store.close();
  });

  it("a failed batch leaves the annotations written before it, and nothing of itself", async () => {
    const store = await openEmbeddedStore(dir);
    await store.createRun(makeRun());
    const kept = makeAnnotation(makeRun().id, "item-0000", "score", { value: 1 });
    await store.putAnnotations([kept]);
    await expect(store.putAnnotations([makeAnnotation(makeRun().id, "item-0000", "score", { value: 2 }), makeAnnotation("run-unknown", "item-0000", "score")])).rejects.toThrow(
      /run "run-unknown" is not in/,
    );
    expect(await store.runAnnotations(makeRun().id)).toStrictEqual([kept]);
    await store.close();
  });
});
