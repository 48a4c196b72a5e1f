import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/core/compare-runs.js";
import { renderComparison } from "../../../src/core/report/render-comparison.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";
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
    expect(lines[headline]).toBe("pass rate 66.7% → 33.3% (\u221233.3 pp) over 3 shared items");
    expect(lines[headline + 1]).toBe("2 regressions · 1 fix · 1 new error");
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

  it("marks a scorer found only in the candidate as new", async () => {
    const text = renderComparison((await buildSample()).comparison);
    expect(text).toMatch(/^tone +— → 1\.00 +new +— → 100\.0%/m);
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
    expect(text).toContain("pass rate 0.0% → 0.0% (±0.0 pp) over 0 shared items");
    expect(text).toContain("0 regressions · 0 fixes · 0 new errors");
    expect(text).not.toContain("scorer ");
  });
});
