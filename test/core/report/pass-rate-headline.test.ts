import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/core/compare-runs.js";
import type { RunItem } from "../../../src/core/model/run-item.js";
import { passRateHeadline } from "../../../src/core/report/pass-rate-headline.js";
import { renderCheckOutput } from "../../../src/core/report/render-check-output.js";
import { renderComparison } from "../../../src/core/report/render-comparison.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";
import { buildComparison, statisticOf, summaryOf } from "./comparison-fixture.js";
import { sampleInput } from "./pr-comment-inputs.js";

/** The issue's example: 37 of 41 vs 38 of 41, intervals of 17.8 and 15.8 pp, p 0.62, MDE 14 pp. */
function issueExample() {
  return buildComparison({
    shared_summaries: {
      // Half-widths by hand: (0.991 − 0.813) / 2 = 0.089, (0.985 − 0.827) / 2 = 0.079.
      candidate: summaryOf(37, 41, { pass_rate_ci95: [0.813, 0.991] }),
      baseline: summaryOf(38, 41, { pass_rate_ci95: [0.827, 0.985] }),
    },
    statistics: { alpha: 0.05, overall: statisticOf({ n: 41, delta: -1 / 41, p_value: 0.62, mde: 0.14, verdict: "noise" }) },
  });
}

const ISSUE_HEADLINE =
  "pass rate 90.2% (±8.9) vs baseline 92.7% (±7.9): no significant change (p = 0.62, 41 items; this dataset detects changes ≥ 14 pp)";

/** 41 items; the baseline fails `baselineWrong` of them, the candidate `candidateWrong`. */
async function compareArithmetic(baselineWrong: number[], candidateWrong: number[]) {
  const items = (runId: string, wrong: number[]): RunItem[] =>
    Array.from({ length: 41 }, (_, index) => `item-${String(index).padStart(2, "0")}`).map((id, index) =>
      buildItem(runId, id, { scores: [["equals", wrong.includes(index) ? 0 : 1, !wrong.includes(index)]] }),
    );
  return compareRuns(
    { run: buildRun({ id: "run-base" }), items: streamOf(items("run-base", baselineWrong)) },
    { run: buildRun({ id: "run-cand" }), items: streamOf(items("run-cand", candidateWrong)) },
  );
}

describe("the pass-rate headline", () => {
  it("reads candidate vs baseline with intervals, the test's words, p, n and the MDE (the issue's example)", () => {
    expect(passRateHeadline(issueExample(), [])).toBe(ISSUE_HEADLINE);
  });

  it("says 'significantly lower' for a significant drop, with numbers computed from the items", async () => {
    // Baseline wrong on 2 items, candidate on 10 others: 31/41 vs 39/41, b = 10, c = 2.
    // Wilson 95 %: 31/41 → [0.6066, 0.8617] (±12.76 pp), 39/41 → [0.8386, 0.9865] (±7.40 pp).
    // McNemar exact: 2·(1 + 12 + 66)/4096 = 79/2048 = 0.0386. MDE: (1.960 + 0.842)·√(12/41)/√41 = 0.237.
    const comparison = await compareArithmetic([10, 11], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(passRateHeadline(comparison, [])).toBe(
      "pass rate 75.6% (±12.8) vs baseline 95.1% (±7.4): significantly lower (p = 0.039, 41 items; this dataset detects changes ≥ 24 pp)",
    );
  });

  it("says 'significantly higher' and 'no change' in the other cases", () => {
    const higher = buildComparison({ statistics: { alpha: 0.05, overall: statisticOf({ p_value: 0.001, mde: 0.2, verdict: "improvement" }) } });
    expect(passRateHeadline(higher, [])).toContain(": significantly higher (p = 0.001, 41 items;");
    const same = buildComparison({ statistics: { alpha: 0.05, overall: statisticOf({ verdict: "unchanged", mde: 0.146 }) } });
    expect(passRateHeadline(same, [])).toMatch(/: no change \(41 items; this dataset detects changes ≥ 15 pp\)$/);
  });

  it("never rounds a p-value onto the significance level, and shows a tiny one as a bound", () => {
    const near = buildComparison({ statistics: { alpha: 0.05, overall: statisticOf({ p_value: 0.0499, verdict: "regression" }) } });
    expect(passRateHeadline(near, [])).toContain("(p = 0.0499, 41 items;");
    const tiny = buildComparison({ statistics: { alpha: 0.05, overall: statisticOf({ p_value: 1e-7, verdict: "regression" }) } });
    expect(passRateHeadline(tiny, [])).toContain("(p < 0.0001, 41 items;");
  });

  it("shows a rate against the gate's threshold so it never rounds onto one it failed", () => {
    const comparison = buildComparison({
      pass_rate: { baseline: 1, candidate: 1799 / 2000, delta: 1799 / 2000 - 1 },
      shared_summaries: { candidate: summaryOf(1799, 2000), baseline: summaryOf(2000, 2000) },
    });
    expect(passRateHeadline(comparison, [0.9])).toMatch(/^pass rate 89\.95% vs baseline 100\.0%:/);
  });

  it("leaves out ± for summaries stored before intervals were", () => {
    expect(passRateHeadline(buildComparison(), [])).toMatch(/^pass rate 90\.2% vs baseline 92\.7%: no significant change/);
  });

  it("opens the PR comment, the check summary and the terminal comparison", async () => {
    const comparison = issueExample();
    const input = { ...(await sampleInput()), comparison };
    const comment = renderPrComment(input).split("\n");
    expect(comment.slice(3, 6)).toEqual(["### ❌ evalgate · support-agent-quality: **FAIL**", "", ISSUE_HEADLINE]);
    expect(renderCheckOutput(input).summary.split("\n")[2]).toBe(ISSUE_HEADLINE);
    const terminal = renderComparison(comparison).split("\n");
    const first = terminal.findIndex((line) => line.startsWith("pass rate"));
    expect(`${terminal[first]} ${terminal[first + 1]?.trim()}`).toBe(ISSUE_HEADLINE);
  });
});
