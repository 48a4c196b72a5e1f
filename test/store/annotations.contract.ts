import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compareItemIds } from "../../src/core/item-id-order.js";
import { UnknownRunError, type RunStore } from "../../src/store/run-store.js";
import { makeAnnotation } from "./fixtures/make-annotation.js";
import { itemIds, makeRun, makeRunItem } from "./fixtures/make-run.js";
import type { OpenedRunStore } from "./run-store.contract.js";

/** The annotation cases of the RunStore contract: every back-end gets them through describeRunStoreContract. */
export function describeAnnotationsContract(name: string, open: () => Promise<OpenedRunStore>): void {
  describe(`${name}: RunStore contract, annotations`, () => {
    let opened: OpenedRunStore;
    let store: RunStore;
    const run = makeRun();

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await store.close();
      await opened.cleanup();
    });

    async function runWithItems(ids: string[], id = run.id): Promise<void> {
      await store.createRun(makeRun({ id }));
      for (const itemId of ids) await store.putRunItem(makeRunItem(id, itemId));
    }

    it("annotating twice leaves one annotation per run item and name: the latest value, note and author", async () => {
      await runWithItems(itemIds(2));
      const first = makeAnnotation(run.id, "item-0000", "helpfulness", { value: 0.5, note: "vague", author: "ana" });
      const label = makeAnnotation(run.id, "item-0000", "tone", { kind: "label", value: "polite" });
      await store.putAnnotations([first, label]);
      const latest = makeAnnotation(run.id, "item-0000", "helpfulness", { value: 0.9, author: "ben", updated_at: "2026-11-27T10:00:00.000Z" });
      await store.putAnnotations([latest]);

      const stored = await store.runAnnotations(run.id);
      expect(stored).toStrictEqual([latest, label]);
      // A note the latest write left out is gone, not kept from the first.
      expect(Object.keys(stored[0] ?? {})).not.toContain("note");
    });

    it("a metric reads back as a number and a label as text, exactly as written", async () => {
      await runWithItems(itemIds(1));
      const annotations = [
        makeAnnotation(run.id, "item-0000", "a-integer", { value: 4 }),
        makeAnnotation(run.id, "item-0000", "b-negative", { value: -0.000123456789 }),
        makeAnnotation(run.id, "item-0000", "c-label", { kind: "label", value: "0.5" }),
        makeAnnotation(run.id, "item-0000", "d-unicode", { kind: "label", value: "très bien 👍", note: "line one\nline two" }),
      ];
      await store.putAnnotations(annotations);
      expect(await store.runAnnotations(run.id)).toStrictEqual(annotations);
    });

    it("runAnnotations orders by item id in code point order, then name, whatever order they were written in", async () => {
      const ids = ["\u{1F600}", "z", "\uFF5A", "a", "item-10", "item-9"];
      const expectedIds = [...ids].sort(compareItemIds);
      await runWithItems(ids);
      await runWithItems(["a"], "run-20261125-130000-0002");
      const names = ["tone", "helpfulness", "\u{1F600}-name", "\uFF5A-name"];
      const written = ids.flatMap((id) => names.map((name) => makeAnnotation(run.id, id, name)));
      const shuffled = written.map((_, index) => written[(index * 7) % written.length]!);
      expect(new Set(shuffled).size).toBe(written.length);
      await store.putAnnotations(shuffled.slice(0, 10));
      await store.putAnnotations(shuffled.slice(10));
      await store.putAnnotations([makeAnnotation("run-20261125-130000-0002", "a", "tone", { kind: "label", value: "other run" })]);

      const stored = await store.runAnnotations(run.id);
      const sortedNames = [...names].sort(compareItemIds);
      expect(stored.map((annotation) => [annotation.item_id, annotation.name])).toEqual(expectedIds.flatMap((id) => sortedNames.map((name) => [id, name])));
      expect((await store.runAnnotations("run-20261125-130000-0002")).map((annotation) => annotation.value)).toEqual(["other run"]);
    });

    it("annotations of a run the store does not have throw UnknownRunError, and nothing of that batch is stored", async () => {
      await runWithItems(itemIds(1));
      const batch = [makeAnnotation(run.id, "item-0000", "tone"), makeAnnotation("run-20261125-999999-dead", "item-0000", "tone")];
      const writing = store.putAnnotations(batch);
      await expect(writing).rejects.toBeInstanceOf(UnknownRunError);
      await expect(writing).rejects.toMatchObject({ runId: "run-20261125-999999-dead" });
      expect(await store.runAnnotations(run.id)).toEqual([]);
      expect(await store.runAnnotations("run-20261125-999999-dead")).toEqual([]);
    });

    it("annotations written while a run was in progress and after it ended are kept when the store is opened again", async () => {
      await runWithItems(itemIds(3));
      await store.putAnnotations([makeAnnotation(run.id, "item-0001", "helpfulness", { value: 0.2 }), makeAnnotation(run.id, "item-0002", "tone", { kind: "label", value: "rude" })]);
      await store.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" });
      const replaced = makeAnnotation(run.id, "item-0001", "helpfulness", { value: 1, updated_at: "2026-11-28T08:00:00.000Z" });
      const added = makeAnnotation(run.id, "item-0000", "tone", { kind: "label", value: "polite", author: "ana" });
      await store.putAnnotations([replaced, added]);
      await store.close();

      store = await opened.reopen();
      expect(await store.runAnnotations(run.id)).toStrictEqual([added, replaced, makeAnnotation(run.id, "item-0002", "tone", { kind: "label", value: "rude" })]);
    });

    it("a thousand annotations in one write all read back", async () => {
      const ids = itemIds(500);
      await runWithItems(ids);
      await store.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" });
      const annotations = ids.flatMap((id, index) => [
        makeAnnotation(run.id, id, "score", { value: index }),
        makeAnnotation(run.id, id, "verdict", { kind: "label", value: index % 2 === 0 ? "even" : "odd" }),
      ]);
      await store.putAnnotations(annotations);
      expect(await store.runAnnotations(run.id)).toStrictEqual(annotations);
    });
  });
}
