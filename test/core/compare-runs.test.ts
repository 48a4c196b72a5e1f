import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { ComparisonSchema, compareRuns } from "../../src/core/compare-runs.js";
import { compareItemIds } from "../../src/core/item-id-order.js";
import type { RunItem } from "../../src/core/model/run-item.js";
import { buildItem, buildRun, streamOf } from "./build-run-items.js";

const baselineRun = buildRun({ id: "run-base", label: "main" });
const candidateRun = buildRun({ id: "run-cand", label: "pr-42", experiment_version: "ev-bbbbbbbbbbbb" });

function compare(baseline: RunItem[], candidate: RunItem[], options = {}) {
  return compareRuns(
    { run: baselineRun, items: streamOf(baseline) },
    { run: candidateRun, items: streamOf(candidate) },
    options,
  );
}

const pass = (scorer = "equals"): [string, number, boolean] => [scorer, 1, true];
const fail = (scorer = "equals", reason?: string): [string, number, boolean, string?] => [scorer, 0, false, reason];

describe("compareRuns", () => {
  it("finds regressions and fixes with the scorers that changed and the candidate's reason", async () => {
    const comparison = await compare(
      [
        buildItem("run-base", "a", { scores: [pass(), pass("json_valid")], output: "refund" }),
        buildItem("run-base", "b", { scores: [fail("equals", "baseline said no")] }),
        buildItem("run-base", "c", { scores: [pass()] }),
      ],
      [
        buildItem("run-cand", "a", { scores: [fail("equals", 'expected "refund", got "cancel"'), pass("json_valid")], output: "cancel", expected: "refund" }),
        buildItem("run-cand", "b", { scores: [pass()] }),
        buildItem("run-cand", "c", { scores: [pass()] }),
      ],
    );
    expect(ComparisonSchema.parse(comparison)).toBeTruthy();
    expect(comparison.regressions.count).toBe(1);
    expect(comparison.regressions.items[0]).toMatchObject({
      item_id: "a",
      baseline_status: "passed",
      candidate_status: "failed",
      baseline_output: "refund",
      candidate_output: "cancel",
      expected: "refund",
      changed_scorers: [
        { scorer: "equals", baseline: { score: 1, passed: true }, candidate: { score: 0, passed: false }, reason: 'expected "refund", got "cancel"' },
      ],
    });
    expect(comparison.regressions.items[0]?.run_item_id).toMatch(/^ri_/);
    expect(comparison.fixes.count).toBe(1);
    expect(comparison.fixes.items[0]).toMatchObject({ item_id: "b", baseline_status: "failed", candidate_status: "passed" });
    expect(comparison.pass_rate).toEqual({ baseline: 2 / 3, candidate: 2 / 3, delta: 0 });
  });

  it("counts an error in the candidate as a regression and a new error, keeping its message", async () => {
    const comparison = await compare(
      [buildItem("run-base", "a", { scores: [pass()] }), buildItem("run-base", "b", { status: "error", error: "old" })],
      [buildItem("run-cand", "a", { status: "error", error: "HTTP 500 from target" }), buildItem("run-cand", "b", { status: "error", error: "old" })],
    );
    expect(comparison.regressions.items[0]).toMatchObject({ item_id: "a", candidate_status: "error", candidate_error: "HTTP 500 from target" });
    expect(comparison.errors).toEqual({ baseline: 1, candidate: 2, new_errors: { count: 1, ids: ["a"] } });
    expect(comparison.fixes.count).toBe(0);
  });

  it("lists items found on one side only and computes metrics over shared items", async () => {
    const comparison = await compare(
      [
        buildItem("run-base", "a", { scores: [pass()], latency_ms: 100 }),
        buildItem("run-base", "gone", { scores: [fail()], latency_ms: 5000 }),
        buildItem("run-base", "m", { scores: [pass()], latency_ms: 100 }),
      ],
      [
        buildItem("run-cand", "a", { scores: [pass()], latency_ms: 120 }),
        buildItem("run-cand", "m", { scores: [pass()], latency_ms: 120 }),
        buildItem("run-cand", "new-1", { scores: [fail()] }),
        buildItem("run-cand", "new-2", { scores: [fail()] }),
      ],
    );
    expect(comparison.items).toEqual({
      shared: 2,
      only_baseline: { count: 1, ids: ["gone"] },
      only_candidate: { count: 2, ids: ["new-1", "new-2"] },
    });
    expect(comparison.pass_rate).toEqual({ baseline: 1, candidate: 1, delta: 0 });
    expect(comparison.latency_ms.p50).toEqual({ baseline: 100, candidate: 120, delta: 20 });
    expect(comparison.shared_summaries.baseline.total).toBe(2);
  });

  it("notes differing dataset versions and says the comparison is over shared ids", async () => {
    const comparison = await compareRuns(
      { run: baselineRun, items: streamOf([buildItem("run-base", "a", { scores: [pass()] })]) },
      { run: { ...candidateRun, dataset_version: "ds-222222222222" }, items: streamOf([buildItem("run-cand", "a", { scores: [pass()] })]) },
    );
    expect(comparison.same_dataset).toBe(false);
    expect(comparison.dataset_note).toContain("ds-111111111111");
    expect(comparison.dataset_note).toContain("ds-222222222222");
    expect(comparison.dataset_note).toContain("1 item ids both runs share");
  });

  it("has no dataset note when the versions are equal", async () => {
    const comparison = await compare([buildItem("run-base", "a", { scores: [pass()] })], [buildItem("run-cand", "a", { scores: [pass()] })]);
    expect(comparison.same_dataset).toBe(true);
    expect(comparison.dataset_note).toBeUndefined();
  });

  it("lists a scorer present on one side only with null on the other", async () => {
    const comparison = await compare(
      [buildItem("run-base", "a", { scores: [pass(), fail("old_scorer")] })],
      [buildItem("run-cand", "a", { scores: [pass(), pass("tool_called")] })],
    );
    expect(comparison.scorers.map((scorer) => scorer.scorer)).toEqual(["equals", "old_scorer", "tool_called"]);
    expect(comparison.scorers[0]).toMatchObject({ mean_delta: 0, pass_rate_delta: 0 });
    expect(comparison.scorers[1]).toMatchObject({ candidate: null, mean_delta: null, pass_rate_delta: null });
    expect(comparison.scorers[2]).toMatchObject({ baseline: null, candidate: { mean: 1, pass_rate: 1 } });
    const fixed = comparison.fixes.items[0];
    expect(fixed?.changed_scorers.map((scorer) => [scorer.scorer, scorer.baseline, scorer.candidate])).toEqual([
      ["old_scorer", { score: 0, passed: false }, null],
      ["tool_called", null, { score: 1, passed: true }],
    ]);
  });

  it("caps the kept flipped items and id lists but keeps exact counts", async () => {
    const ids = Array.from({ length: 30 }, (_, index) => `item-${String(index).padStart(3, "0")}`);
    const comparison = await compare(
      ids.map((id) => buildItem("run-base", id, { scores: [pass()] })),
      [...ids.map((id) => buildItem("run-cand", id, { scores: [fail()] })), buildItem("run-cand", "z1"), buildItem("run-cand", "z2")],
      { maxFlippedItems: 5, maxListedIds: 1 },
    );
    expect(comparison.regressions.count).toBe(30);
    expect(comparison.regressions.items).toHaveLength(5);
    expect(comparison.items.only_candidate).toEqual({ count: 2, ids: ["z1"] });
  });

  it("computes token, cost and mean-score deltas", async () => {
    const comparison = await compare(
      [buildItem("run-base", "a", { scores: [["equals", 0.5, false]], usage: { input_tokens: 10, output_tokens: 5 }, cost: 0.01 })],
      [buildItem("run-cand", "a", { scores: [["equals", 0.75, false]], usage: { input_tokens: 12, output_tokens: 8 }, cost: 0.015 })],
    );
    expect(comparison.tokens.total).toEqual({ baseline: 15, candidate: 20, delta: 5 });
    expect(comparison.cost.delta).toBeCloseTo(0.005);
    expect(comparison.scorers[0]?.mean_delta).toBeCloseTo(0.25);
    expect(comparison.regressions.count + comparison.fixes.count).toBe(0);
  });

  it("refuses an item stream that is not ordered by item_id", async () => {
    await expect(
      compare(
        [buildItem("run-base", "b"), buildItem("run-base", "a")],
        [buildItem("run-cand", "a"), buildItem("run-cand", "b")],
      ),
    ).rejects.toThrow(/baseline run run-base: items must come ordered by item_id.*"a" came after "b"/);
  });

  it("closes both streams when it stops early", async () => {
    let closed = 0;
    async function* tracked(items: RunItem[]) {
      try {
        for (const item of items) yield item;
      } finally {
        closed += 1;
      }
    }
    await expect(
      compareRuns(
        { run: baselineRun, items: tracked([buildItem("run-base", "b"), buildItem("run-base", "a"), buildItem("run-base", "c")]) },
        { run: candidateRun, items: tracked([buildItem("run-cand", "a"), buildItem("run-cand", "b"), buildItem("run-cand", "c")]) },
      ),
    ).rejects.toThrow();
    expect(closed).toBe(2);
  });
});

describe("compareItemIds", () => {
  it("orders by code point like SQLite's BINARY collation, astral characters last", () => {
    const ids = ["b", "a", "\u{1F600}", "\uFF21", "a1", "A"];
    expect([...ids].sort(compareItemIds)).toEqual(["A", "a", "a1", "b", "\uFF21", "\u{1F600}"]);
  });

  it("agrees with the order SQLite returns for ORDER BY item_id", () => {
    const ids = ["b", "a", "\u{1F600}", "\uFF21", "a1", "A", "é", "e\u0301", "Z", "\uE000", "item-10", "item-9"];
    const database = new DatabaseSync(":memory:");
    database.exec("CREATE TABLE items (item_id TEXT PRIMARY KEY)");
    const insert = database.prepare("INSERT INTO items (item_id) VALUES (?)");
    for (const id of ids) insert.run(id);
    const sqliteOrder = database.prepare("SELECT item_id FROM items ORDER BY item_id").all().map((row) => String(row.item_id));
    database.close();
    expect([...ids].sort(compareItemIds)).toEqual(sqliteOrder);
  });
});
