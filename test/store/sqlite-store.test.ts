import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { RunItemSchema } from "../../src/core/model/run-item.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { describeRunStoreContract } from "./run-store.contract.js";
import { itemIds, makeRun, makeRunItem } from "./fixtures/make-run.js";
import { countSqliteRows } from "./fixtures/count-sqlite-rows.js";
import { downgradeStore } from "./fixtures/downgrade-store.js";
import type { Item } from "../../src/core/model/item.js";

const PUT_ITEMS = fileURLToPath(new URL("./fixtures/put-items.ts", import.meta.url));

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "evalgate-store-"));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

function startPutItems(dir: string, runId: string, count: number) {
  return spawn(process.execPath, ["--import", "tsx", PUT_ITEMS, dir, runId, String(count)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
}

describeRunStoreContract("SqliteRunStore", async () => {
  const dir = await tempDir();
  const storeDir = path.join(dir, ".evalgate");
  return {
    store: await openEmbeddedStore(storeDir),
    reopen: () => openEmbeddedStore(storeDir),
    cleanup: () => rm(dir, { recursive: true, force: true }),
    countRows: async () => countSqliteRows(path.join(storeDir, "evalgate.db")),
  };
});

describe("openEmbeddedStore", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the directory, the database and a .gitignore that ignores everything in it", async () => {
    const storeDir = path.join(dir, "nested", ".evalgate");
    const store = await openEmbeddedStore(storeDir);
    await store.close();

    expect(await readFile(path.join(storeDir, ".gitignore"), "utf8")).toBe("*\n");
    const db = new DatabaseSync(path.join(storeDir, "evalgate.db"), { readOnly: true });
    expect(db.prepare("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(db.prepare("PRAGMA user_version").get()?.["user_version"]).toBeGreaterThan(0);
    db.close();
  });

  it("keeps a .gitignore the user already wrote", async () => {
    await writeFile(path.join(dir, ".gitignore"), "evalgate.db\n");
    await (await openEmbeddedStore(dir)).close();
    expect(await readFile(path.join(dir, ".gitignore"), "utf8")).toBe("evalgate.db\n");
  });

  it("a store directory that is a file is a user error naming the path and --store", async () => {
    const file = path.join(dir, "not-a-dir");
    await writeFile(file, "");
    const opening = openEmbeddedStore(file);
    await expect(opening).rejects.toBeInstanceOf(UserError);
    await expect(opening).rejects.toThrow(/not-a-dir.*--store DIR/);
  });

  it("a store written by a newer schema version is refused with a user error", async () => {
    await (await openEmbeddedStore(dir)).close();
    const db = new DatabaseSync(path.join(dir, "evalgate.db"));
    db.exec("PRAGMA user_version = 99");
    db.close();

    await expect(openEmbeddedStore(dir)).rejects.toThrow(/schema version 99.*upgrade evalgate/);
  });

  it("a file that is not a database is a user error naming it", async () => {
    await writeFile(path.join(dir, "evalgate.db"), "this is not a database ".repeat(100));
    const opening = openEmbeddedStore(dir);
    await expect(opening).rejects.toBeInstanceOf(UserError);
    await expect(opening).rejects.toThrow(/evalgate\.db/);
  });
});

describe("SqliteRunStore dataset versions", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const record = { version: "4e2f8a90c1b3", dataset_path: "evals/support.jsonl", item_count: 300, created_at: "2026-11-25T11:00:00.000Z" };

  async function* slowItems(count: number): AsyncGenerator<Item> {
    for (let index = 0; index < count; index += 1) {
      // Yields to the event loop now and then, so two writers interleave.
      if (index % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      yield { id: `item-${String(index).padStart(4, "0")}`, input: { question: `q ${index}` } };
    }
  }

  it("a store written before dataset versions gains their tables when opened, keeping its runs", async () => {
    const old = await openEmbeddedStore(dir);
    await old.createRun(makeRun({ dataset_version: record.version }));
    await old.close();
    downgradeStore(path.join(dir, "evalgate.db"), 7);

    const store = await openEmbeddedStore(dir);
    expect((await store.getRun(makeRun().id))?.dataset_version).toBe(record.version);
    expect(await store.putDatasetVersion(record, slowItems(300))).toBe(true);
    expect((await store.listDatasetVersions()).map((use) => [use.version, use.runs, use.first_used])).toEqual([[record.version, 1, makeRun().started_at]]);
    await store.close();
  });

  it("two stores on one file storing the same version at once store it once", async () => {
    const [first, second] = [await openEmbeddedStore(dir), await openEmbeddedStore(dir)];
    const stored = await Promise.all([first.putDatasetVersion(record, slowItems(300)), second.putDatasetVersion(record, slowItems(300))]);

    expect([...stored].sort()).toEqual([false, true]);
    expect(countSqliteRows(path.join(dir, "evalgate.db"))).toEqual({ dataset_versions: 1, dataset_items: 300, dataset_version_items: 300 });
    expect((await collect(second.datasetVersionItems(record.version))).length).toBe(300);
    await Promise.all([first.close(), second.close()]);
  });
});

describe("SqliteRunStore across processes", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("a writer killed with SIGKILL mid-run keeps every item it reported as stored, uncorrupted", async () => {
    const runId = makeRun().id;
    const child = startPutItems(dir, runId, 1_000_000);
    const exit = exited(child);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const reported: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      reported.push(line);
      if (reported.length === 200) child.kill("SIGKILL");
    }
    expect(await exit).toEqual({ code: null, signal: "SIGKILL" });
    expect(stderr).not.toMatch(/ExperimentalWarning/);
    expect(reported.length).toBeGreaterThanOrEqual(200);

    const db = new DatabaseSync(path.join(dir, "evalgate.db"));
    expect(db.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    db.close();
    const store = await openEmbeddedStore(dir);
    const stored = await collect(store.runItems(runId));
    await store.close();
    const storedIds = new Set(stored.map((item) => item.item_id));
    expect(reported.filter((id) => !storedIds.has(id))).toEqual([]);
    for (const item of stored) {
      expect(RunItemSchema.parse(item)).toStrictEqual(makeRunItem(runId, item.item_id));
    }
  });

  it("two processes writing to one store at once both keep every item", async () => {
    const writers = ["run-20261125-120301-aaaa", "run-20261125-120301-bbbb"].map((runId) => {
      const child = startPutItems(dir, runId, 400);
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      return exited(child).then((exit) => ({ runId, exit, stderr }));
    });
    const results = await Promise.all(writers);

    const store = await openEmbeddedStore(dir);
    for (const { runId, exit, stderr } of results) {
      expect({ exit, stderr }).toEqual({ exit: { code: 0, signal: null }, stderr: "" });
      expect([...(await store.runItemStatuses(runId)).keys()].sort()).toEqual(itemIds(400));
    }
    await store.close();
  });

  it("two store instances on one directory both write and each reads the other's items", async () => {
    const first = await openEmbeddedStore(dir);
    const second = await openEmbeddedStore(dir);
    const run = makeRun();
    await first.createRun(run);
    await Promise.all(
      itemIds(100).map((itemId, index) => (index % 2 === 0 ? first : second).putRunItem(makeRunItem(run.id, itemId))),
    );

    expect((await collect(first.runItems(run.id))).map((item) => item.item_id)).toEqual(itemIds(100));
    expect((await second.runItemStatuses(run.id)).size).toBe(100);
    await first.close();
    await second.close();
  });

  it("an item of a run that was never created is refused while items stored beside it are kept", async () => {
    const store = await openEmbeddedStore(dir);
    const run = makeRun();
    await store.createRun(run);
    const [orphan, kept] = await Promise.allSettled([
      store.putRunItem(makeRunItem("run-20261125-999999-dead", "item-0001")),
      store.putRunItem(makeRunItem(run.id, "item-0001")),
    ]);
    expect(orphan.status).toBe("rejected");
    expect(kept.status).toBe("fulfilled");
    expect(await store.runItemStatuses(run.id)).toEqual(new Map([["item-0001", "passed"]]));
    await store.close();
  });

  it("closing a store twice is harmless", async () => {
    const store = await openEmbeddedStore(dir);
    await store.close();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
