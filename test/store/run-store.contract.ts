import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { compareItemIds } from "../../src/core/item-id-order.js";
import { runItemId, scoreId } from "../../src/core/model/ids.js";
import type { RunItem } from "../../src/core/model/run-item.js";
import { RunExistsError, UnknownRunError, type RunLease, type RunStore } from "../../src/store/run-store.js";
import { itemIds, makeRun, makeRunItem, makeSummary } from "./fixtures/make-run.js";
import { describeAnnotationsContract } from "./annotations.contract.js";
import { describeDatasetVersionsContract } from "./dataset-versions.contract.js";

export interface OpenedRunStore {
  store: RunStore;
  /** Opens the same location again (after `store` was closed): what a second process would see. */
  reopen(): Promise<RunStore>;
  cleanup(): Promise<void>;
  /**
   * Rows (or files) the store holds now, by table name: what storing a dataset version again must
   * not change. `dataset_items` counts item contents, `dataset_version_items` (version, item) pairs.
   */
  countRows?(): Promise<Record<string, number>>;
}

function lease(runId: string, holder: string, heartbeatAt = "2026-11-25T12:03:01.000Z"): RunLease {
  return { run_id: runId, holder, host: `host-${holder}`, pid: 1000 + holder.length, heartbeat_at: heartbeatAt };
}

async function collect(items: AsyncIterable<RunItem>): Promise<RunItem[]> {
  const collected: RunItem[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

/** Every RunStore back-end must pass these; each back-end's test file calls this once. */
export function describeRunStoreContract(name: string, open: () => Promise<OpenedRunStore>): void {
  describeAnnotationsContract(name, open);
  describeDatasetVersionsContract(name, open);
  describe(`${name}: RunStore contract`, () => {
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

    it("an experiment's lifecycle state reads back as set, and is absent until set", async () => {
      expect(await store.getExperimentState("orders")).toBeUndefined();
      await store.setExperimentState({ experiment: "orders", status: "running_baseline", updated_at: "2026-01-01T00:00:00.000Z" });
      expect(await store.getExperimentState("orders")).toEqual({ experiment: "orders", status: "running_baseline", updated_at: "2026-01-01T00:00:00.000Z" });
      const locked = { experiment: "orders", status: "baseline_complete" as const, baseline_run_id: run.id, updated_at: "2026-01-01T00:01:00.000Z" };
      await store.setExperimentState(locked);
      expect(await store.getExperimentState("orders")).toEqual(locked);
      expect(await store.getExperimentState("other")).toBeUndefined();
    });

    it("a run and its items read back exactly as they were stored, absent fields still absent", async () => {
      const minimal = makeRun({ id: "run-20261125-130000-0001" });
      delete minimal.git_commit;
      delete minimal.git_branch;
      const candidate = makeRun({ id: "run-20261125-130000-0003", role: "candidate", pull_request: 42 });
      await store.createRun(run);
      await store.createRun(minimal);
      await store.createRun(candidate);
      const passed = makeRunItem(run.id, "item-0001", { output: null });
      const errored = makeRunItem(run.id, "item-0002", { status: "error" });
      await store.putRunItem(passed);
      await store.putRunItem(errored);

      expect(await store.getRun(run.id)).toStrictEqual(run);
      expect(await store.getRun(minimal.id)).toStrictEqual(minimal);
      expect(await store.getRun(candidate.id)).toStrictEqual(candidate);
      expect(Object.keys((await store.getRun(run.id)) ?? {})).not.toContain("role");
      const items = await collect(store.runItems(run.id));
      expect(items).toStrictEqual([passed, errored]);
      expect(items[0]).toHaveProperty("output", null);
      expect(Object.keys(items[1] ?? {})).not.toContain("output");
      expect(Object.keys(items[1] ?? {})).not.toContain("cost");
    });

    it("storing the same run item again replaces it and its scores, with no duplicate", async () => {
      await store.createRun(run);
      const first = makeRunItem(run.id, "item-0001", { status: "failed" });
      await store.putRunItem(first);
      expect((await store.getScore(scoreId(run.id, "item-0001", "equals")))?.score.passed).toBe(false);
      const rerun = makeRunItem(run.id, "item-0001", { status: "error" });
      await store.putRunItem(rerun);

      expect(await collect(store.runItems(run.id))).toStrictEqual([rerun]);
      expect(await store.runItemStatuses(run.id)).toEqual(new Map([["item-0001", "error"]]));
      expect(await store.getScore(scoreId(run.id, "item-0001", "equals"))).toBeUndefined();
      expect(await store.getRunItem(first.id)).toStrictEqual(rerun);

      const fixed = makeRunItem(run.id, "item-0001", { status: "passed" });
      await store.putRunItem(fixed);
      expect(await store.getScore(scoreId(run.id, "item-0001", "equals"))).toStrictEqual({
        score: fixed.scores[2],
        runItem: fixed,
      });
    });

    it("items of two runs with the same item ids stay apart", async () => {
      const other = makeRun({ id: "run-20261125-130000-0002" });
      await store.createRun(run);
      await store.createRun(other);
      await store.putRunItem(makeRunItem(run.id, "item-0001", { status: "passed" }));
      await store.putRunItem(makeRunItem(other.id, "item-0001", { status: "failed" }));

      expect(await store.runItemStatuses(run.id)).toEqual(new Map([["item-0001", "passed"]]));
      expect(await store.runItemStatuses(other.id)).toEqual(new Map([["item-0001", "failed"]]));
    });

    it("ending a run records its status, end time, summary and verdict", async () => {
      await store.createRun(run);
      const summary = makeSummary(3, 2);
      await store.endRun(run.id, {
        status: "failed",
        ended_at: "2026-11-25T12:05:00.000Z",
        summary,
        verdict: "fail",
        verdict_reasons: ["pass rate 66.7% is below the threshold 100%"],
      });

      expect(await store.getRun(run.id)).toStrictEqual({
        ...run,
        status: "failed",
        ended_at: "2026-11-25T12:05:00.000Z",
        summary,
        verdict: "fail",
        verdict_reasons: ["pass rate 66.7% is below the threshold 100%"],
      });
    });

    it("listRuns gives the newest runs first, filtered by experiment and status, 50 by default", async () => {
      for (let index = 0; index < 60; index += 1) {
        const minute = String(index).padStart(2, "0");
        await store.createRun(
          makeRun({
            id: `run-20261125-12${minute}00-${String(index).padStart(4, "0")}`,
            started_at: `2026-11-25T12:${minute}:00.000Z`,
            experiment: index % 3 === 0 ? "refund-policy" : "support-agent-quality",
            status: index % 2 === 0 ? "passed" : "failed",
          }),
        );
      }

      const all = await store.listRuns();
      expect(all).toHaveLength(50);
      expect(all[0]?.started_at).toBe("2026-11-25T12:59:00.000Z");
      const starts = all.map((listed) => listed.started_at);
      expect(starts).toEqual([...starts].sort().reverse());

      const refunds = await store.listRuns({ experiment: "refund-policy", status: "passed", limit: 3 });
      expect(refunds.map((listed) => listed.id)).toEqual([
        "run-20261125-125400-0054",
        "run-20261125-124800-0048",
        "run-20261125-124200-0042",
      ]);
      expect(await store.listRuns({ experiment: "no-such-experiment" })).toEqual([]);
    });

    it("getRun finds a run by a unique prefix and rejects an ambiguous one naming the matches", async () => {
      await store.createRun(makeRun({ id: "run-20261125-120301-7f3a" }));
      await store.createRun(makeRun({ id: "run-20261126-090000-b2c4" }));
      await store.createRun(makeRun({ id: "run-20261126-090000-b2c4x" }));

      expect((await store.getRun("run-20261125"))?.id).toBe("run-20261125-120301-7f3a");
      // An exact id wins over the longer id it is a prefix of.
      expect((await store.getRun("run-20261126-090000-b2c4"))?.id).toBe("run-20261126-090000-b2c4");
      expect(await store.getRun("run-2027")).toBeUndefined();
      expect(await store.getRun("")).toBeUndefined();

      const ambiguous = store.getRun("run-2026");
      await expect(ambiguous).rejects.toBeInstanceOf(UserError);
      await expect(ambiguous).rejects.toThrow(
        'run id "run-2026" is ambiguous: run-20261125-120301-7f3a, run-20261126-090000-b2c4, run-20261126-090000-b2c4x',
      );
    });

    it("runItems streams a run's items ordered by item id, whatever order they were stored in", async () => {
      await store.createRun(run);
      const ids = itemIds(2_000);
      const shuffled = ids.map((id, index) => ids[(index * 7919) % ids.length] ?? id);
      expect(new Set(shuffled).size).toBe(ids.length);
      for (const id of shuffled) await store.putRunItem(makeRunItem(run.id, id));

      const streamed = await collect(store.runItems(run.id));
      expect(streamed.map((item) => item.item_id)).toEqual(ids);
      expect(await collect(store.runItems("run-unknown"))).toEqual([]);
    });

    it("runItems orders item ids by code point, not by UTF-16 unit or locale, also after a reopen", async () => {
      // "\uFF5A" (ｚ) is one UTF-16 unit above the surrogates of "\u{1F600}" (😀) but a lower code point;
      // "a\u0301" (a + combining accent) and "é" look alike but are different ids.
      const ids = ["\u{1F600}", "z", "é", "Z", "\uFF5A", "a\u0301", "a", "\u{10000}", "\uFFFF", "item-10", "item-9", "\uE000"];
      const expected = ["Z", "a", "a\u0301", "item-10", "item-9", "z", "é", "\uE000", "\uFF5A", "\uFFFF", "\u{10000}", "\u{1F600}"];
      expect([...ids].sort(compareItemIds)).toEqual(expected);
      // The pair JavaScript's own sort gets wrong: it is what the contract pins down.
      expect(["\u{1F600}", "\uFF5A"].sort()).toEqual(["\u{1F600}", "\uFF5A"]);
      await store.createRun(run);
      for (const id of ids) await store.putRunItem(makeRunItem(run.id, id));

      expect((await collect(store.runItems(run.id))).map((item) => item.item_id)).toEqual(expected);
      await store.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" });
      await store.close();
      store = await opened.reopen();
      expect((await collect(store.runItems(run.id))).map((item) => item.item_id)).toEqual(expected);
    });

    it("createRun refuses an id the store has with RunExistsError, also after the run ended and the store was reopened", async () => {
      await store.createRun(run);
      const again = store.createRun({ ...run, experiment: "refund-policy" });
      await expect(again).rejects.toBeInstanceOf(RunExistsError);
      await expect(again).rejects.toMatchObject({ runId: run.id });
      await store.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" });
      await store.close();

      store = await opened.reopen();
      await expect(store.createRun(run)).rejects.toBeInstanceOf(RunExistsError);
      expect((await store.getRun(run.id))?.status).toBe("passed");
    });

    it("endRun and reopenRun of a run the store does not have throw UnknownRunError", async () => {
      const end = store.endRun("run-20261125-999999-dead", { status: "passed", ended_at: "2026-11-25T12:05:00.000Z" });
      await expect(end).rejects.toBeInstanceOf(UnknownRunError);
      await expect(end).rejects.toMatchObject({ runId: "run-20261125-999999-dead" });
      await expect(store.reopenRun("run-20261125-999999-dead")).rejects.toBeInstanceOf(UnknownRunError);
      expect(await store.getRun("run-20261125-999999-dead")).toBeUndefined();
    });

    it("two streams of one run advance independently, and one stopped early leaves the store usable", async () => {
      await store.createRun(run);
      for (const id of itemIds(50)) await store.putRunItem(makeRunItem(run.id, id));

      const first = store.runItems(run.id)[Symbol.asyncIterator]();
      const second = store.runItems(run.id)[Symbol.asyncIterator]();
      expect((await first.next()).value?.item_id).toBe("item-0000");
      expect((await first.next()).value?.item_id).toBe("item-0001");
      expect((await second.next()).value?.item_id).toBe("item-0000");
      expect((await first.next()).value?.item_id).toBe("item-0002");
      await first.return?.(undefined);
      await second.return?.(undefined);

      await store.putRunItem(makeRunItem(run.id, "item-9999", { status: "failed" }));
      expect((await store.runItemStatuses(run.id)).get("item-9999")).toBe("failed");
    });

    it("runItemStatuses maps every stored item id to its status", async () => {
      await store.createRun(run);
      await store.putRunItem(makeRunItem(run.id, "item-0001", { status: "passed" }));
      await store.putRunItem(makeRunItem(run.id, "item-0002", { status: "failed" }));
      await store.putRunItem(makeRunItem(run.id, "item-0003", { status: "error" }));

      expect(await store.runItemStatuses(run.id)).toEqual(
        new Map([
          ["item-0001", "passed"],
          ["item-0002", "failed"],
          ["item-0003", "error"],
        ]),
      );
      expect((await store.runItemStatuses("run-unknown")).size).toBe(0);
    });

    it("getRunItem finds a run item by its run item id", async () => {
      await store.createRun(run);
      const item = makeRunItem(run.id, "item-0002", { status: "failed" });
      await store.putRunItem(makeRunItem(run.id, "item-0001"));
      await store.putRunItem(item);

      expect(await store.getRunItem(runItemId(run.id, "item-0002"))).toStrictEqual(item);
      expect(await store.getRunItem("ri_000000000000")).toBeUndefined();
    });

    it("getScore finds a score by its id together with its run item", async () => {
      await store.createRun(run);
      const item = makeRunItem(run.id, "item-0002", { status: "failed" });
      await store.putRunItem(makeRunItem(run.id, "item-0001"));
      await store.putRunItem(item);

      const found = await store.getScore(scoreId(run.id, "item-0002", "equals"));
      expect(found?.score).toStrictEqual(item.scores[2]);
      expect(found?.score.evidence.reason).toBe("order ids differ");
      expect(found?.runItem).toStrictEqual(item);
      expect(await store.getScore("sc_000000000000")).toBeUndefined();
    });

    it("a run's lease has one holder at a time, renewed and released only by that holder", async () => {
      await store.createRun(run);
      const first = lease(run.id, "first");
      expect(await store.getRunLease(run.id)).toBeUndefined();
      expect(await store.acquireRunLease(first)).toStrictEqual(first);
      // A second process that finds the lease held gets the holder back, not the lease.
      expect(await store.acquireRunLease(lease(run.id, "second"))).toStrictEqual(first);
      expect(await store.getRunLease(run.id)).toStrictEqual(first);

      expect(await store.renewRunLease(run.id, "first", "2026-11-25T12:03:06.000Z")).toBe(true);
      expect(await store.renewRunLease(run.id, "second", "2026-11-25T12:03:07.000Z")).toBe(false);
      expect((await store.getRunLease(run.id))?.heartbeat_at).toBe("2026-11-25T12:03:06.000Z");

      await store.releaseRunLease(run.id, "second");
      expect((await store.getRunLease(run.id))?.holder).toBe("first");
      await store.releaseRunLease(run.id, "first");
      expect(await store.getRunLease(run.id)).toBeUndefined();
      const second = lease(run.id, "second");
      expect(await store.acquireRunLease(second)).toStrictEqual(second);
      // Leases of other runs are apart.
      const other = lease("run-20261125-130000-0002", "first");
      expect(await store.acquireRunLease(other)).toStrictEqual(other);
      expect((await store.getRunLease(run.id))?.holder).toBe("second");
    });

    it("a stale lease is taken over by naming its holder, and only one of two takers wins", async () => {
      await store.createRun(run);
      const stale = lease(run.id, "crashed");
      await store.acquireRunLease(stale);
      expect(await store.acquireRunLease(lease(run.id, "taker"), "someone-else")).toStrictEqual(stale);

      const takers = [lease(run.id, "taker-a"), lease(run.id, "taker-b")];
      const results = await Promise.all(takers.map((taker) => store.acquireRunLease(taker, "crashed")));
      const winner = await store.getRunLease(run.id);
      expect(takers).toContainEqual(winner);
      expect(results).toStrictEqual([winner, winner]);
      // The old holder, back from a pause, learns it lost the run.
      expect(await store.renewRunLease(run.id, "crashed", "2026-11-25T12:04:00.000Z")).toBe(false);
      await store.releaseRunLease(run.id, "crashed");
      expect(await store.getRunLease(run.id)).toStrictEqual(winner);

      await store.releaseRunLease(run.id, winner!.holder);
      // Replacing a holder that is already gone takes nothing: the caller reads the lease again.
      expect(await store.acquireRunLease(lease(run.id, "late"), "crashed")).toBeUndefined();
      expect(await store.getRunLease(run.id)).toBeUndefined();
    });

    it("a reopened run is running again, without the end time, summary and verdict it ended with", async () => {
      await store.createRun(run);
      await store.putRunItem(makeRunItem(run.id, "item-0001"));
      await store.endRun(run.id, {
        status: "cancelled",
        ended_at: "2026-11-25T12:05:00.000Z",
        summary: makeSummary(1, 1),
        verdict: "fail",
        verdict_reasons: ["the run was cancelled after 1 of 3 items"],
      });
      await store.reopenRun(run.id);
      expect(await store.getRun(run.id)).toStrictEqual(run);
      expect((await store.runItemStatuses(run.id)).size).toBe(1);
    });

    it("saving an experiment version twice keeps the first record", async () => {
      const record = {
        experiment: "support-agent-quality",
        version: "9b1c0e4f2a7d",
        definition: { target: { type: "http", url: "${EVALGATE_TARGET_URL}/api/agent" }, scorers: ["json_valid"] },
        created_at: "2026-11-25T12:03:00.000Z",
      };
      await store.saveExperimentVersion(record);
      await store.saveExperimentVersion({ ...record, created_at: "2026-11-26T09:00:00.000Z" });

      expect(await store.getExperimentVersion("support-agent-quality", "9b1c0e4f2a7d")).toStrictEqual(record);
      expect(await store.getExperimentVersion("support-agent-quality", "000000000000")).toBeUndefined();
      expect(await store.getExperimentVersion("refund-policy", "9b1c0e4f2a7d")).toBeUndefined();
    });

    it("a store closed and opened again keeps runs, items, scores and experiment versions", async () => {
      const record = {
        experiment: run.experiment,
        version: run.experiment_version,
        definition: { scorers: ["json_valid", "tool_called", "equals"] },
        created_at: "2026-11-25T12:03:00.000Z",
      };
      const items = itemIds(3).map((id) => makeRunItem(run.id, id));
      await store.saveExperimentVersion(record);
      await store.createRun(run);
      for (const item of items) await store.putRunItem(item);
      await store.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z", verdict: "pass" });
      await store.close();

      store = await opened.reopen();
      expect(await store.getRun(run.id)).toStrictEqual({
        ...run,
        status: "passed",
        ended_at: "2026-11-25T12:05:00.000Z",
        verdict: "pass",
      });
      expect(await collect(store.runItems(run.id))).toStrictEqual(items);
      expect((await store.getScore(scoreId(run.id, "item-0001", "tool_called")))?.runItem).toStrictEqual(items[1]);
      expect(await store.getExperimentVersion(record.experiment, record.version)).toStrictEqual(record);
    });
  });
}
