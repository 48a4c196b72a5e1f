import { describe, expect, it } from "vitest";
import { RunSummarySchema } from "../../src/core/model/run.js";
import type { RunItem } from "../../src/core/model/run-item.js";
import { decideRepeats } from "../../src/core/repeats/decide-repeats.js";
import { summarizeRun } from "../../src/core/summarize-run.js";
import { buildItem } from "./build-run-items.js";
import { attempt, ITEM, RUN, threeOfFive } from "./repeats/attempts.js";

function inDocument(item: RunItem, doc: string): RunItem {
  return { ...item, metadata: { doc } };
}

describe("summarizeRun: intervals, standard errors and repeats", () => {
  it("gives the 95 % Wilson interval of the pass rate and each scorer's standard error", async () => {
    const summary = await summarizeRun([
      buildItem(RUN, "a", { scores: [["equals", 1, true]] }),
      buildItem(RUN, "b", { scores: [["equals", 1, true]] }),
      buildItem(RUN, "c", { scores: [["equals", 0, false]] }),
      buildItem(RUN, "d", { scores: [["equals", 1, true]] }),
    ]);
    // Wilson, 3 of 4, z = 1.95996: centre (0.75 + z²/8) / (1 + z²/4) = 0.62753, half-width 0.32689.
    expect(summary.pass_rate_ci95![0]).toBeCloseTo(0.300642, 5);
    expect(summary.pass_rate_ci95![1]).toBeCloseTo(0.954413, 5);
    // Scores 1, 1, 0, 1: sample variance 0.75 / 3 = 0.25, se = √(0.25 / 4) = 0.25.
    expect(summary.scorers[0]!.se).toBe(0.25);
    expect(RunSummarySchema.parse(summary)).toEqual(summary);
  });

  it("widens both when items of one cluster agree (clustered over the experiment's cluster)", async () => {
    const items = [
      inDocument(buildItem(RUN, "a", { scores: [["equals", 1, true]] }), "doc-1"),
      inDocument(buildItem(RUN, "b", { scores: [["equals", 1, true]] }), "doc-1"),
      inDocument(buildItem(RUN, "c", { scores: [["equals", 0, false]] }), "doc-2"),
      inDocument(buildItem(RUN, "d", { scores: [["equals", 0, false]] }), "doc-2"),
    ];
    const plain = await summarizeRun(items);
    // Unclustered: variance 1 / 3, se = √(1/12) = 0.288675; Wilson 2 of 4: [0.150039, 0.849961].
    expect(plain.scorers[0]!.se).toBeCloseTo(0.288675, 6);
    expect(plain.pass_rate_ci95![0]).toBeCloseTo(0.150039, 5);

    const clustered = await summarizeRun(items, { cluster: "metadata.doc" });
    // Two clusters with sums 2 and 0 around n_g·x̄ = 1: se = √(2/1 · (1² + 1²)) / 4 = 0.5.
    expect(clustered.scorers[0]!.se).toBe(0.5);
    // Design effect 0.5² / (0.25 / 3) = 3, so Wilson on n = 4/3: [0.069204, 0.930796].
    expect(clustered.pass_rate_ci95![0]).toBeCloseTo(0.069204, 5);
    expect(clustered.pass_rate_ci95![1]).toBeCloseTo(0.930796, 5);
    expect(clustered.pass_rate).toBe(plain.pass_rate);
  });

  it("counts flaky items and takes latency and retries per attempt when items repeat", async () => {
    const flaky = decideRepeats(RUN, ITEM, threeOfFive(), { rule: "majority", repeat: 5 });
    const steady = decideRepeats(RUN, { ...ITEM, id: "item-2" }, [0, 1, 2, 3, 4].map((r) => attempt(r, { passed: true, latency_ms: 200 })), { rule: "majority", repeat: 5 });
    const errored = decideRepeats(
      RUN,
      { ...ITEM, id: "item-3" },
      [attempt(0, { passed: false, latency_ms: 300 }), attempt(1, { error: "timeout" }), attempt(2, { passed: true, latency_ms: 300 }), attempt(3, { latency_ms: 300 }), attempt(4, { latency_ms: 300 })],
      { rule: "majority", repeat: 5 },
    );
    const summary = await summarizeRun([flaky, steady, errored]);
    expect(summary).toMatchObject({ total: 3, passed: 2, failed: 0, errored: 1 });
    // item-1 passed 3 of 5; item-3 errored once and also both passed and failed.
    expect(summary.flaky).toBe(2);
    // 14 answered calls: 100..104, five of 200, four of 300 (the timeout is left out).
    expect(summary.latency_ms.mean).toBeCloseTo((510 + 1000 + 1200) / 14, 10);
    expect(summary.latency_ms.p50).toBe(200);
    // Each errored call made 4 (1 + 3 retries).
    expect(summary.retries).toBe(3);
    // Scores: item-1 0.6, item-2 1, item-3 (4 scored attempts, 3 passed) 0.75.
    expect(summary.scorers[0]).toMatchObject({ scorer: "equals", count: 3, passed: 3 });
    expect(summary.scorers[0]!.mean).toBeCloseTo((0.6 + 1 + 0.75) / 3, 12);
    expect(RunSummarySchema.parse(summary)).toEqual(summary);
  });

  it("leaves flaky out when no item repeats", async () => {
    const summary = await summarizeRun([buildItem(RUN, "a", { scores: [["equals", 1, true]] })]);
    expect(summary.flaky).toBeUndefined();
  });

  it("gives the same summary whatever order the items arrive in", async () => {
    const items = Array.from({ length: 200 }, (_, index) =>
      inDocument(buildItem(RUN, `i${index}`, { scores: [["similar", (index * 37 % 101) / 101, index % 3 !== 0]] }), `doc-${index % 7}`),
    );
    const forward = await summarizeRun(items, { cluster: "metadata.doc" });
    const backward = await summarizeRun([...items].reverse(), { cluster: "metadata.doc" });
    expect({ ...backward, scorers: backward.scorers.map((s) => ({ ...s, mean: 0 })) }).toEqual({
      ...forward,
      scorers: forward.scorers.map((s) => ({ ...s, mean: 0 })),
    });
  });
});
