import { describe, expect, it } from "vitest";
import { renderRunSummary } from "../../src/core/report/render-run-summary.js";
import { buildRun } from "../core/build-run-items.js";
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
    expect(text).toContain("pass rate 50.0%");
    expect(text).toMatch(/^equals +0\.67 +66\.7% +3 +0$/m);
    expect(text).toMatch(/^tone +1\.00 +100\.0% +3 +0$/m);
    expect(text).toContain("latency     p50 120 ms");
    expect(text).toContain("retries     0");
    expect(text).toContain("Verdict: FAIL\n  - pass rate 50.0% is below the threshold 90.0%");
  });

  it("falls back to the verdict stored with the run", () => {
    const text = renderRunSummary(buildRun({ verdict: "pass", verdict_reasons: [] }));
    expect(text).toContain("Verdict: PASS");
  });

  it("says so when the run has no summary yet", () => {
    const text = renderRunSummary(buildRun({ status: "running", ended_at: undefined }));
    expect(text).toContain("No summary yet: the run has not ended.");
    expect(text).toContain("Verdict: none");
  });
});
