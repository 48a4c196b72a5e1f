import { describe, expect, it } from "vitest";
import { renderRunSummary } from "../../../src/core/report/render-run-summary.js";
import { GateConfigSchema } from "../../../src/core/config/schema.js";
import { decideVerdict } from "../../../src/core/gate.js";
import type { Run } from "../../../src/core/model/run.js";
import { summarizeRun } from "../../../src/core/summarize-run.js";
import { buildRun } from "../build-run-items.js";
import { buildSample, widestLine } from "./sample-runs.js";

describe("renderRunSummary", () => {
  it("shows what ran, the counts, the scorer table, costs and the verdict within 80 columns", async () => {
    const { candidateRun, verdict } = await buildSample();
    const text = renderRunSummary({ ...candidateRun, target: `http://127.0.0.1:8080/${"x".repeat(200)}` }, verdict);
    expect(widestLine(text)).toBeLessThanOrEqual(80);
    expect(text).toContain("run         run-20261126-090000-1b2c (failed)");
    expect(text).toContain("label       pr-42");
    expect(text).toContain("dataset     evals/support.jsonl @ ds-222222222222");
    expect(text).toContain("4 items: 2 passed, 1 failed, 1 errored");
    // 2 of 4: Wilson [0.1500, 0.8500]; equals scores 0, 1, 1: se 1/3, 1.96·se = 0.65.
    expect(text).toContain("pass rate 50.0% (±35.0)");
    expect(text).toMatch(/^equals +0\.67±0\.65 +66\.7% +3 +0$/m);
    expect(text).toMatch(/^tone +1\.00±0\.00 +100\.0% +3 +0$/m);
    expect(text).toContain("latency     p50 120 ms");
    expect(text).toContain("retries     0");
    expect(text).toContain("Verdict: FAIL\n  - pass rate 50.0% is below the threshold 90.0%");
  });

  it("shows the flaky items of a run that repeats items, and no zeros for tokens and cost nobody reported", async () => {
    const { candidateRun, verdict } = await buildSample();
    const text = renderRunSummary({ ...candidateRun, repeat: 5, summary: { ...candidateRun.summary!, flaky: 2 } }, verdict);
    expect(text).toContain("pass rate 50.0% (±35.0)\nflaky       2 items whose repeats both passed and failed\n");
    expect(text).toContain("tokens      not reported by the target");
    expect(text).toContain("cost        not reported by the target");
    expect(text).not.toContain("0.0000");
  });

  it("shows a run stored before intervals without ±", async () => {
    const { candidateRun, verdict } = await buildSample();
    const { pass_rate_ci95: _ci, ...summary } = candidateRun.summary!;
    const scorers = summary.scorers.map(({ se: _se, ...scorer }) => scorer);
    const text = renderRunSummary({ ...candidateRun, summary: { ...summary, scorers } }, verdict);
    expect(text).toMatch(/^pass rate 50\.0%$/m);
    expect(text).toMatch(/^equals +0\.67 +66\.7% +3 +0$/m);
  });

  it("shows cached input tokens beside the input they are part of", async () => {
    const { candidateRun, verdict } = await buildSample();
    const summary = { ...candidateRun.summary!, tokens: { input: 5010, output: 20, total: 5030, cached_input: 5000 } };
    const text = renderRunSummary({ ...candidateRun, summary }, verdict);
    expect(text).toContain("tokens      5,010 in (5,000 cached) · 20 out · 5,030 total");
  });

  it("shows a run that never ended as interrupted, with its stored count and the command that continues it", () => {
    const run = buildRun({ status: "running", ended_at: undefined, item_count: 10 });
    const verdict = judgeIncomplete(run);
    const text = renderRunSummary(run, verdict);
    expect(text).toContain(`run         ${run.id} (interrupted)`);
    expect(text).toContain("stored      0 of 10 items");
    expect(text).toContain(`continue    evalgate run ${run.experiment} --resume ${run.id}`);
    expect(text).toContain("No items stored yet.");
    expect(text).toContain("Verdict: FAIL\n  - the run did not finish: it stopped after 0 of 10 items");
  });

  it("shows no pass rate for a run that stored nothing, even with a summary of its zero items", async () => {
    const run = buildRun({ status: "running", ended_at: undefined, item_count: 2 });
    const empty = { ...(await summarizeRun([])) };
    const text = renderRunSummary({ ...run, summary: empty }, judgeIncomplete({ ...run, summary: empty }));
    expect(text).toContain("No items stored yet.");
    expect(text).not.toContain("pass rate");
    expect(text).toContain("  - no items were evaluated");
  });

  it("shows a run whose process is alive as running, with its owner and how to stop it", () => {
    const run = buildRun({ status: "running", ended_at: undefined, item_count: 10 });
    const text = renderRunSummary(run, judgeIncomplete(run), { liveOwner: { host: "build-7", pid: 4242, heartbeatAgeMs: 2_300 } });
    expect(text).toContain(`run         ${run.id} (running)\nowner       pid 4242 on build-7, heartbeat 2 s ago`);
    expect(text).toContain(`stop        evalgate runs cancel ${run.id}`);
    expect(text).not.toContain("--resume");
  });
});

function judgeIncomplete(run: Run) {
  const summary = { total: 0, passed: 0, failed: 0, errored: 0, pass_rate: 0, scorers: [],
    latency_ms: { p50: 0, p95: 0, mean: 0 }, tokens: { input: 0, output: 0, total: 0 }, cost: 0, retries: 0 };
  return decideVerdict({ gate: GateConfigSchema.parse({}), maxErrorRate: 0.2, status: run.status, itemCount: run.item_count, summary });
}
