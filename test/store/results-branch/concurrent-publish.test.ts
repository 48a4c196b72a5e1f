import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkRequestsAgainstOpenApi } from "../../helpers/openapi-check.js";
import { itemIds, makeRun, makeRunItem } from "../fixtures/make-run.js";
import { BRANCH, collect, OWNER, REPO, startBranchHarness, writeFinishedRun, type BranchHarness } from "./branch-harness.js";

const NOT_FAST_FORWARD = { status: 422, message: "Update is not a fast forward", match: { method: "PATCH", path: /\/git\/refs\// } };

function runFiles(harness: BranchHarness): string[] {
  return harness.fake.listFiles(OWNER, REPO, BRANCH).filter((file) => file.startsWith("runs/"));
}

function runIdsOnBranch(harness: BranchHarness): string[] {
  return runFiles(harness).map((file) => file.split("/").at(-1)?.replace(".json.gz", "") ?? "").sort();
}

/** Each caller waits until `parties` callers have arrived; later calls pass straight through. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => {};
  const allArrived = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived >= parties) release();
    return allArrived;
  };
}

describe("ResultsBranchStore publishing alongside other jobs", () => {
  let harness: BranchHarness;

  beforeEach(async () => {
    harness = await startBranchHarness();
  });
  afterEach(async () => {
    expect(checkRequestsAgainstOpenApi(harness.fake.requests)).toEqual([]);
    await harness.cleanup();
  });

  it("two jobs creating the missing branch at the same moment both keep their run, on a linear history", async () => {
    // Both jobs find no branch and build their first commit before either creates the branch.
    const bothReady = barrier(2);
    const clients = [harness.newOctokit(), harness.newOctokit()];
    for (const client of clients) {
      client.hook.before("request", async (options) => {
        if (options.method === "POST" && String(options.url).endsWith("/git/refs")) await bothReady();
      });
    }
    const [first, second] = [await harness.openStore({ octokit: clients[0] }), await harness.openStore({ octokit: clients[1] })];
    const runs = [makeRun({ id: "run-20261125-120000-0001" }), makeRun({ id: "run-20261125-120000-0002" })];
    await Promise.all([writeFinishedRun(first, runs[0]!, itemIds(20)), writeFinishedRun(second, runs[1]!, itemIds(20))]);

    expect(runIdsOnBranch(harness)).toEqual(runs.map((run) => run.id));
    const history = harness.history();
    expect(history.map((commit) => commit.parents.length)).toEqual([1, 0]);
    expect(harness.fake.listFiles(OWNER, REPO, BRANCH)).toContain("README.md");
    const refused = harness.fake.requests.filter((request) => request.method === "POST" && request.path.endsWith("/git/refs") && request.status === 422);
    expect(refused).toHaveLength(1);
  });

  it("five jobs publishing at once while the branch keeps refusing fast forwards all land, each exactly once", async () => {
    await writeFinishedRun(await harness.openStore(), makeRun({ id: "run-20261125-110000-0000" }), itemIds(2));
    const stores = await Promise.all([1, 2, 3, 4, 5].map(() => harness.openStore()));
    const runs = stores.map((_, index) => makeRun({ id: `run-20261125-120000-000${index + 1}` }));
    for (const [index, store] of stores.entries()) {
      await store.createRun(runs[index]!);
      await Promise.all(itemIds(30).map((itemId) => store.putRunItem(makeRunItem(runs[index]!.id, itemId))));
    }
    harness.fake.failNext(6, NOT_FAST_FORWARD);
    await Promise.all(
      stores.map((store, index) => store.endRun(runs[index]!.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" })),
    );

    expect(runIdsOnBranch(harness)).toEqual(["run-20261125-110000-0000", ...runs.map((run) => run.id)]);
    const history = harness.history();
    expect(history).toHaveLength(6);
    expect(history.slice(0, -1).every((commit) => commit.parents.length === 1)).toBe(true);
    expect(harness.fake.requests.filter((request) => request.injected)).toHaveLength(6);
    const reader = await harness.openStore();
    for (const run of runs) expect(await collect(reader.runItems(run.id))).toHaveLength(30);
  });

  it("server errors on git calls are retried and the run lands once", async () => {
    // A third of calls failing needs more than the default 3 retries to be sure of getting through.
    const store = await harness.openStore({ octokit: harness.newOctokit({ retries: 6 }) });
    harness.fake.failRate(0.3, { status: 502, match: { path: /\/git\// } }, 7);
    for (let index = 1; index <= 3; index += 1) {
      await writeFinishedRun(store, makeRun({ id: `run-20261125-12000${index}-0000` }), itemIds(5));
    }
    harness.fake.clearFaults();

    expect(harness.fake.requests.filter((request) => request.injected).length).toBeGreaterThan(0);
    expect(runIdsOnBranch(harness)).toEqual(["run-20261125-120001-0000", "run-20261125-120002-0000", "run-20261125-120003-0000"]);
    expect(harness.history()).toHaveLength(3);
  });

  it("a git call that always fails is sent once plus the client's 3 retries, never more, and the run stays staged", async () => {
    const store = await harness.openStore();
    const run = makeRun({ id: "run-20261125-120001-0000" });
    harness.fake.failRate(1, { status: 502, match: { method: "POST", path: /\/git\/trees$/ } }, 1);

    await expect(writeFinishedRun(store, run, itemIds(2))).rejects.toMatchObject({ status: 502 });

    expect(harness.fake.requests.filter((request) => request.method === "POST" && request.path.endsWith("/git/trees"))).toHaveLength(4);
    harness.fake.clearFaults();
    expect((await store.publish(run.id)).runId).toBe(run.id);
    expect(runIdsOnBranch(harness)).toEqual([run.id]);
  });

  it("a ref update answered 502 every time is sent once per publish try: one retry layer", async () => {
    const store = await harness.openStore({ retry: { publishAttempts: 3 } });
    await writeFinishedRun(store, makeRun({ id: "run-20261125-120001-0000" }), itemIds(1));
    harness.fake.failRate(1, { status: 502, match: { method: "PATCH", path: /\/git\/refs\// } }, 1);

    await expect(writeFinishedRun(store, makeRun({ id: "run-20261125-120002-0000" }), itemIds(1))).rejects.toThrow(/after 3 tries/);

    expect(harness.fake.requests.filter((request) => request.method === "PATCH")).toHaveLength(3);
  });

  it("a ref update that took effect although GitHub answered 500 is not committed twice", async () => {
    const store = await harness.openStore();
    await writeFinishedRun(store, makeRun({ id: "run-20261125-120001-0000" }), itemIds(2));
    harness.fake.failNext(1, { status: 500, afterHandling: true, match: { method: "PATCH", path: /\/git\/refs\// } });
    await writeFinishedRun(store, makeRun({ id: "run-20261125-120002-0000" }), itemIds(2));

    expect(harness.fake.requests.filter((request) => request.injected)).toHaveLength(1);
    expect(harness.history()).toHaveLength(2);
    expect(runIdsOnBranch(harness)).toEqual(["run-20261125-120001-0000", "run-20261125-120002-0000"]);
  });

  it("a branch created although GitHub answered 500 is not created twice", async () => {
    const store = await harness.openStore();
    harness.fake.failNext(1, { status: 500, afterHandling: true, match: { method: "POST", path: /\/git\/refs$/ } });
    await writeFinishedRun(store, makeRun({ id: "run-20261125-120001-0000" }), itemIds(2));

    expect(harness.history()).toHaveLength(1);
    expect(runIdsOnBranch(harness)).toEqual(["run-20261125-120001-0000"]);
  });

  it("a branch that refuses every update fails clearly after the set tries, and the staged run can be published later", async () => {
    const store = await harness.openStore({ retry: { publishAttempts: 3 } });
    await writeFinishedRun(await harness.openStore(), makeRun({ id: "run-20261125-110000-0000" }), itemIds(1));
    const run = makeRun({ id: "run-20261125-120001-0000" });
    harness.fake.failRate(1, NOT_FAST_FORWARD, 1);

    await expect(writeFinishedRun(store, run, itemIds(3))).rejects.toThrow(
      /could not add runs\/.*run-20261125-120001-0000\.json\.gz to acme\/shop@evalgate-results after 3 tries \(last: another job moved the branch first\)/,
    );
    expect(runIdsOnBranch(harness)).toEqual(["run-20261125-110000-0000"]);

    harness.fake.clearFaults();
    const ref = await store.publish(run.id);
    expect(ref.runId).toBe(run.id);
    expect(runIdsOnBranch(harness)).toEqual(["run-20261125-110000-0000", run.id]);
  });
});
