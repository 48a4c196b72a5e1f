import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/core/compare-runs.js";
import type { RepeatAttempt, RunItem } from "../../../src/core/model/run-item.js";
import type { PrCommentInput } from "../../../src/core/report/pr-report-input.js";
import { renderCiReport } from "../../../src/core/report/render-ci-report.js";
import { renderComparison } from "../../../src/core/report/render-comparison.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { summarizeRun } from "../../../src/core/summarize-run.js";
import { buildItem, buildRun, judge, streamOf } from "../build-run-items.js";

/** An item repeated 5 times, the first `passed` attempts passing; its status by majority. */
function repeated(runId: string, itemId: string, passed: number): RunItem {
  const repeats: RepeatAttempt[] = Array.from({ length: 5 }, (_, repeat) => ({
    repeat,
    status: repeat < passed ? "passed" : "failed",
    output: `answer ${repeat}`,
    latency_ms: 100,
    attempts: 1,
    scores: [],
    finished_at: "2026-11-25T12:03:02.000Z",
  }));
  const status = passed >= 3 ? "passed" : "failed";
  return { ...buildItem(runId, itemId, { scores: [["equals", passed / 5, status === "passed"]] }), status, repeats };
}

/**
 * flaky-1 passed 2 of 5 in the baseline and 4 of 5 in the candidate (a flip, but chance);
 * flaky-2 passed 3 of 5 in both; steady passed 5 of 5, then 0 of 5: a real regression.
 */
async function flakyComparison() {
  const baseline = [repeated("run-base", "flaky-1", 2), repeated("run-base", "flaky-2", 3), repeated("run-base", "steady", 5)];
  const candidate = [repeated("run-cand", "flaky-1", 4), repeated("run-cand", "flaky-2", 3), repeated("run-cand", "steady", 0)];
  const summary = await summarizeRun(candidate);
  const candidateRun = buildRun({ id: "run-cand", item_count: 3, repeat: 5, summary });
  const comparison = await compareRuns(
    { run: buildRun({ id: "run-base", repeat: 5 }), items: streamOf(baseline) },
    { run: candidateRun, items: streamOf(candidate) },
  );
  const verdict = judge({ passed_threshold: 0, max_regressions: 0 }, { summary, comparison });
  const input: PrCommentInput = {
    experiment: "support-agent-quality",
    verdict,
    verdictLabel: verdict.verdict,
    candidate: candidateRun,
    comparison,
    headSha: "0123456789abcdef0123456789abcdef01234567",
  };
  return input;
}

describe("flaky items", () => {
  it("are a block of their own in the terminal, never among regressions or fixes", async () => {
    const { comparison, verdict } = await flakyComparison();
    const text = renderComparison(comparison!, verdict);
    expect(text).toContain("1 regression · 0 fixes · 0 new errors · 2 flaky items");
    const [, regressions = "", flaky = ""] = text.split(/^Regressions|^Flaky items/m);
    expect(regressions).toContain("steady  passed → failed (passed 5 of 5 → 0 of 5)");
    expect(regressions).not.toContain("flaky-1");
    expect(text).not.toContain("Fixes (");
    expect(flaky.split("\n")[0]).toBe(" (2, 1 flipped): repeats both passed and failed, so their flips are");
    expect(flaky).toContain("  flaky-1  passed 2 of 5 → 4 of 5 (failed → passed)  (run item ");
    expect(flaky).not.toContain("flaky-2  ");
  });

  it("are folded in their own <details> in the PR comment, with the count of flaky items", async () => {
    const body = renderPrComment(await flakyComparison());
    expect(body).toContain("**1 regression** · 0 fixes · 0 new errors · 3 items · 2 flaky");
    const regressions = body.split("<details open><summary><b>1 regression</b>")[1]?.split("</details>")[0] ?? "";
    expect(regressions).toMatch(/^- \*\*steady\*\* — passed → failed \(passed 5 of 5 → 0 of 5\)/m);
    expect(regressions).not.toContain("flaky-1");
    expect(body).not.toContain("fixes</b>");
    const flaky = body.split(
      "<details><summary><b>2 flaky items, 1 flipped</b> (repeats both passed and failed: chance, not the change; " +
        "never counted as regressions or fixes)</summary>",
    )[1]?.split("</details>")[0];
    expect(flaky).toBeDefined();
    expect(flaky).toMatch(/^- \*\*flaky-1\*\* — passed 2 of 5 → 4 of 5 \(failed → passed\) · run item `ri_[0-9a-f]{12}`$/m);
    expect(flaky).not.toContain("flaky-2");
  });

  it("are folded apart in the CI report too", async () => {
    const { candidate, verdict, comparison } = await flakyComparison();
    const markdown = renderCiReport(candidate, verdict, comparison);
    expect(markdown).toContain("<details><summary>1 regression</summary>");
    const flaky = markdown.split("<details><summary>2 flaky items, 1 flipped (repeats both passed and failed: neither regressions nor fixes)</summary>")[1];
    expect(flaky?.split("</details>")[0]).toContain("| flaky-1 | passed 2 of 5 → 4 of 5 (failed → passed) |");
  });

  it("count in the comment even when none flipped", async () => {
    const input = await flakyComparison();
    const comparison = { ...input.comparison!, flaky: { count: 0, items: [] } };
    const body = renderPrComment({ ...input, comparison });
    expect(body).toContain(
      "**2 flaky items, 0 flipped** (repeats both passed and failed: chance, not the change; never counted as regressions or fixes).",
    );
  });
});
