import { describe, expect, it } from "vitest";
import { judge } from "../build-run-items.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { flipInput, HEAD_SHA, REPORT_URL, sampleInput } from "./pr-comment-inputs.js";

/** The comment without its two hidden lines and the blank line after them. */
function visible(body: string): string[] {
  return body.split("\n").slice(3);
}

describe("renderPrComment: the verdict and the numbers", () => {
  it("opens a failing comparison with the verdict, the pass-rate headline and the counts", async () => {
    const body = renderPrComment(await flipInput({ regressions: 6, fixes: 9, steady: 35 }));
    // 44/50 vs 41/50: Wilson half-widths 9.09 and 10.51 pp; 6 worse, 9 better: McNemar's exact
    // p = 2·Σ_{i≤6} C(15, i)/2^15 = 0.607; MDE (1.960 + 0.842)·√(15/50)/√50 = 0.217.
    expect(visible(body).slice(0, 7)).toEqual([
      "### ❌ evalgate · support-agent-quality: **FAIL**",
      "",
      "pass rate 88.0% (±9.1) vs baseline 82.0% (±10.5): no significant change (p = 0.61, 50 items; this dataset detects changes ≥ 22 pp)",
      "",
      "**6 regressions** · 9 fixes · 0 new errors · 50 items",
      "",
      "**Gate failed:** 6 regressions exceed the maximum 0",
    ]);
  });

  it("opens a passing comparison with a check mark and no gate reasons", async () => {
    const body = renderPrComment(await flipInput({ regressions: 0, fixes: 2, steady: 3 }));
    expect(visible(body)[0]).toBe("### ✅ evalgate · support-agent-quality: **PASS**");
    // 5/5 vs 3/5: Wilson half-widths 21.72 and 32.58 pp; 2 better: p = 2·(1/4); 5 pairs detect nothing.
    expect(visible(body)[2]).toBe(
      "pass rate 100.0% (±21.7) vs baseline 60.0% (±32.6): no significant change (p = 0.5, 5 items; too few items to detect any change)",
    );
    expect(visible(body)[4]).toBe("0 regressions · 2 fixes · 0 new errors · 5 items");
    expect(body).not.toContain("Gate failed");
  });

  it("without a baseline shows the run's pass rate, its scorers and how to create a baseline", async () => {
    const sample = await sampleInput({ verdictLabel: "no-baseline", baselineNote: undefined, comparison: undefined });
    const summary = sample.candidate.summary ?? expect.fail("the sample run has a summary");
    const body = renderPrComment({ ...sample, verdict: judge({ passed_threshold: 0.9 }, { summary }) });
    expect(visible(body)[0]).toBe("### ⚠️ evalgate · support-agent-quality: **NO BASELINE**");
    // 2 of 4: Wilson [0.1500, 0.8500], half-width 35.0 pp.
    expect(visible(body)[2]).toBe("pass rate 50.0% (±35.0)");
    expect(visible(body)[4]).toBe("4 items · 2 passed · 1 failed · 1 errored");
    expect(visible(body)[6]).toBe("**Gate failed:** pass rate 50.0% is below the threshold 90.0%");
    expect(body).toContain("Run the evalgate workflow on the main branch");
    // Scores 0, 1, 1: sd √(1/3), se 1/3, 1.96·se = 0.65.
    expect(body).toContain("| equals | 0.67±0.65 | 66.7% | 0 |");
    expect(body).toContain("Baseline: none found");
    expect(body).not.toContain("<details");
    expect(visible(body).join("\n")).not.toContain("regression");
  });

  it("escapes a caller's no-baseline help like any other text", async () => {
    const help = "Push to `release` — ask @ops <b>now</b>";
    const body = renderPrComment(await sampleInput({ verdictLabel: "no-baseline", noBaselineHelp: help }));
    expect(body).toContain("> Push to &#96;release&#96; — ask @&#8203;ops &lt;b&gt;now&lt;/b&gt;");
  });

  it("puts pass rate and mean score of each scorer side by side with the change, its interval, p and verdict", async () => {
    const body = renderPrComment(await flipInput({ regressions: 6, fixes: 9, steady: 35 }));
    expect(body).toContain("| scorer | baseline | candidate | Δ pass | Δ mean [95% CI] | p | verdict |");
    // 9 fixes of 15 discordant pairs (35 pass on both sides): the exact conditional interval, Clopper–Pearson
    // [0.3229, 0.8366] → (15/50)·(2θ − 1) = [−0.106, +0.202], joined with Newcombe's method 10 (scipy Wilson
    // bounds combined by hand) [−0.095, +0.2126] → [−0.106, +0.213].
    expect(body).toContain("| equals | 82.0% · 0.82 | 88.0% · 0.88 | +6.0 pp | +0.06 [−0.11, +0.21] | 0.61 | noise |");
  });

  it("shows a scorer present on one side only with dashes and says why it has no test", async () => {
    const body = renderPrComment(await sampleInput());
    expect(body).toContain("| tone | — | 100.0% · 1.00 | — | — | — | only in candidate |");
  });
});

describe("renderPrComment: flipped items", () => {
  it("lists each regression with its input, both outputs and the failing scorer's reason, open when few", async () => {
    const input = await flipInput({
      regressions: 2,
      fixes: 1,
      input: (index) => ({ question: `where is order ${index}?` }),
      output: (index) => `I cannot find order ${index}`,
      reason: (index) => `expected "order ${index} ships Monday"`,
    });
    const body = renderPrComment(input);
    const regressions = body.split("<details open><summary><b>2 regressions</b> (passed → failed or error)</summary>")[1] ?? "";
    expect(regressions).not.toBe("");
    const section = regressions.split("</details>")[0] ?? "";
    expect(section).toMatch(/^- \*\*r-00001\*\* — passed → failed · run item `ri_[0-9a-f]{12}`$/m);
    expect(section).toContain('  - input: {"question":"where is order 1?"}');
    expect(section).toContain("  - baseline: answer r-00001");
    expect(section).toContain("  - candidate: I cannot find order 1");
    expect(section).toContain('  - ✗ **equals** 1.00 → 0.00: expected "order 1 ships Monday"');
  });

  it("folds the fixes, and the regressions too when there are many", async () => {
    const body = renderPrComment(await flipInput({ regressions: 11, fixes: 2 }));
    expect(body).toContain("<details><summary><b>11 regressions</b> (passed → failed or error)</summary>");
    expect(body).toContain("<details><summary><b>2 fixes</b> (failed or error → passed)</summary>");
    expect(body).toMatch(/^- \*\*f-00000\*\* — failed → passed/m);
    expect(body).toContain("  - ✓ **equals** 0.00 → 1.00: equals passed");
  });

  it("explains a regression to an error with the candidate's error", async () => {
    const body = renderPrComment(await sampleInput());
    expect(body).toMatch(/^- \*\*item-c\*\* — passed → error/m);
    expect(body).toContain("  - candidate: error: HTTP 502 from target after 3 attempts");
  });
});

describe("renderPrComment: the rest of the report", () => {
  it("notes a changed dataset and lists the items only one side has", async () => {
    const body = renderPrComment(await sampleInput());
    expect(body).toContain(
      "> **The dataset changed** (baseline ds-111111111111 → candidate ds-222222222222): compared over the 3 items both runs share; 1 only in the baseline, 1 only in the candidate.",
    );
    expect(body).toContain("**2 regressions** · 1 fix · 1 new error · 3 shared items");
    expect(body).toContain("- Only in the baseline (1): item-gone");
    expect(body).toContain("- Only in the candidate (1): item-new");
  });

  it("says nothing about the dataset when both runs used the same version", async () => {
    const body = renderPrComment(await flipInput({ regressions: 1, fixes: 1 }));
    expect(body).not.toContain("dataset changed");
    expect(body).not.toContain("Only in the");
  });

  it("shows errors, latency, tokens and cost in one table with the new errors' ids", async () => {
    const body = renderPrComment(await sampleInput());
    expect(body).toContain("| errors | 0 | 1 | +1 |");
    expect(body).toContain("| latency p95 | 100 ms | 130 ms | +30 ms |");
    expect(body).toContain("- New errors (1): item-c");
  });

  it("ends with the baseline used, the short head sha, the versions and the report link", async () => {
    const body = renderPrComment(await sampleInput());
    const last = body.trimEnd().split("\n").at(-1) ?? "";
    expect(last).toBe(
      "<sub>Baseline: baseline run-20261125-120301-7f3a of main at 7f3a9c1 (the merge base) · " +
        `candidate run run-20261126-090000-1b2c at ${HEAD_SHA.slice(0, 7)} · ` +
        "experiment support-agent-quality version ev-aaaaaaaaaaaa · " +
        "dataset version ds-222222222222 (baseline ds-111111111111) · " +
        `[full report](${REPORT_URL})</sub>`,
    );
  });

  it("links only http(s) report URLs and keeps parentheses from ending the link", async () => {
    const script = renderPrComment(await sampleInput({ reportUrl: "javascript:alert(1)" }));
    expect(script).not.toContain("javascript");
    expect(script).not.toContain("[full report]");
    const parens = renderPrComment(await sampleInput({ reportUrl: "https://example.com/a)b(c`d" }));
    expect(parens).toContain("[full report](https://example.com/a%29b%28c%60d)");
  });
});
