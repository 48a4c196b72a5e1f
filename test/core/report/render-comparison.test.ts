import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/core/compare-runs.js";
import { renderComparison } from "../../../src/core/report/render-comparison.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";
import { buildComparison, scorerOf, statisticOf } from "./comparison-fixture.js";
import { buildSample, widestLine } from "./sample-runs.js";

describe("renderComparison", () => {
  it("stays within 80 columns even with long hostile output", async () => {
    const { comparison, verdict } = await buildSample();
    const text = renderComparison(comparison, verdict);
    expect(widestLine(text)).toBeLessThanOrEqual(80);
    expect(text).not.toContain("\u001b");
  });

  it("opens with the pass-rate headline and the flip counts", async () => {
    const { comparison } = await buildSample();
    const lines = renderComparison(comparison).split("\n");
    const headline = lines.findIndex((line) => line.startsWith("pass rate"));
    // 1 of 3 vs 2 of 3: Wilson 95 % intervals [0.0615, 0.7923] and [0.2077, 0.9385], half-width
    // 36.54 pp each; 2 pairs worse and 1 better: McNemar's exact p = 2·(1 + 3)/8 = 1; three pairs
    // detect nothing (the MDE is capped at 1).
    expect(lines.slice(headline, headline + 3)).toEqual([
      "pass rate 33.3% (±36.5) vs baseline 66.7% (±36.5): no significant change (p = 1,",
      "  3 items; too few items to detect any change)",
      "2 regressions · 1 fix · 1 new error",
    ]);
  });

  it("shows each regression and fix with its changed scorers and reasons", async () => {
    const text = renderComparison((await buildSample()).comparison);
    expect(text).toContain("Regressions (2)");
    expect(text).toMatch(/item-a {2}passed → failed/);
    expect(text).toContain('equals 1.00 → 0.00: expected "refund issued" but the answer');
    expect(text).toMatch(/item-c {2}passed → error/);
    expect(text).toContain("error: HTTP 502 from target after 3 attempts");
    expect(text).toContain("Fixes (1)");
    expect(text).toMatch(/item-b {2}failed → passed/);
  });

  it("cuts each output excerpt to one line", async () => {
    const text = renderComparison((await buildSample()).comparison);
    const candidateLine = text.split("\n").find((line) => line.includes("</details>"));
    expect(candidateLine).toMatch(/^ {4}candidate {2}<\/details><script>.*…$/);
  });

  it("notes the differing dataset versions and the items on one side only", async () => {
    const text = renderComparison((await buildSample()).comparison);
    expect(text).toContain("ds-111111111111 → ds-222222222222 (changed)");
    expect(text).toContain("Note: the dataset versions differ");
    expect(text).toContain("1 item only in the baseline: item-gone");
    expect(text).toContain("1 item only in the candidate: item-new");
  });

  it("says why a scorer found only in the candidate has no test", async () => {
    const text = renderComparison((await buildSample()).comparison);
    expect(text).toMatch(/^tone +— → 1\.00 +— +— +only in candidate +— → 100\.0%$/m);
  });

  it("ends with the verdict and its reasons", async () => {
    const { comparison, verdict } = await buildSample();
    const text = renderComparison(comparison, verdict);
    expect(text.trimEnd().split("\n").slice(-3)).toEqual([
      "Verdict: FAIL",
      "  - pass rate 50.0% is below the threshold 90.0%",
      "  - 2 regressions exceed the maximum 0",
    ]);
  });

  it("counts the flipped items it does not show", async () => {
    const text = renderComparison((await buildSample()).comparison, undefined, { maxFlippedShown: 1 });
    expect(text).toContain("  … and 1 more");
    expect(text).not.toMatch(/item-c {2}passed → error/);
  });

  it("renders runs that share no items without a scorer table", async () => {
    const comparison = await compareRuns(
      { run: buildRun({ id: "run-b" }), items: streamOf([buildItem("run-b", "a", { scores: [["equals", 1, true]] })]) },
      { run: buildRun({ id: "run-c" }), items: streamOf([buildItem("run-c", "b", { scores: [["equals", 1, true]] })]) },
    );
    const text = renderComparison(comparison);
    expect(text).toContain("pass rate: no shared items to compare");
    expect(text).toContain("0 regressions · 0 fixes · 0 new errors");
    expect(text).not.toContain("scorer ");
  });

  it("gives each scorer its verdict, the change with its interval and p, critical scorers marked", () => {
    const side = (mean: number) => ({ count: 41, mean, pass_rate: mean, errors: 0 });
    const comparison = buildComparison({
      scorers: [
        scorerOf("equals", {
          severity: "critical",
          baseline: side(0.95),
          candidate: side(0.76),
          mean_delta: -0.19,
          statistic: statisticOf({ delta: -0.195, ci95: [-0.32, -0.05], p_value: 0.0386, verdict: "regression" }),
        }),
        scorerOf("similar", {
          statistic: statisticOf({ delta: 0.08, ci95: [0.02, 0.14], p_value: 0.012, verdict: "improvement", test: "paired_t" }),
        }),
        scorerOf("tone"),
        scorerOf("json_valid", { candidate: null, mean_delta: null, pass_rate_delta: null, statistic: null }),
      ],
    });
    const text = renderComparison(comparison);
    // The pass-rate column would make the table 92 columns wide: it is the one left out.
    expect(text).toMatch(/^scorer +mean +Δ mean \[95% CI\] +p +verdict$/m);
    expect(text).toMatch(/^equals +0\.95 → 0\.76 +−0\.20 \[−0\.32, −0\.05\] +0\.039 +regression \(critical\)$/m);
    expect(text).toMatch(/^similar +0\.90 → 0\.90 +\+0\.08 \[\+0\.02, \+0\.14\] +0\.012 +improvement$/m);
    expect(text).toMatch(/^tone +0\.90 → 0\.90 +±0\.00 \[−0\.10, \+0\.10\] +1 +unchanged$/m);
    expect(text).toMatch(/^json_valid +0\.90 → — +— +— +only in baseline$/m);
    expect(widestLine(text)).toBeLessThanOrEqual(80);
  });

  it("cuts a long scorer name before any number when the scorer table would not fit", () => {
    const comparison = buildComparison({
      scorers: [
        scorerOf("a_scorer_with_a_rather_long_label_indeed", {
          severity: "critical",
          baseline: { count: 41, mean: 0.9995, pass_rate: 1, errors: 0 },
          statistic: statisticOf({ delta: -0.195, ci95: [-0.32, -0.05], p_value: 0.00001, verdict: "regression" }),
        }),
      ],
    });
    const text = renderComparison(comparison);
    expect(text).toMatch(/^a_scorer_\S*… +0\.9995 → 0\.90 +−0\.20 \[−0\.32, −0\.05\] +< 0\.0001 +regression \(critical\)$/m);
    expect(widestLine(text)).toBeLessThanOrEqual(80);
  });
});
