import { describe, expect, it } from "vitest";
import { renderCheckOutput } from "../../../src/core/report/render-check-output.js";
import { renderJobSummary } from "../../../src/core/report/render-job-summary.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { flipInput, sampleInput } from "./pr-comment-inputs.js";

describe("renderCheckOutput", () => {
  it("titles a failing check with the verdict, the flips and the pass-rate movement", async () => {
    const output = renderCheckOutput(await flipInput({ regressions: 6, fixes: 9, steady: 35 }));
    // 6 worse, 9 better: McNemar's exact p = 2·Σ_{i≤6} C(15, i)/2^15 = 0.607.
    expect(output.title).toBe("FAIL: 6 regressions, 9 fixes, pass rate 88.0% vs baseline 82.0%, p = 0.61");
  });

  it("titles a check without a baseline with the run's pass rate", async () => {
    const output = renderCheckOutput(await sampleInput({ verdictLabel: "no-baseline" }));
    expect(output.title).toBe("NO BASELINE: pass rate 50.0% over 4 items");
  });

  it("summarizes with the comment's report, without the hidden lines", async () => {
    const input = await flipInput({ regressions: 6, fixes: 9, steady: 35 });
    const comment = renderPrComment(input);
    const { summary } = renderCheckOutput(input);
    expect(summary).not.toContain("<!--");
    expect(summary).toBe(comment.split("\n").slice(3).join("\n"));
  });

  it("keeps the title to 100 characters on one line whatever the numbers", async () => {
    const input = await flipInput({ regressions: 1, fixes: 1 });
    const output = renderCheckOutput({ ...input, experiment: "x".repeat(500) });
    expect(Array.from(output.title).length).toBeLessThanOrEqual(100);
    expect(output.title).not.toContain("\n");
  });
});

describe("renderJobSummary", () => {
  it("opens with the same verdict, counts and scorer table as the check summary", async () => {
    const input = await sampleInput();
    const head = (text: string) => text.split("<details")[0];
    expect(head(renderJobSummary(input))).toBe(head(renderCheckOutput(input).summary));
    expect(head(renderJobSummary(input))).toContain("| equals |");
  });

  it("shows more flipped items than the comment has room for", async () => {
    const input = await flipInput({ regressions: 120, fixes: 0 });
    expect(renderJobSummary(input).match(/^- \*\*r-\d+\*\*/gm)).toHaveLength(120);
    expect(renderPrComment(input).match(/^- \*\*r-\d+\*\*/gm)?.length).toBeLessThan(120);
  });
});
