import { describe, expect, it } from "vitest";
import { RunSummarySchema } from "../../src/core/model/run.js";
import { summarizeRun } from "../../src/core/summarize-run.js";
import { buildItem, streamOf } from "./build-run-items.js";

const RUN = "run-a";

describe("summarizeRun", () => {
  it("counts statuses and computes the pass rate with errors counting against it", async () => {
    const summary = await summarizeRun([
      buildItem(RUN, "a", { scores: [["equals", 1, true]] }),
      buildItem(RUN, "b", { scores: [["equals", 0, false]] }),
      buildItem(RUN, "c", { status: "error", error: "timeout" }),
      buildItem(RUN, "d", { scores: [["equals", 1, true]] }),
    ]);
    expect(summary).toMatchObject({ total: 4, passed: 2, failed: 1, errored: 1, pass_rate: 0.5 });
    expect(RunSummarySchema.parse(summary)).toEqual(summary);
  });

  it("gives zeros, not NaN, for a run without items", async () => {
    const summary = await summarizeRun(streamOf([]));
    expect(summary).toEqual({
      total: 0,
      passed: 0,
      failed: 0,
      errored: 0,
      pass_rate: 0,
      // Nothing observed: the interval spans every rate.
      pass_rate_ci95: [0, 1],
      scorers: [],
      latency_ms: { p50: 0, p95: 0, mean: 0 },
      tokens: { input: 0, output: 0, total: 0 },
      cost: 0,
      retries: 0,
    });
  });

  it("summarizes each scorer in order of first appearance, counting scorer errors", async () => {
    const summary = await summarizeRun(
      streamOf([
        buildItem(RUN, "a", { scores: [["json_valid", 1, true], ["equals", 0.5, false]] }),
        buildItem(RUN, "b", { scores: [["equals", 1, true], ["tool_called", 0, false, "threw", "boom"]] }),
        buildItem(RUN, "c", { scores: [["json_valid", 0, false]] }),
      ]),
    );
    // se = sample SD / √n: json_valid 1, 0 → SD √0.5, se 0.5; equals 0.5, 1 → SD √0.125, se 0.25;
    // one item says nothing of the spread: 0.
    expect(summary.scorers).toEqual([
      { scorer: "json_valid", count: 2, mean: 0.5, passed: 1, pass_rate: 0.5, errors: 0, se: 0.5 },
      { scorer: "equals", count: 2, mean: 0.75, passed: 1, pass_rate: 0.5, errors: 0, se: 0.25 },
      { scorer: "tool_called", count: 1, mean: 0, passed: 0, pass_rate: 0, errors: 1, se: 0 },
    ]);
  });

  it("takes latency percentiles over non-error items only", async () => {
    const items = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((latency, index) =>
      buildItem(RUN, `i${index}`, { latency_ms: latency, scores: [["equals", 1, true]] }),
    );
    items.push(buildItem(RUN, "slow-error", { status: "error", latency_ms: 30_000, error: "timeout" }));
    const summary = await summarizeRun(items);
    expect(summary.latency_ms.p50).toBe(55);
    expect(summary.latency_ms.p95).toBeCloseTo(95.5);
    expect(summary.latency_ms.mean).toBe(55);
  });

  it("sums tokens, falling back to input + output when total is absent, and cost and retries", async () => {
    const summary = await summarizeRun([
      buildItem(RUN, "a", { usage: { input_tokens: 100, output_tokens: 20, total_tokens: 130 }, cost: 0.01, attempts: 1 }),
      buildItem(RUN, "b", { usage: { input_tokens: 50, output_tokens: 5 }, cost: 0.002, attempts: 3 }),
      buildItem(RUN, "c", { usage: { output_tokens: 7 }, attempts: 2 }),
      buildItem(RUN, "d", { status: "error", error: "x", attempts: 4 }),
    ]);
    expect(summary.tokens).toEqual({ input: 150, output: 32, total: 192 });
    expect(summary.cost).toBeCloseTo(0.012);
    expect(summary.retries).toBe(2 + 1 + 3);
  });

  it("sums cached input tokens apart when items report them, and leaves them out when none does", async () => {
    const summary = await summarizeRun([
      buildItem(RUN, "a", { usage: { input_tokens: 5010, output_tokens: 20, total_tokens: 5030, cached_input_tokens: 5000 } }),
      buildItem(RUN, "b", { usage: { input_tokens: 300, output_tokens: 10, total_tokens: 310 } }),
      buildItem(RUN, "c", { usage: { input_tokens: 2006, output_tokens: 300, total_tokens: 2306, cached_input_tokens: 1920 } }),
    ]);
    expect(summary.tokens).toEqual({ input: 7316, output: 330, total: 7646, cached_input: 6920 });
    expect(RunSummarySchema.parse(summary)).toEqual(summary);
    const uncached = await summarizeRun([buildItem(RUN, "a", { usage: { input_tokens: 10, output_tokens: 5 } })]);
    expect(uncached.tokens).toEqual({ input: 10, output: 5, total: 15 });
  });

  it("summarizes 100,000 streamed items", async () => {
    async function* many() {
      for (let index = 0; index < 100_000; index += 1) {
        yield buildItem(RUN, `item-${index}`, { latency_ms: index % 1000, scores: [["equals", index % 4 === 0 ? 0 : 1, index % 4 !== 0]] });
      }
    }
    const summary = await summarizeRun(many());
    expect(summary.total).toBe(100_000);
    expect(summary.pass_rate).toBe(0.75);
    expect(summary.latency_ms.p50).toBeCloseTo(499.5);
  });
});
