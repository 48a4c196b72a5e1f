import { describe, expect, it } from "vitest";
import { GateConfigSchema } from "../../../src/core/config/schema.js";
import { decideVerdict, type GateVerdict } from "../../../src/core/gate.js";
import { parseCommentMeta } from "../../../src/core/report/comment-marker.js";
import type { PrCommentInput } from "../../../src/core/report/pr-report-input.js";
import { renderCheckOutput } from "../../../src/core/report/render-check-output.js";
import { renderCiReport } from "../../../src/core/report/render-ci-report.js";
import { renderComparison } from "../../../src/core/report/render-comparison.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { renderVerdictLines } from "../../../src/core/report/render-verdict.js";
import { flipInput } from "./pr-comment-inputs.js";

/** The verdict of `input`'s comparison under `gate`, as the Action decides it. */
function judged(input: PrCommentInput, gate: object, baselineProblems: string[] = []): PrCommentInput {
  const summary = input.candidate.summary ?? expect.fail("flipInput's run has a summary");
  const verdict = decideVerdict({
    gate: GateConfigSchema.parse(gate),
    maxErrorRate: 1,
    status: "ended",
    itemCount: summary.total,
    summary,
    ...(input.comparison ? { comparison: input.comparison } : {}),
    baselineProblems,
  });
  return { ...input, verdict, verdictLabel: verdict.verdict };
}

const TOO_FEW = "only 5 items are shared with the baseline, fewer than min_items 50";
const OTHER_SCORERS = "it was judged by another experiment version";

describe("the four verdicts in the terminal", () => {
  const lines = (verdict: GateVerdict) => renderVerdictLines(verdict);

  it("shows PASS and FAIL with the reasons of a fail", () => {
    expect(lines({ verdict: "pass", reasons: [], checks: [] })).toEqual(["Verdict: PASS"]);
    expect(lines({ verdict: "fail", reasons: ["2 regressions exceed the maximum 0"], checks: [] })).toEqual([
      "Verdict: FAIL",
      "  - 2 regressions exceed the maximum 0",
    ]);
  });

  it("shows INCONCLUSIVE and NOT COMPARABLE as no pass, with what to do to get a verdict", () => {
    expect(lines({ verdict: "inconclusive", reasons: ["add items to the dataset"], checks: [] })).toEqual([
      "Verdict: INCONCLUSIVE (no verdict, not a pass)",
      "  The evidence is too thin to tell a change from noise. To get a verdict:",
      "  - add items to the dataset",
    ]);
    expect(lines({ verdict: "not_comparable", reasons: ["store a new baseline"], checks: [] })).toEqual([
      "Verdict: NOT COMPARABLE (no verdict, not a pass)",
      "  The baseline cannot serve as one. To get a verdict:",
      "  - store a new baseline",
    ]);
  });

  it("ends a comparison with the no-verdict and its reason, within 80 columns", async () => {
    const input = judged(await flipInput({ regressions: 1, fixes: 1, steady: 3 }), { passed_threshold: 0, min_items: 50 });
    const text = renderComparison(input.comparison!, input.verdict);
    expect(text).toContain("Verdict: INCONCLUSIVE (no verdict, not a pass)\n");
    expect(text).toContain(`\n  - ${TOO_FEW}:`);
    expect(Math.max(...text.split("\n").map((line) => line.length))).toBeLessThanOrEqual(80);
  });
});

describe("the four verdicts in Markdown and on the check", () => {
  it("headlines a pass and a fail in capitals", async () => {
    const pass = judged(await flipInput({ regressions: 0, fixes: 1, steady: 3 }), { passed_threshold: 0 });
    expect(renderPrComment(pass)).toContain("### ✅ evalgate · support-agent-quality: **PASS**\n");
    const fail = judged(await flipInput({ regressions: 1, fixes: 0, steady: 3 }), { passed_threshold: 0, max_regressions: 0 });
    expect(renderPrComment(fail)).toContain("### ❌ evalgate · support-agent-quality: **FAIL**\n");
    expect(renderCheckOutput(fail).title).toMatch(/^FAIL: 1 regression, 0 fixes, pass rate 75\.0% vs baseline 100\.0%, p = 1$/);
  });

  it("says an inconclusive comparison blocks merging until someone acts, and what to do", async () => {
    const input = judged(await flipInput({ regressions: 1, fixes: 1, steady: 3 }), { passed_threshold: 0, min_items: 50 });
    expect(input.verdict.verdict).toBe("inconclusive");
    const body = renderPrComment(input);
    expect(body).toContain("### ⚠️ evalgate · support-agent-quality: **INCONCLUSIVE**\n");
    expect(body).toContain(
      "> **No verdict: this check blocks merging until someone acts.** INCONCLUSIVE: the evidence is too thin to tell " +
        "a change from noise. To get a verdict: only 5 items are shared with the baseline, fewer than min\\_items 50: " +
        "add items to the dataset so a change can be told from noise",
    );
    expect(body).not.toContain("Gate failed");
    const { title, summary } = renderCheckOutput(input);
    expect(title.startsWith(`INCONCLUSIVE, blocks merging: ${TOO_FEW}`)).toBe(true);
    expect(title.length).toBeLessThanOrEqual(100);
    expect(summary).toContain("**No verdict: this check blocks merging until someone acts.**");
    expect(parseCommentMeta(body)?.verdict).toBe("inconclusive");
  });

  it("says a not-comparable baseline blocks merging until someone acts, and why it cannot serve", async () => {
    const input = judged(await flipInput({ regressions: 1, fixes: 1, steady: 3 }), { passed_threshold: 0 }, [OTHER_SCORERS]);
    expect(input.verdict.verdict).toBe("not_comparable");
    const body = renderPrComment(input);
    expect(body).toContain("### ⚠️ evalgate · support-agent-quality: **NOT COMPARABLE**\n");
    expect(body).toContain("NOT COMPARABLE: the baseline cannot serve as one. To get a verdict:");
    expect(body).toContain(`cannot serve: ${OTHER_SCORERS}`);
    expect(renderCheckOutput(input).title).toMatch(/^NOT COMPARABLE, blocks merging: the baseline run-20261125-120301-7f3a cannot serve/);
    expect(parseCommentMeta(body)?.verdict).toBe("not_comparable");
  });

  it("heads the CI report with each verdict", async () => {
    const input = judged(await flipInput({ regressions: 1, fixes: 1, steady: 3 }), { passed_threshold: 0, min_items: 50 });
    const markdown = renderCiReport(input.candidate, input.verdict, input.comparison);
    expect(markdown.split("\n").slice(0, 4)).toEqual([
      "### ⚠️ evalgate · support-agent-quality: **INCONCLUSIVE**",
      "",
      "**No verdict: this check blocks merging until someone acts.** the evidence is too thin to tell a change from noise. To get a verdict:",
      "- only 5 items are shared with the baseline, fewer than min\\_items 50: add items to the dataset so a change can be told from noise",
    ]);
  });
});
