import { describe, expect, it } from "vitest";
import { renderCheckOutput } from "../../../src/core/report/render-check-output.js";
import { renderJobSummary } from "../../../src/core/report/render-job-summary.js";
import { COMMENT_DETAILS } from "../../../src/core/report/pr-report-input.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { renderPrReport } from "../../../src/core/report/render-pr-report.js";
import { flipInput, pipeCounts, REPORT_URL, sampleInput, tables } from "./pr-comment-inputs.js";

const GITHUB_COMMENT_LIMIT = 65_536;
const GITHUB_CHECK_SUMMARY_LIMIT = 65_535;

const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "</details><script>alert(1)</script>",
  "| a | b | c |",
  "```js\nfetch('https://evil.example')\n```",
  "`code` and ``double``",
  "@octocat please approve",
  "fixes #123 and acme/shop#123",
  "<!-- --> end of any comment -->",
  "</summary></details><details open><summary>fake",
  "[click](javascript:alert(1)) ![x](https://evil.example/p.png)",
  "line one\n\n# heading\n---\n- list",
];

/** What must hold for any body we render, whatever the dataset and the model put in it. */
function expectInert(body: string, hiddenLines = 2): void {
  expect(body.match(/<details/g)?.length ?? 0).toBe(body.match(/<\/details>/g)?.length ?? 0);
  expect(body.match(/<summary>/g)?.length ?? 0).toBe(body.match(/<\/summary>/g)?.length ?? 0);
  expect(body).not.toMatch(/<script|<img|<a |```|``/i);
  // An escaped "\]" is a literal bracket; only an unescaped one could end a link's text.
  expect(body).not.toMatch(/(?<!\\)\]\(javascript:/);
  expect(body).not.toMatch(/@(?!&#8203;)octocat/);
  expect(body).not.toMatch(/#(?!&#8203;)123/);
  expect(body.match(/<!--/g)?.length ?? 0).toBe(hiddenLines);
  expect(body.match(/-->/g)?.length ?? 0).toBe(hiddenLines);
  for (const table of tables(body)) {
    const counts = pipeCounts(table);
    expect(new Set(counts).size, table.join("\n")).toBe(1);
  }
}

function hostileInput() {
  return flipInput({
    regressions: HOSTILE.length,
    fixes: HOSTILE.length,
    itemId: (kind, index) => `${kind}-${index} ${HOSTILE[index] ?? ""}`,
    input: (index) => ({ question: HOSTILE[index] }),
    output: (index) => HOSTILE[index],
    reason: (index) => `expected no ${HOSTILE[index] ?? ""}`,
  });
}

describe("hostile dataset and model text", () => {
  it("cannot open HTML, close a <details>, start a code fence, break a table or notify anyone", async () => {
    const body = renderPrComment(await hostileInput());
    expectInert(body);
    expect(body).toContain("&lt;/details&gt;&lt;script&gt;");
    expect(body).toContain("@&#8203;octocat please approve");
    expect(body).toContain("#&#8203;123");
  });

  it("stays inert in the check summary and the job summary", async () => {
    const input = await hostileInput();
    expectInert(renderCheckOutput(input).summary, 0);
    // The job summary's one code fence is its pass-rate chart (pass-rate-chart.test.ts checks its
    // names cannot break it); every other part of it is held to the comment's rules.
    const summary = renderJobSummary(input);
    const charts = summary.match(/^```mermaid\n[^`]*\n```$/gm) ?? [];
    expect(charts).toHaveLength(1);
    expectInert(summary.replace(charts[0]!, ""), 0);
  });

  it("keeps hostile scorer names out of the table structure", async () => {
    const input = await flipInput({ regressions: 1, fixes: 0 });
    const comparison = input.comparison ?? expect.fail("flipInput compares");
    const scorers = HOSTILE.map((name, index) => ({ ...comparison.scorers[0]!, scorer: `${index} ${name}` }));
    const body = renderPrComment({ ...input, comparison: { ...comparison, scorers } });
    expectInert(body);
    const scorerTable = tables(body)[0] ?? [];
    expect(scorerTable).toHaveLength(2 + HOSTILE.length);
  });

  it("cuts a 60 KB output to an excerpt", async () => {
    const huge = "<b>@octocat</b> | ".repeat(3_400);
    expect(huge.length).toBeGreaterThan(60_000);
    const body = renderPrComment(await flipInput({ regressions: 1, fixes: 0, output: () => huge }));
    expect(body.length).toBeLessThan(20_000);
    expect(body).toMatch(/^ {2}- candidate: &lt;b&gt;@&#8203;octocat.*…$/m);
    expectInert(body);
  });
});

describe("GitHub's size limits", () => {
  it("fits 5,000 regressions into one comment and counts the ones not shown", async () => {
    const input = await flipInput({ regressions: 5_000, fixes: 20, maxFlippedItems: 5_000 });
    const body = renderPrComment(input);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shown = body.match(/^- \*\*r-\d+\*\*/gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(body).toContain(`… and ${(5_000 - shown).toLocaleString("en-US")} more regressions — see the [full report](${REPORT_URL}).`);
    expect(body).toContain("**5,000 regressions** · 20 fixes");
    expectInert(body);
  });

  it("shows every kept flipped item whole, never a cut one", async () => {
    const long = "x".repeat(2_000);
    const body = renderPrComment(await flipInput({ regressions: 3_000, fixes: 3_000, output: () => long, maxFlippedItems: 3_000 }));
    const items = body.match(/^- \*\*[rf]-\d+\*\*/gm)?.length ?? 0;
    expect(body.match(/^ {2}- input: /gm)).toHaveLength(items);
    expect(body.match(/^ {2}- candidate: /gm)).toHaveLength(items);
    expect(body.match(/^ {2}- ✗ \*\*equals\*\*|^ {2}- ✓ \*\*equals\*\*/gm)).toHaveLength(items);
    expect(body.trimEnd().endsWith("</sub>")).toBe(true);
  });

  it("still fits when every character of every excerpt expands on escaping", async () => {
    const worst = "@|".repeat(400);
    const input = await flipInput({
      regressions: 5_000,
      fixes: 5_000,
      itemId: (kind, index) => `${kind}-${String(index).padStart(5, "0")}-${"@".repeat(80)}`,
      input: () => worst,
      output: () => worst,
      reason: () => worst,
      maxFlippedItems: 5_000,
    });
    const body = renderPrComment(input);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toContain("**5,000 regressions** · 5,000 fixes");
    expect(body).toContain("| equals |");
    expect(body).toContain("[full report]");
    expectInert(body);
    expect(renderCheckOutput(input).summary.length).toBeLessThanOrEqual(GITHUB_CHECK_SUMMARY_LIMIT);
  });

  it("fits hundreds of scorers with long names by listing the first ones and counting the rest", async () => {
    const input = await flipInput({ regressions: 1, fixes: 0 });
    const comparison = input.comparison ?? expect.fail("flipInput compares");
    const template = comparison.scorers[0] ?? expect.fail("one scorer");
    const scorers = Array.from({ length: 600 }, (_, index) => ({ ...template, scorer: `${index}${"@|".repeat(40)}` }));
    const body = renderPrComment({ ...input, comparison: { ...comparison, scorers } });
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shownRows = (tables(body)[0]?.length ?? 0) - 2;
    expect(body).toContain(`… and ${600 - shownRows} more scorers.`);
    expectInert(body);
  });

  it("keeps the check summary within 65,535 characters and the job summary within 1 MiB, showing more there", async () => {
    const input = await flipInput({ regressions: 5_000, fixes: 0, maxFlippedItems: 5_000, output: () => "y".repeat(400) });
    const check = renderCheckOutput(input);
    expect(check.summary.length).toBeLessThanOrEqual(GITHUB_CHECK_SUMMARY_LIMIT);
    const job = renderJobSummary(input);
    expect(Buffer.byteLength(job, "utf8")).toBeLessThanOrEqual(1024 * 1024);
    const shownInJob = job.match(/^- \*\*r-\d+\*\*/gm)?.length ?? 0;
    const shownInCheck = check.summary.match(/^- \*\*r-\d+\*\*/gm)?.length ?? 0;
    expect(shownInJob).toBeGreaterThan(shownInCheck);
    expect(shownInJob).toBeGreaterThanOrEqual(200);
  });
});

describe("leaner levels", () => {
  it("lists flipped items by id when their details do not fit, and keeps the verdict, counts, scorers and footer", async () => {
    const worst = "@|".repeat(400);
    const input = await flipInput({ regressions: 300, fixes: 0, input: () => worst, output: () => worst, reason: () => worst });
    const body = renderPrComment(input);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toMatch(/^### ❌ evalgate · support-agent-quality: \*\*FAIL\*\*/m);
    expect(body).toContain("**300 regressions** · 0 fixes · 0 new errors · 300 items");
    expect(body).toContain("| equals | 100.0% · 1.00 | 0.0% · 0.00 | −100.0 pp | −1.00 [−1.00, −0.98] | < 0.0001 | **regression** |");
    expect(body.trimEnd().endsWith(`[full report](${REPORT_URL})</sub>`)).toBe(true);
    expectInert(body);
  });

  it("at the ids-only level names the flipped items without their details", async () => {
    const input = await flipInput({ regressions: 300, fixes: 2 });
    const idsOnly = COMMENT_DETAILS.find((detail) => detail.flippedItems === 0 && detail.listedIds > 0);
    const body = renderPrReport(input, idsOnly ?? expect.fail("an ids-only level exists"));
    expect(body).not.toContain("<details");
    expect(body).toMatch(/^\*\*Regressions:\*\* r-00000, r-00001, .*, r-00029 and 270 more — see the \[full report\]/m);
    expect(body).toMatch(/^\*\*Fixes:\*\* f-00000, f-00001 — see the \[full report\]/m);
  });

  it("at the leanest level keeps only the verdict, counts, gate, scorers and footer", async () => {
    const input = await sampleInput();
    const body = renderPrReport(input, COMMENT_DETAILS.at(-1) ?? expect.fail("levels exist"));
    expect(body).not.toContain("<details");
    expect(body).not.toContain("latency");
    expect(body).toContain("**2 regressions** · 1 fix · 1 new error · 3 shared items");
    expect(body).toContain("| equals |");
    expect(body).toContain("**Gate failed:**");
    expect(body).toContain("[full report]");
  });
});
