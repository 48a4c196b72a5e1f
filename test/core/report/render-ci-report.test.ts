import { describe, expect, it } from "vitest";
import { renderCiReport } from "../../../src/core/report/render-ci-report.js";
import { buildSample } from "./sample-runs.js";

describe("renderCiReport", () => {
  it("opens with the verdict and its reasons", async () => {
    const { candidateRun, verdict, comparison } = await buildSample();
    const markdown = renderCiReport(candidateRun, verdict, comparison);
    expect(markdown.split("\n").slice(0, 4)).toEqual([
      "### ❌ evalgate · support-agent-quality: **FAIL**",
      "",
      "- pass rate 50.0% is below the threshold 90.0%",
      "- 2 regressions exceed the maximum 0",
    ]);
  });

  it("shows the pass-rate headline, the scorer table with each scorer's test and the dataset note", async () => {
    const { candidateRun, verdict, comparison } = await buildSample();
    const markdown = renderCiReport(candidateRun, verdict, comparison);
    // 1/3 vs 2/3: Wilson half-widths 36.5 pp; 2 worse, 1 better: McNemar's exact p = 1.
    expect(markdown).toContain(
      "**pass rate 33.3% (±36.5) vs baseline 66.7% (±36.5): no significant change (p = 1, 3 items; too few items to detect any change)**",
    );
    expect(markdown).toContain("against baseline run-20261125-120301-7f3a over 3 shared items");
    // equals is paired on items a (1 → 0) and b (0 → 1) only; item c errored and was not scored.
    expect(markdown).toContain("| equals | 0.67 | 0.50 | ±0.00 [\u22120.97, +0.97] | 1 | noise | 66.7% | 50.0% | \u221216.7 pp |");
    expect(markdown).toContain("| tone | — | 1.00 | — | — | only in candidate | — | 100.0% | — |");
    expect(markdown).toContain("> **Note:** the dataset versions differ");
  });

  it("folds regressions and fixes into <details> and escapes hostile output", async () => {
    const { candidateRun, verdict, comparison } = await buildSample();
    const markdown = renderCiReport(candidateRun, verdict, comparison);
    expect(markdown).toContain("<details><summary>2 regressions</summary>");
    expect(markdown).toContain("<details><summary>1 fix</summary>");
    expect(markdown.match(/<details>/g)).toHaveLength(2);
    expect(markdown.match(/<\/details>/g)).toHaveLength(2);
    expect(markdown).not.toContain("<script>");
    expect(markdown).not.toContain("```");
    expect(markdown).not.toMatch(/@octocat|#1\b/);
    expect(markdown).toContain("&lt;/details&gt;&lt;script&gt;");
    expect(markdown).toContain("error: HTTP 502 from target after 3 attempts");
  });

  it("keeps every table row to its column count despite hostile cells", async () => {
    const { candidateRun, verdict, comparison } = await buildSample();
    const markdown = renderCiReport(candidateRun, verdict, comparison);
    const regressionTable = markdown.split("<details><summary>2 regressions</summary>")[1]?.split("</details>")[0] ?? "";
    const rows = regressionTable.split("\n").filter((line) => line.startsWith("|"));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.split("|")).toHaveLength(6);
  });

  it("shows at most maxFlippedRows flipped items and counts the rest", async () => {
    const { candidateRun, verdict, comparison } = await buildSample();
    const markdown = renderCiReport(candidateRun, verdict, comparison, { maxFlippedRows: 1 });
    expect(markdown).toContain("… and 1 more not shown.");
  });

  it("reports a run without a comparison with its scorer table", async () => {
    const { candidateRun } = await buildSample();
    const markdown = renderCiReport(candidateRun, { verdict: "pass", reasons: [], checks: [] });
    expect(markdown.startsWith("### ✅ evalgate · support-agent-quality: **PASS**\n")).toBe(true);
    expect(markdown).toContain("| equals | 0.67±0.65 | 66.7% | 0 |");
    expect(markdown).not.toContain("<details>");
  });

  it("escapes a label a user chose", async () => {
    const { candidateRun, verdict } = await buildSample();
    const markdown = renderCiReport({ ...candidateRun, label: "@team <b>x</b>" }, verdict);
    expect(markdown).toContain("(@&#8203;team &lt;b&gt;x&lt;/b&gt;)");
  });
});
