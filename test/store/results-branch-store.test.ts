import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { runItemId, scoreId } from "../../src/core/model/ids.js";
import { ResultsBranchStore } from "../../src/store/results-branch/results-branch-store.js";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { BRANCH, collect, OWNER, REPO, startBranchHarness, writeFinishedRun, type BranchHarness } from "./results-branch/branch-harness.js";
import { itemIds, makeRun, makeRunItem } from "./fixtures/make-run.js";
import { describeRunStoreContract } from "./run-store.contract.js";
import { countSqliteRows } from "./fixtures/count-sqlite-rows.js";
import { EMBEDDED_STORE_FILE } from "../../src/store/open-store.js";

describeRunStoreContract("ResultsBranchStore", async () => {
  const harness = await startBranchHarness();
  const store = await harness.openStore();
  return {
    store,
    // Another job or a laptop: its own client and an empty staging directory, so it reads the branch.
    reopen: () => harness.openStore(),
    cleanup: async () => {
      expect(checkRequestsAgainstOpenApi(harness.fake.requests)).toEqual([]);
      await harness.cleanup();
    },
    // Versions wait in the staging store until a run over them is published; then the branch has them.
    countRows: async () => ({
      ...countSqliteRows(path.join(harness.stagingDirOf(store), EMBEDDED_STORE_FILE)),
      branch_files: harness.fake.listFiles(OWNER, REPO, BRANCH).length,
      branch_commits: harness.history().length,
    }),
  };
});

describe("ResultsBranchStore on the branch", () => {
  let harness: BranchHarness;
  let store: ResultsBranchStore;

  beforeEach(async () => {
    harness = await startBranchHarness();
    store = await harness.openStore();
  });
  afterEach(async () => {
    expect(harness.fake.unmatchedRequests()).toEqual([]);
    expect(checkRequestsAgainstOpenApi(harness.fake.requests)).toEqual([]);
    await harness.cleanup();
  });

  it("a missing branch reads as an empty store", async () => {
    expect(await store.listRuns()).toEqual([]);
    expect(await store.getRun("run-2026")).toBeUndefined();
    expect(await store.findRuns({ experiment: "support-agent-quality" })).toEqual([]);
    expect(await collect(store.runItems("run-20261125-120301-7f3a"))).toEqual([]);
  });

  it("a repository that does not exist is a user error naming it, not an empty store", async () => {
    const elsewhere = new ResultsBranchStore({
      octokit: harness.newOctokit(),
      owner: OWNER,
      repo: "no-such-repo",
      stagingDir: "/nonexistent/evalgate-staging",
    });
    const listing = elsewhere.listRuns();
    await expect(listing).rejects.toBeInstanceOf(UserError);
    await expect(listing).rejects.toThrow(/acme\/no-such-repo was not found.*GITHUB_TOKEN/);
  });

  it("the first run creates the branch as an orphan with its README, and the run file is gzip at its layout path", async () => {
    const run = makeRun({ role: "baseline", git_commit: "a".repeat(40) });
    const items = await writeFinishedRun(store, run, itemIds(3));

    const [commit, ...older] = harness.history();
    expect(older).toEqual([]);
    expect(commit?.parents).toEqual([]);
    const files = harness.fake.listFiles(OWNER, REPO, BRANCH);
    const runFile = `runs/support-agent-quality/4e2f8a90c1b3/${"a".repeat(40)}/baseline/${run.id}.json.gz`;
    expect(files).toEqual(["README.md", runFile]);
    expect(harness.fake.readFile(OWNER, REPO, BRANCH, "README.md")?.toString()).toMatch(/written by evalgate; do not edit it by hand/);

    const stored = harness.fake.readFile(OWNER, REPO, BRANCH, runFile);
    expect(stored?.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const lines = gunzipSync(stored ?? Buffer.alloc(0)).toString("utf8").trimEnd().split("\n");
    expect(JSON.parse(lines[0] ?? "")).toEqual({
      format: 1,
      run: { ...run, status: "passed", ended_at: "2026-11-25T12:05:00.000Z", verdict: "pass" },
      experiment_version: null,
    });
    expect(lines.slice(1).map((line) => JSON.parse(line) as unknown)).toEqual(items);
    // The default branch is untouched.
    expect(harness.fake.listFiles(OWNER, REPO, "main")).toEqual(["README.md"]);
  });

  it("an existing branch is appended to: one commit per run, parent the previous head, earlier files kept", async () => {
    harness.fake.addCommit({ owner: OWNER, repo: REPO, branch: BRANCH, parents: [], files: { "notes.txt": "kept" } });
    const [seeded] = harness.history();
    const first = makeRun({ id: "run-20261125-120000-0001" });
    const second = makeRun({ id: "run-20261125-130000-0002", git_commit: undefined, role: "candidate", pull_request: 7 });
    delete second.git_commit;
    await writeFinishedRun(store, first, itemIds(2));
    await writeFinishedRun(store, second, itemIds(2));

    const history = harness.history();
    expect(history.map((commit) => commit.message)).toEqual([
      "evalgate: add candidate run run-20261125-130000-0002 of support-agent-quality for #7 (passed)",
      "evalgate: add run run-20261125-120000-0001 of support-agent-quality (passed)",
      seeded?.message,
    ]);
    expect(history[2]?.sha).toBe(seeded?.sha);
    expect(harness.fake.listFiles(OWNER, REPO, BRANCH)).toEqual([
      "notes.txt",
      `runs/support-agent-quality/4e2f8a90c1b3/${makeRun().git_commit}/run/run-20261125-120000-0001.json.gz`,
      "runs/support-agent-quality/4e2f8a90c1b3/no-commit/candidate/run-20261125-130000-0002.json.gz",
    ]);
  });

  it("findRuns filters by experiment, dataset version, commit and role from paths alone, newest first", async () => {
    const runs = [
      makeRun({ id: "run-20261125-100000-0001", role: "baseline", git_commit: "c1" }),
      makeRun({ id: "run-20261125-110000-0002", role: "baseline", git_commit: "c2" }),
      makeRun({ id: "run-20261125-120000-0003", role: "candidate", git_commit: "c3", pull_request: 9 }),
      makeRun({ id: "run-20261125-130000-0004", role: "baseline", git_commit: "c2", dataset_version: "other" }),
      makeRun({ id: "run-20261125-140000-0005", role: "baseline", experiment: "refund-policy" }),
    ];
    for (const run of runs) await writeFinishedRun(store, run, itemIds(1));
    const reader = await harness.openStore();
    const before = harness.fake.requests.length;

    const baselines = await reader.findRuns({ experiment: "support-agent-quality", role: "baseline" });
    expect(baselines.map((ref) => ref.runId)).toEqual(["run-20261125-130000-0004", "run-20261125-110000-0002", "run-20261125-100000-0001"]);
    expect(baselines[1]).toEqual({
      runId: "run-20261125-110000-0002",
      experiment: "support-agent-quality",
      datasetVersion: "4e2f8a90c1b3",
      commit: "c2",
      role: "baseline",
      path: "runs/support-agent-quality/4e2f8a90c1b3/c2/baseline/run-20261125-110000-0002.json.gz",
    });
    const onDataset = await reader.findRuns({ experiment: "support-agent-quality", datasetVersion: "4e2f8a90c1b3", commit: "c2" });
    expect(onDataset.map((ref) => ref.runId)).toEqual(["run-20261125-110000-0002"]);
    const candidates = await reader.findRuns({ experiment: "support-agent-quality", role: "candidate" });
    expect(candidates.map((ref) => ref.runId)).toEqual(["run-20261125-120000-0003"]);
    expect(await reader.findRuns({ experiment: "no-such-experiment" })).toEqual([]);

    const blobReads = harness.fake.requests.slice(before).filter((request) => request.path.includes("/git/blobs/"));
    expect(blobReads).toEqual([]);
  });

  it("another store reads published runs: by prefix, listed with a status filter, items, statuses, run items and scores", async () => {
    const passed = makeRun({ id: "run-20261125-100000-aaaa", started_at: "2026-11-25T10:00:00.000Z" });
    const failed = makeRun({ id: "run-20261125-110000-bbbb", started_at: "2026-11-25T11:00:00.000Z" });
    const items = await writeFinishedRun(store, passed, itemIds(4));
    await store.createRun(failed);
    await store.putRunItem(makeRunItem(failed.id, "item-0000", { status: "failed" }));
    await store.endRun(failed.id, { status: "failed", ended_at: "2026-11-25T11:05:00.000Z" });

    const reader = await harness.openStore();
    expect((await reader.getRun("run-20261125-10"))?.id).toBe(passed.id);
    await expect(reader.getRun("run-20261125")).rejects.toThrow(
      'run id "run-20261125" is ambiguous: run-20261125-100000-aaaa, run-20261125-110000-bbbb',
    );
    expect((await reader.listRuns({ status: "failed" })).map((run) => run.id)).toEqual([failed.id]);
    expect((await reader.listRuns()).map((run) => run.id)).toEqual([failed.id, passed.id]);
    expect(await collect(reader.runItems(passed.id))).toStrictEqual(items);
    expect(await reader.runItemStatuses(passed.id)).toEqual(new Map(items.map((item) => [item.item_id, item.status])));
    expect(await reader.getRunItem(runItemId(passed.id, "item-0002"))).toStrictEqual(items[2]);
    expect((await reader.getScore(scoreId(passed.id, "item-0003", "equals")))?.runItem).toStrictEqual(items[3]);
    expect(await reader.getScore("sc_000000000000")).toBeUndefined();
  });

  it("a staged run and a published run sharing a prefix make it ambiguous across both", async () => {
    await writeFinishedRun(store, makeRun({ id: "run-20261125-100000-aaaa" }), itemIds(1));
    const writer = await harness.openStore();
    await writer.createRun(makeRun({ id: "run-20261125-100000-aaab" }));

    await expect(writer.getRun("run-20261125-100000-aa")).rejects.toThrow(
      'run id "run-20261125-100000-aa" is ambiguous: run-20261125-100000-aaaa, run-20261125-100000-aaab',
    );
    expect((await writer.getRun("run-20261125-100000-aaaa"))?.status).toBe("passed");
    expect((await writer.listRuns()).map((run) => run.id)).toEqual(["run-20261125-100000-aaab", "run-20261125-100000-aaaa"]);
  });

  it("a tree listing GitHub truncates is completed by listing subtrees", async () => {
    for (const [index, experiment] of ["a-exp", "b-exp", "c-exp"].entries()) {
      await writeFinishedRun(store, makeRun({ id: `run-20261125-10000${index}-0000`, experiment }), itemIds(1));
    }
    const octokit = harness.newOctokit();
    // GitHub truncates large recursive listings; this makes every recursive listing look truncated.
    octokit.hook.after("request", (response, options) => {
      const data = response.data as { truncated?: boolean; tree?: Array<{ path: string }> };
      if (String(options.url).includes("/git/trees/") && options["recursive"] !== undefined && Array.isArray(data.tree)) {
        data.truncated = true;
        data.tree = data.tree.slice(0, 1);
      }
    });
    const reader = await harness.openStore({ octokit });
    const found = await reader.findRuns({ experiment: "b-exp" });
    expect(found.map((ref) => ref.runId)).toEqual(["run-20261125-100001-0000"]);
    expect((await reader.listRuns()).map((run) => run.experiment)).toEqual(["c-exp", "b-exp", "a-exp"]);
  });

  it("a run larger than the blob limit is refused with a user error and stays staged", async () => {
    const small = await harness.openStore({ maxRunFileBytes: 2_000 });
    const run = makeRun();
    await small.createRun(run);
    await Promise.all(itemIds(200).map((itemId) => small.putRunItem(makeRunItemFor(run.id, itemId))));
    const ending = small.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" });
    await expect(ending).rejects.toBeInstanceOf(UserError);
    await expect(ending).rejects.toThrow(/more than 2000 bytes compressed.*smaller dataset/);
    expect(harness.fake.listFiles(OWNER, REPO, BRANCH)).toEqual([]);
    expect((await small.getRun(run.id))?.status).toBe("passed");
  });

  it("a published experiment version keeps its first record", async () => {
    const record = { experiment: "support-agent-quality", version: "9b1c0e4f2a7d", definition: { scorers: ["equals"] }, created_at: "2026-11-25T12:00:00.000Z" };
    await store.saveExperimentVersion(record);
    await writeFinishedRun(store, makeRun({ id: "run-20261125-100000-0001" }), itemIds(1));
    const other = await harness.openStore();
    await other.saveExperimentVersion({ ...record, created_at: "2026-11-26T09:00:00.000Z" });
    await writeFinishedRun(other, makeRun({ id: "run-20261125-110000-0002" }), itemIds(1));

    const reader = await harness.openStore();
    expect(await reader.getExperimentVersion(record.experiment, record.version)).toStrictEqual(record);
    expect(harness.fake.listFiles(OWNER, REPO, BRANCH).filter((file) => file.startsWith("experiment-versions/"))).toEqual([
      "experiment-versions/support-agent-quality/9b1c0e4f2a7d.json",
    ]);
  });

  it("a store polling the branch sees a run another job published since once refreshed", async () => {
    const run = makeRun({ id: "run-20261125-100000-0001" });
    expect(await store.getRun(run.id)).toBeUndefined();
    await writeFinishedRun(await harness.openStore(), run, itemIds(1));
    // The listing is kept until this store writes or is refreshed.
    expect(await store.getRun(run.id)).toBeUndefined();

    store.refresh();
    expect((await store.getRun(run.id))?.status).toBe("passed");
  });
});

function makeRunItemFor(runId: string, itemId: string) {
  // Distinct outputs, so the file does not compress to almost nothing.
  return makeRunItem(runId, itemId, { output: { answer: `${itemId}-${Math.random().toString(36)}` } });
}
