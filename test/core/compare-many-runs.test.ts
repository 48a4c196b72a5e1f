import { describe, expect, it } from "vitest";
import { compareManyRuns, ManyRunsComparisonSchema } from "../../src/core/compare-many-runs.js";
import { UserError } from "../../src/core/errors.js";
import { buildItem, buildRun, streamOf } from "./build-run-items.js";
import { threeRuns } from "./many-runs-fixture.js";

describe("compareManyRuns", () => {
  it("lists the items whose status differs in any run, absent items included, in item order", async () => {
    const comparison = await compareManyRuns(threeRuns());
    expect(comparison.differing_items).toEqual({
      count: 4,
      items: [
        { item_id: "b", statuses: ["passed", "failed", "passed"] },
        { item_id: "c", statuses: ["failed", "failed", "error"] },
        { item_id: "d", statuses: ["passed", null, "passed"] },
        { item_id: "e", statuses: [null, "passed", "passed"] },
      ],
    });
    expect(ManyRunsComparisonSchema.parse(comparison)).toEqual(comparison);
  });

  it("summarizes each run over all its items, not only the shared ones", async () => {
    const [a, b, c] = (await compareManyRuns(threeRuns())).runs;
    expect(a).toMatchObject({ run_id: "run-a", label: "main", dataset_version: "ds-111111111111" });
    expect(b).toMatchObject({ run_id: "run-b", variant: "cooler" });
    expect(b).not.toHaveProperty("label");
    // 3 of 4, 2 of 4, 4 of 5; Wilson 95 % intervals computed apart (Python, z = 1.959964).
    expect(a!.summary).toMatchObject({ total: 4, passed: 3, errors: 0, pass_rate: 0.75 });
    expect(a!.summary.pass_rate_ci95[0]).toBeCloseTo(0.300642, 6);
    expect(a!.summary.pass_rate_ci95[1]).toBeCloseTo(0.954413, 6);
    expect(b!.summary.pass_rate_ci95[0]).toBeCloseTo(0.150039, 6);
    expect(c!.summary).toMatchObject({ total: 5, passed: 4, errors: 1, pass_rate: 0.8 });
    expect(c!.summary.pass_rate_ci95[1]).toBeCloseTo(0.963776, 6);
    // equals over 1, 1, 0, 1: mean 0.75, sample sd 0.5, se 0.25.
    expect(a!.summary.scorers).toEqual([{ scorer: "equals", mean: 0.75, se: 0.25, pass_rate: 0.75 }]);
    // Latencies 100, 100, 200, 300, interpolated at (n − 1)·p (numpy's default): p50 at 1.5 → 150,
    // p95 at 2.85 → 200 + 0.85·100 = 285. C's error is not a latency.
    expect(a!.summary.latency_ms).toEqual({ p50: 150, p95: 285 });
    expect(c!.summary.latency_ms).toEqual({ p50: 120, p95: 120 });
    expect(c!.summary).toMatchObject({ tokens: { input: 0, output: 0, total: 0 }, cost: 0 });
  });

  it("caps the list of differing items and keeps the count exact", async () => {
    const comparison = await compareManyRuns(threeRuns(), { maxListedItems: 2 });
    expect(comparison.differing_items.count).toBe(4);
    expect(comparison.differing_items.items.map((item) => item.item_id)).toEqual(["b", "c"]);
  });

  it("finds nothing differing between runs whose items all agree", async () => {
    const runOf = (id: string) => ({ run: buildRun({ id }), items: ["x", "y"].map((item) => buildItem(id, item, { scores: [["equals", 1, true]] })) });
    const comparison = await compareManyRuns([runOf("run-1"), runOf("run-2")]);
    expect(comparison.differing_items).toEqual({ count: 0, items: [] });
  });

  it("refuses fewer than 2 or more than 4 runs, saying what to pass", async () => {
    const runs = threeRuns();
    await expect(compareManyRuns(runs.slice(0, 1))).rejects.toThrow(UserError);
    await expect(compareManyRuns([...runs, ...runs])).rejects.toThrow("runs compare takes 2 to 4 runs, got 6");
  });

  it("refuses a stream not ordered by item_id instead of reporting shared items as differing", async () => {
    const [first, second] = threeRuns();
    const unordered = { run: buildRun({ id: "run-x" }), items: streamOf(["b", "a"].map((id) => buildItem("run-x", id))) };
    await expect(compareManyRuns([first!, second!, unordered])).rejects.toThrow(
      'run run-x (#3): items must come ordered by item_id without repeats, but "a" came after "b"',
    );
  });
});
