import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { compareItemIds } from "../../src/core/item-id-order.js";
import type { Item } from "../../src/core/model/item.js";
import { UnknownRunError, type DatasetVersionRecord, type RunStore } from "../../src/store/run-store.js";
import { makeAnnotation } from "./fixtures/make-annotation.js";
import { makeRun, makeRunItem } from "./fixtures/make-run.js";
import type { OpenedRunStore } from "./run-store.contract.js";

const V1 = "4e2f8a90c1b3";
const V2 = "4e2f77d0a5e1";
const V3 = "9a01c3e5f7b2";

function record(version: string, createdAt = "2026-11-20T09:00:00.000Z", itemCount = 3): DatasetVersionRecord {
  return { version, dataset_path: "evals/support.jsonl", item_count: itemCount, created_at: createdAt };
}

/** A support question as a dataset holds it; override any field. */
function makeItem(id: string, overrides: Partial<Item> = {}): Item {
  return {
    id,
    input: { question: `Where is my order ${id}?`, customer: "c-1042", attachments: [{ kind: "photo", bytes: 2048 }] },
    expected: { order_id: `ORD-${id}`, action: "lookup" },
    metadata: { split: "train", tags: ["shipping"] },
    ...overrides,
  };
}

/** Fails the test when read: a store that has the version must not read its items again. */
function unreadable(): AsyncIterable<Item> {
  return {
    [Symbol.asyncIterator]() {
      throw new Error("the items of a version the store has were read");
    },
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

/** The dataset version cases of the RunStore contract: every back-end gets them through describeRunStoreContract. */
export function describeDatasetVersionsContract(name: string, open: () => Promise<OpenedRunStore>): void {
  describe(`${name}: RunStore contract, dataset and experiment versions`, () => {
    let opened: OpenedRunStore;
    let store: RunStore;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await store.close();
      await opened.cleanup();
    });

    /** A finished run over `datasetVersion`, its id stamped with its start time (as run ids are). */
    async function finishedRun(id: string, datasetVersion: string, overrides: Parameters<typeof makeRun>[0] = {}): Promise<void> {
      const stamp = /^run-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/.exec(id);
      if (stamp === null) throw new Error(`run id ${id} carries no start time`);
      const [, year, month, day, hour, minute, second] = stamp;
      await store.createRun(makeRun({ id, dataset_version: datasetVersion, started_at: `${year}-${month}-${day}T${hour}:${minute}:${second}.000Z`, ...overrides }));
      await store.putRunItem(makeRunItem(id, "a"));
      await store.putRunItem(makeRunItem(id, "b"));
      await store.endRun(id, { status: "passed", ended_at: "2026-11-28T00:00:00.000Z" });
    }

    it("a dataset version reads back as stored, its items in code point order of id whatever order they came in", async () => {
      // "\uFF5A" is one UTF-16 unit above the surrogates of "\u{1F600}" but a lower code point.
      const items = ["b", "\u{1F600}", "a", "\uFF5A", "Z"].map((id) => makeItem(id));
      items[1] = makeItem("\u{1F600}", { scorers: [{ type: "contains", value: "ORD" }], scorers_mode: "replace" });
      delete items[2]!.expected;
      expect(await store.putDatasetVersion(record(V1, undefined, 5), items)).toBe(true);

      expect(await store.getDatasetVersion(V1)).toStrictEqual(record(V1, undefined, 5));
      const stored = await collect(store.datasetVersionItems(V1));
      expect(stored.map((item) => item.id)).toEqual(["Z", "a", "b", "\uFF5A", "\u{1F600}"]);
      expect(stored).toStrictEqual([...items].sort((x, y) => compareItemIds(x.id, y.id)));
      expect(Object.keys(stored[1] ?? {})).not.toContain("expected");
      expect(await store.getDatasetVersion(V3)).toBeUndefined();
      expect(await collect(store.datasetVersionItems(V3))).toEqual([]);
    });

    it("storing a version the store has resolves false, reads none of the items and adds no row", async () => {
      const items = ["a", "b", "c"].map((id) => makeItem(id));
      expect(await store.putDatasetVersion(record(V1), items)).toBe(true);
      const before = await opened.countRows?.();
      expect(await store.putDatasetVersion({ ...record(V1), created_at: "2026-11-26T00:00:00.000Z" }, unreadable())).toBe(false);

      expect(await opened.countRows?.()).toEqual(before);
      expect(await store.getDatasetVersion(V1)).toStrictEqual(record(V1));
      expect(await collect(store.datasetVersionItems(V1))).toStrictEqual(items);
    });

    it("a version whose items fail part way is not seen at all, and storing it again later stores it whole", async () => {
      const before = await opened.countRows?.();
      async function* failing(): AsyncGenerator<Item> {
        for (let index = 0; index < 2_500; index += 1) yield makeItem(`item-${String(index).padStart(5, "0")}`);
        throw new Error("the dataset file went away");
      }
      await expect(store.putDatasetVersion(record(V1, undefined, 2_500), failing())).rejects.toThrow("the dataset file went away");

      expect(await store.getDatasetVersion(V1)).toBeUndefined();
      expect(await collect(store.datasetVersionItems(V1))).toEqual([]);
      // Rows of items written before the failure may stay (storing the version again reuses them); the version row may not.
      expect((await opened.countRows?.())?.["dataset_versions"]).toEqual(before?.["dataset_versions"]);
      async function* whole(): AsyncGenerator<Item> {
        for (let index = 0; index < 3_000; index += 1) yield makeItem(`item-${String(index).padStart(5, "0")}`);
      }
      expect(await store.putDatasetVersion(record(V1, undefined, 3_000), whole())).toBe(true);
      expect(await store.getDatasetVersion(V1)).toStrictEqual(record(V1, undefined, 3_000));
      const stored = await collect(store.datasetVersionItems(V1));
      expect(stored.map((item) => item.id)).toEqual(Array.from({ length: 3_000 }, (_, index) => `item-${String(index).padStart(5, "0")}`));
    });

    it("a version of large items (12 of 700,000 characters: more than one chunk by size, fewer than one by count) reads back whole and equal", async () => {
      // 12 × 0.7 M characters is 8.4 M: a store that chunks by bytes flushes twice before the end.
      const items = Array.from({ length: 12 }, (_, index) =>
        makeItem(`long-${String(index).padStart(2, "0")}`, { input: { context: `${index}:`.padEnd(700_000, "abcdefghij") } }),
      );
      expect(await store.putDatasetVersion(record(V1, undefined, 12), items)).toBe(true);

      const stored = await collect(store.datasetVersionItems(V1));
      expect(stored).toStrictEqual(items);
      expect(stored.map((item) => (item.input as { context: string }).context.length)).toEqual(Array(12).fill(700_000));
    });

    it("two versions sharing items keep each shared item once, and each reads back whole", async () => {
      const first = ["a", "b", "c"].map((id) => makeItem(id));
      const second = [makeItem("a"), makeItem("b"), makeItem("c", { expected: { order_id: "ORD-0042", action: "refund" } }), makeItem("d")];
      await store.putDatasetVersion(record(V1), first);
      const before = await opened.countRows?.();
      expect(await store.putDatasetVersion(record(V2, undefined, 4), second)).toBe(true);
      const after = await opened.countRows?.();

      if (before !== undefined && after !== undefined) {
        // The changed "c" and the new "d" are new contents; "a" and "b" are stored once for both.
        expect(after["dataset_items"]! - before["dataset_items"]!).toBe(2);
        expect(after["dataset_version_items"]! - before["dataset_version_items"]!).toBe(4);
      }
      expect(await collect(store.datasetVersionItems(V1))).toStrictEqual(first);
      expect(await collect(store.datasetVersionItems(V2))).toStrictEqual(second);
    });

    it("getDatasetVersion finds a version by a unique prefix and rejects an ambiguous one naming the matches", async () => {
      for (const version of [V1, V2, V3]) await store.putDatasetVersion(record(version), [makeItem(version)]);

      expect((await store.getDatasetVersion("9a"))?.version).toBe(V3);
      expect((await store.getDatasetVersion("4e2f8"))?.version).toBe(V1);
      expect(await store.getDatasetVersion("ffff")).toBeUndefined();
      expect(await store.getDatasetVersion("")).toBeUndefined();
      const ambiguous = store.getDatasetVersion("4e2f");
      await expect(ambiguous).rejects.toBeInstanceOf(UserError);
      await expect(ambiguous).rejects.toThrow(`dataset version "4e2f" is ambiguous: ${V2}, ${V1}. Type more of the dataset version.`);
    });

    it("listDatasetVersions counts the runs over each version with their first and last start, most recently used first", async () => {
      await store.putDatasetVersion(record(V1, "2026-11-20T09:00:00.000Z"), [makeItem("a")]);
      await store.putDatasetVersion(record(V2, "2026-11-21T09:00:00.000Z"), [makeItem("b")]);
      await store.putDatasetVersion(record(V3, "2026-11-22T09:00:00.000Z"), [makeItem("c")]);
      await finishedRun("run-20261125-120000-0001", V1);
      await finishedRun("run-20261126-120000-0002", V1);
      await finishedRun("run-20261125-130000-0003", V2);

      expect(await store.listDatasetVersions()).toStrictEqual([
        { ...record(V1, "2026-11-20T09:00:00.000Z", 1), runs: 2, first_used: "2026-11-25T12:00:00.000Z", last_used: "2026-11-26T12:00:00.000Z" },
        { ...record(V2, "2026-11-21T09:00:00.000Z", 1), runs: 1, first_used: "2026-11-25T13:00:00.000Z", last_used: "2026-11-25T13:00:00.000Z" },
        { ...record(V3, "2026-11-22T09:00:00.000Z", 1), runs: 0 },
      ]);
    });

    it("deleteRun removes a run with its items, annotations and lease, keeps its dataset version while another run uses it, and removes it after the last", async () => {
      const before = await opened.countRows?.();
      await store.putDatasetVersion(record(V1), ["a", "b", "c"].map((id) => makeItem(id)));
      const second = [makeItem("a"), makeItem("d")];
      await store.putDatasetVersion(record(V2, undefined, 2), second);
      const withV2Only = await opened.countRows?.();
      await finishedRun("run-20261125-120000-0001", V1);
      await finishedRun("run-20261125-130000-0002", V1);
      await finishedRun("run-20261125-140000-0003", V2);
      const first = "run-20261125-120000-0001";
      await store.putAnnotations([makeAnnotation(first, "a", "helpfulness")]);
      await store.acquireRunLease({ run_id: first, holder: "h", host: "ci", pid: 1, heartbeat_at: "2026-11-25T12:00:01.000Z" });

      expect(await store.deleteRun(first)).toEqual({ items: 2, datasetVersionRemoved: false });
      expect(await store.getRun(first)).toBeUndefined();
      expect(await collect(store.runItems(first))).toEqual([]);
      expect(await store.runAnnotations(first)).toEqual([]);
      expect(await store.getRunLease(first)).toBeUndefined();
      expect((await store.getDatasetVersion(V1))?.version).toBe(V1);
      expect((await collect(store.datasetVersionItems(V1))).map((item) => item.id)).toEqual(["a", "b", "c"]);

      expect(await store.deleteRun("run-20261125-130000-0002")).toEqual({ items: 2, datasetVersionRemoved: true });
      expect(await store.getDatasetVersion(V1)).toBeUndefined();
      expect(await collect(store.datasetVersionItems(V1))).toEqual([]);
      // The item V2 shares with V1 stays for V2.
      expect(await collect(store.datasetVersionItems(V2))).toStrictEqual(second);
      expect((await store.listDatasetVersions()).map((use) => [use.version, use.runs])).toEqual([[V2, 1]]);
      expect((await store.getRun("run-20261125-140000-0003"))?.dataset_version).toBe(V2);
      const after = await opened.countRows?.();
      if (before !== undefined && withV2Only !== undefined && after !== undefined) {
        expect(after["dataset_items"]! - before["dataset_items"]!).toBe(2);
        expect(after["dataset_version_items"]! - before["dataset_version_items"]!).toBe(2);
      }
    });

    it("deleteRun of a run the store does not have throws UnknownRunError", async () => {
      const deleting = store.deleteRun("run-20261125-999999-dead");
      await expect(deleting).rejects.toBeInstanceOf(UnknownRunError);
      await expect(deleting).rejects.toMatchObject({ runId: "run-20261125-999999-dead" });
    });

    it("listExperimentVersions lists the versions of one experiment or of all with their runs, newest first run first", async () => {
      const version = (experiment: string, id: string, createdAt: string) => ({ experiment, version: id, definition: { target: "http" }, created_at: createdAt });
      await store.saveExperimentVersion(version("orders", "aaaa00000001", "2026-11-20T09:00:00.000Z"));
      await store.saveExperimentVersion(version("orders", "aaaa00000002", "2026-11-27T09:00:00.000Z"));
      await store.saveExperimentVersion(version("refunds", "bbbb00000001", "2026-11-21T09:00:00.000Z"));
      await finishedRun("run-20261125-120000-0001", V1, { experiment: "orders", experiment_version: "aaaa00000001" });
      await finishedRun("run-20261126-120000-0002", V2, { experiment: "orders", experiment_version: "aaaa00000001" });
      await finishedRun("run-20261124-120000-0003", V1, { experiment: "refunds", experiment_version: "bbbb00000001" });

      const orders = [
        { experiment: "orders", version: "aaaa00000002", created_at: "2026-11-27T09:00:00.000Z", runs: 0 },
        {
          experiment: "orders",
          version: "aaaa00000001",
          created_at: "2026-11-20T09:00:00.000Z",
          runs: 2,
          first_run: "2026-11-25T12:00:00.000Z",
          last_run: "2026-11-26T12:00:00.000Z",
          dataset_version: V2,
        },
      ];
      expect(await store.listExperimentVersions("orders")).toStrictEqual(orders);
      expect(await store.listExperimentVersions()).toStrictEqual([
        ...orders,
        { experiment: "refunds", version: "bbbb00000001", created_at: "2026-11-21T09:00:00.000Z", runs: 1, first_run: "2026-11-24T12:00:00.000Z", last_run: "2026-11-24T12:00:00.000Z", dataset_version: V1 },
      ]);
      expect(await store.listExperimentVersions("no-such-experiment")).toEqual([]);
    });

    it("the dataset version of a finished run reads back from the store opened again", async () => {
      const items = ["a", "b", "c"].map((id) => makeItem(id));
      await store.putDatasetVersion(record(V1), items);
      await finishedRun("run-20261125-120000-0001", V1);
      await store.close();

      store = await opened.reopen();
      expect(await store.getDatasetVersion("4e2f8")).toStrictEqual(record(V1));
      expect(await collect(store.datasetVersionItems(V1))).toStrictEqual(items);
      expect((await store.listDatasetVersions()).map((use) => [use.version, use.runs])).toEqual([[V1, 1]]);
    });
  });
}
