import { describe, expect, it } from "vitest";
import { JOB_SUMMARY_DETAILS } from "../../../src/core/report/pr-report-input.js";
import { renderCheckOutput } from "../../../src/core/report/render-check-output.js";
import { renderCiReport } from "../../../src/core/report/render-ci-report.js";
import { renderJobSummary } from "../../../src/core/report/render-job-summary.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { renderPrReport } from "../../../src/core/report/render-pr-report.js";
import { flipInput } from "./pr-comment-inputs.js";

// GitHub's documented limits, written out here rather than imported from the code under test.
const COMMENT_CHARACTERS = 65_536;
const CHECK_OUTPUT_CHARACTERS = 65_535;
const JOB_SUMMARY_BYTES = 1024 * 1024;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectBalanced(markdown: string): void {
  expect(markdown.match(/<details/g)?.length ?? 0).toBe(markdown.match(/<\/details>/g)?.length ?? 0);
  expect(markdown.match(/<summary>/g)?.length ?? 0).toBe(markdown.match(/<\/summary>/g)?.length ?? 0);
}

// Every character of it grows on escaping: "|" to 6 characters, "<" to 4, "`" to 5; emoji take 2 each.
const EXPANDING = "|<`🙂".repeat(100);

function expandingInput() {
  return flipInput({
    regressions: 3_000,
    fixes: 0,
    maxFlippedItems: 3_000,
    output: (index) => `${index} ${EXPANDING}`,
    reason: (index) => `expected ${index} ${EXPANDING}`,
  });
}

describe("reports ci within a comment's 65,536 characters", () => {
  it("3,000 regressions whose outputs grow on escaping fit, with balanced <details> and no broken character", async () => {
    const input = await expandingInput();
    const markdown = renderCiReport(input.candidate, input.verdict, input.comparison);

    expect(markdown.length).toBeLessThanOrEqual(COMMENT_CHARACTERS);
    expectBalanced(markdown);
    expect(markdown).not.toMatch(LONE_SURROGATE);
    expect(markdown).toContain("<details><summary>3,000 regressions</summary>");
    const rows = markdown.split("\n").filter((line) => line.startsWith("| r-"));
    expect(rows.length).toBeGreaterThan(0);
    expect(markdown).toContain(`… and ${(3_000 - rows.length).toLocaleString("en-US")} more not shown.`);
  });

  it("shows as many rows as asked when there is room: the limit, not the row cap, made it shorter", async () => {
    const input = await expandingInput();
    const unlimited = renderCiReport(input.candidate, input.verdict, input.comparison, { limit: { limit: 10_000_000, unit: "characters" } });
    expect(unlimited.length).toBeGreaterThan(COMMENT_CHARACTERS);
    expect(unlimited.split("\n").filter((line) => line.startsWith("| r-"))).toHaveLength(50);
  });

  it("keeps the counts when not even one row fits", async () => {
    const input = await expandingInput();
    const markdown = renderCiReport(input.candidate, input.verdict, input.comparison, { limit: { limit: 1_500, unit: "characters" } });
    expect(markdown.length).toBeLessThanOrEqual(1_500);
    expect(markdown).toContain("3,000 regressions: not listed, the report would be too long.");
    expect(markdown).not.toContain("<details>");
  });

  it("is cut, saying so, when not even the counts fit", async () => {
    const input = await expandingInput();
    const markdown = renderCiReport(input.candidate, input.verdict, input.comparison, { limit: { limit: 400, unit: "characters" } });
    expect(markdown.length).toBeLessThanOrEqual(400);
    expect(markdown).toMatch(/^### ❌ evalgate · support-agent-quality: \*\*FAIL\*\*\n/);
    expect(markdown).toMatch(/_… cut to fit the limit of 400 characters\._$/);
  });

  it("the PR comment and the check output of the same comparison fit theirs", async () => {
    const input = await expandingInput();
    const comment = renderPrComment(input);
    const check = renderCheckOutput(input).summary;
    expect(comment.length).toBeLessThanOrEqual(COMMENT_CHARACTERS);
    expect(check.length).toBeLessThanOrEqual(CHECK_OUTPUT_CHARACTERS);
    for (const markdown of [comment, check]) {
      expectBalanced(markdown);
      expect(markdown).not.toMatch(LONE_SURROGATE);
    }
  });
});

describe("the job summary within 1 MiB, counted in bytes", () => {
  it("a report of 3-byte characters over 1 MiB in bytes, though under it in characters, is fitted in bytes", async () => {
    const cjk = "漢字".repeat(300);
    const input = await flipInput({ regressions: 600, fixes: 0, maxFlippedItems: 600, input: () => cjk, output: () => cjk, reason: () => cjk });
    const richest = renderPrReport(input, JOB_SUMMARY_DETAILS[0]!);
    expect(richest.length).toBeLessThanOrEqual(JOB_SUMMARY_BYTES);
    expect(Buffer.byteLength(richest)).toBeGreaterThan(JOB_SUMMARY_BYTES);

    const summary = renderJobSummary(input);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(JOB_SUMMARY_BYTES);
    expect(summary).not.toBe(richest);
    expectBalanced(summary);
    expect(summary).not.toMatch(LONE_SURROGATE);
  });
});
