import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UnknownRunError } from "../../../src/store/run-store.js";
import { WriteClock } from "../../../src/store/results-branch/annotations-append.js";
import type { ResultsBranchStore } from "../../../src/store/results-branch/results-branch-store.js";
import { checkRequestsAgainstOpenApi } from "../../helpers/openapi-check.js";
import { makeAnnotation } from "../fixtures/make-annotation.js";
import { itemIds, makeRun } from "../fixtures/make-run.js";
import { BRANCH, OWNER, REPO, startBranchHarness, writeFinishedRun, type BranchHarness } from "./branch-harness.js";

describe("ResultsBranchStore annotations on the branch", () => {
  let harness: BranchHarness;
  let store: ResultsBranchStore;
  const run = makeRun();

  beforeEach(async () => {
    harness = await startBranchHarness();
    store = await harness.openStore();
  });
  afterEach(async () => {
    expect(harness.fake.unmatchedRequests()).toEqual([]);
    expect(checkRequestsAgainstOpenApi(harness.fake.requests)).toEqual([]);
    await harness.cleanup();
  });

  const annotationFiles = () => harness.fake.listFiles(OWNER, REPO, BRANCH).filter((file) => file.startsWith("annotations/"));

  it("a write to a published run is one commit adding one gzipped file: a header line, then one annotation per line", async () => {
    await writeFinishedRun(store, run, itemIds(2));
    const annotations = [makeAnnotation(run.id, "item-0000", "tone", { kind: "label", value: "polite" }), makeAnnotation(run.id, "item-0001", "helpfulness")];
    await store.putAnnotations(annotations);

    const [commit, published] = harness.history();
    expect(commit?.message).toBe(`evalgate: annotate run ${run.id} (2 annotations)`);
    expect(commit?.parents).toEqual([published?.sha]);
    const [file, ...others] = annotationFiles();
    expect(others).toEqual([]);
    expect(file).toMatch(new RegExp(`^annotations/${run.id}/\\d{8}T\\d{9}Z-[0-9a-f]{8}\\.jsonl\\.gz$`));
    const lines = gunzipSync(harness.fake.readFile(OWNER, REPO, BRANCH, file!)!).toString("utf8").trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([{ format: 1, run_id: run.id }, ...annotations]);
  });

  it("two machines annotating one published run at once both land, and each reads the other's", async () => {
    await writeFinishedRun(store, run, itemIds(2));
    const other = await harness.openStore();
    await Promise.all([
      store.putAnnotations([makeAnnotation(run.id, "item-0000", "from-one")]),
      other.putAnnotations([makeAnnotation(run.id, "item-0001", "from-two")]),
    ]);

    expect(annotationFiles()).toHaveLength(2);
    const third = await harness.openStore();
    expect((await third.runAnnotations(run.id)).map((annotation) => annotation.name)).toEqual(["from-one", "from-two"]);
    expect((await store.runAnnotations(run.id)).map((annotation) => annotation.name)).toEqual(["from-one", "from-two"]);
  });

  it("a store's files sort in the order it wrote them, also within one millisecond: the latest value wins", async () => {
    const clock = new WriteClock();
    const times = Array.from({ length: 1_000 }, () => clock.next());
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(times.length);

    await writeFinishedRun(store, run, itemIds(1));
    for (const value of [1, 2, 3, 4, 5]) await store.putAnnotations([makeAnnotation(run.id, "item-0000", "score", { value })]);

    const reader = await harness.openStore();
    expect((await reader.runAnnotations(run.id)).map((annotation) => annotation.value)).toEqual([5]);
  });

  it("publishing a run again keeps the branch's later annotations over the staged ones", async () => {
    await store.createRun(run);
    await store.putAnnotations([makeAnnotation(run.id, "item-0000", "score", { value: 1 })]);
    await store.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" });
    await store.putAnnotations([makeAnnotation(run.id, "item-0000", "score", { value: 2 })]);
    await store.publish(run.id);

    expect(annotationFiles().filter((file) => file.endsWith("/0-published.jsonl.gz"))).toHaveLength(1);
    const reader = await harness.openStore();
    expect((await reader.runAnnotations(run.id)).map((annotation) => annotation.value)).toEqual([2]);
  });

  it("a run neither staged nor on the branch is refused before anything is written", async () => {
    await writeFinishedRun(store, run, itemIds(1));
    const head = harness.history()[0]?.sha;
    const writing = store.putAnnotations([makeAnnotation(run.id, "item-0000", "score"), makeAnnotation("run-20261125-999999-dead", "item-0000", "score")]);
    await expect(writing).rejects.toBeInstanceOf(UnknownRunError);
    expect(harness.history()[0]?.sha).toBe(head);
    expect(annotationFiles()).toEqual([]);
  });
});
