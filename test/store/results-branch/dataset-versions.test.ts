import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Item } from "../../../src/core/model/item.js";
import { openEmbeddedStore } from "../../../src/store/open-store.js";
import { publishRun } from "../../../src/store/results-branch/index.js";
import type { DatasetVersionRecord, RunStore } from "../../../src/store/run-store.js";
import { checkRequestsAgainstOpenApi } from "../../helpers/openapi-check.js";
import { makeAnnotation } from "../fixtures/make-annotation.js";
import { itemIds, makeRun, makeRunItem } from "../fixtures/make-run.js";
import { BRANCH, collect, OWNER, REPO, startBranchHarness, writeFinishedRun, type BranchHarness } from "./branch-harness.js";

const VERSION = "4e2f8a90c1b3";
const ITEMS_FILE = `datasets/${VERSION}.jsonl.gz`;
const RECORD_FILE = `datasets/${VERSION}.json`;
const RECORD: DatasetVersionRecord = { version: VERSION, dataset_path: "evals/support.jsonl", item_count: 3, created_at: "2026-11-25T11:59:00.000Z" };

function makeItem(id: string): Item {
  return { id, input: { question: `Where is my order ${id}?` }, expected: { order_id: `ORD-${id}` }, metadata: { split: "train" } };
}

const ITEMS = ["c", "a", "b"].map(makeItem);

function runOver(id: string, overrides: Parameters<typeof makeRun>[0] = {}) {
  return makeRun({ id, dataset_version: VERSION, ...overrides });
}

/** Blobs uploaded so far: what a publish sent to GitHub. */
function blobUploads(harness: BranchHarness): number {
  return harness.fake.requests.filter((request) => request.method === "POST" && request.path.endsWith("/git/blobs")).length;
}

async function finishRunIn(store: RunStore, id: string): Promise<void> {
  await store.createRun(runOver(id));
  for (const itemId of itemIds(2)) await store.putRunItem(makeRunItem(id, itemId));
  await store.endRun(id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" });
}

describe("ResultsBranchStore: dataset versions on the branch", () => {
  let harness: BranchHarness;
  const dirs: string[] = [];

  beforeEach(async () => {
    harness = await startBranchHarness();
  });
  afterEach(async () => {
    expect(harness.fake.unmatchedRequests()).toEqual([]);
    expect(checkRequestsAgainstOpenApi(harness.fake.requests)).toEqual([]);
    await harness.cleanup();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  function files(): string[] {
    return harness.fake.listFiles(OWNER, REPO, BRANCH);
  }

  it("a dataset version goes onto the branch with the first run over it, as JSONL in id order with its record beside it, and is never sent again", async () => {
    const store = await harness.openStore();
    expect(await store.putDatasetVersion(RECORD, ITEMS)).toBe(true);
    // Staged: nothing is committed for a version alone.
    expect(harness.history()).toEqual([]);

    await writeFinishedRun(store, runOver("run-20261125-120000-0001"), itemIds(2));
    expect(files()).toEqual(expect.arrayContaining([ITEMS_FILE, RECORD_FILE]));
    const stored = harness.fake.readFile(OWNER, REPO, BRANCH, ITEMS_FILE)!;
    const lines = gunzipSync(stored).toString("utf8").trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(["a", "b", "c"].map(makeItem));
    expect(JSON.parse(harness.fake.readFile(OWNER, REPO, BRANCH, RECORD_FILE)!.toString("utf8"))).toEqual(RECORD);

    const uploads = blobUploads(harness);
    await writeFinishedRun(store, runOver("run-20261125-130000-0002"), itemIds(2));
    // The run file alone: the branch had the dataset version.
    expect(blobUploads(harness) - uploads).toBe(1);
    expect(harness.fake.readFile(OWNER, REPO, BRANCH, ITEMS_FILE)).toEqual(stored);
    expect(files().filter((file) => file.startsWith("datasets/"))).toEqual([RECORD_FILE, ITEMS_FILE]);
    expect(await store.putDatasetVersion(RECORD, [])).toBe(false);

    const laptop = await harness.openStore();
    expect(await laptop.getDatasetVersion("4e2f")).toStrictEqual(RECORD);
    expect(await collect(laptop.datasetVersionItems(VERSION))).toStrictEqual(["a", "b", "c"].map(makeItem));
    expect(await laptop.listDatasetVersions()).toStrictEqual([
      { ...RECORD, runs: 2, first_used: "2026-11-25T12:03:01.000Z", last_used: "2026-11-25T12:03:01.000Z" },
    ]);
    expect(await laptop.putDatasetVersion(RECORD, [])).toBe(false);
  });

  it("runs published from an embedded store carry their dataset version onto the branch once", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-local-"));
    dirs.push(dir);
    const local = await openEmbeddedStore(dir);
    await local.putDatasetVersion(RECORD, ITEMS);
    await finishRunIn(local, "run-20261125-120000-0001");
    await finishRunIn(local, "run-20261125-130000-0002");
    const branch = await harness.openStore();

    await publishRun(local, "run-20261125-120000-0001", branch);
    const uploads = blobUploads(harness);
    await publishRun(local, "run-20261125-130000-0002", branch);
    await local.close();

    expect(blobUploads(harness) - uploads).toBe(1);
    expect(harness.history().map((commit) => commit.message)).toEqual([
      "evalgate: add run run-20261125-130000-0002 of support-agent-quality (passed)",
      "evalgate: add run run-20261125-120000-0001 of support-agent-quality (passed)",
    ]);
    const laptop = await harness.openStore();
    expect(await laptop.getDatasetVersion(VERSION)).toStrictEqual(RECORD);
    expect(await collect(laptop.datasetVersionItems(VERSION))).toStrictEqual(["a", "b", "c"].map(makeItem));
  });

  it("deleteRun is one commit removing the run and its annotation files, and the dataset version's files with the last run over it", async () => {
    const store = await harness.openStore();
    await store.putDatasetVersion(RECORD, ITEMS);
    await writeFinishedRun(store, runOver("run-20261125-120000-0001"), itemIds(2));
    await writeFinishedRun(store, runOver("run-20261125-130000-0002"), itemIds(3));
    await store.putAnnotations([makeAnnotation("run-20261125-120000-0001", "item-0000", "helpfulness")]);
    const commits = harness.history().length;

    expect(await store.deleteRun("run-20261125-120000-0001")).toEqual({ items: 2, datasetVersionRemoved: false });
    expect(harness.history()).toHaveLength(commits + 1);
    expect(harness.history()[0]?.message).toBe("evalgate: delete run run-20261125-120000-0001");
    expect(files().filter((file) => file.includes("run-20261125-120000-0001"))).toEqual([]);
    expect(files()).toEqual(expect.arrayContaining([ITEMS_FILE, RECORD_FILE]));

    // Another machine, with nothing staged: the items are counted from the run file.
    const laptop = await harness.openStore();
    expect(await laptop.deleteRun("run-20261125-130000-0002")).toEqual({ items: 3, datasetVersionRemoved: true });
    expect(harness.history()).toHaveLength(commits + 2);
    expect(files()).toEqual(["README.md"]);
    expect(await laptop.getDatasetVersion(VERSION)).toBeUndefined();
    expect(await laptop.listDatasetVersions()).toEqual([]);
  });

  it("a run another job publishes over the dataset version while a deletion is under way keeps the version", async () => {
    const store = await harness.openStore();
    await store.putDatasetVersion(RECORD, ITEMS);
    await writeFinishedRun(store, runOver("run-20261125-120000-0001"), itemIds(2));
    const otherJob = await harness.openStore();
    const client = harness.newOctokit();
    let raced = false;
    client.hook.before("request", async (options) => {
      // The deletion's first move of the branch: another job's run lands first.
      if (options.method === "PATCH" && String(options.url).includes("/git/refs/") && !raced) {
        raced = true;
        await writeFinishedRun(otherJob, runOver("run-20261125-130000-0002"), itemIds(2));
      }
    });
    const deleter = await harness.openStore({ octokit: client });

    expect(await deleter.deleteRun("run-20261125-120000-0001")).toEqual({ items: 2, datasetVersionRemoved: false });
    expect(raced).toBe(true);
    expect(files()).toEqual(expect.arrayContaining([ITEMS_FILE, RECORD_FILE]));
    expect(files().filter((file) => file.startsWith("runs/")).map((file) => path.basename(file))).toEqual(["run-20261125-130000-0002.json.gz"]);
    expect(harness.history()[0]?.message).toBe("evalgate: delete run run-20261125-120000-0001");
  });
});
