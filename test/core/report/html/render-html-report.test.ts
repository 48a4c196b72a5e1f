import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../../../src/core/report/html/render-html-report.js";
import { TEXT_LIMIT } from "../../../../src/core/report/html/shown-text.js";
import { buildItem, buildRun } from "../../build-run-items.js";
import { buildHtmlReportInput, embeddedData, HOSTILE_OUTPUT, HOSTILE_ITEM_ID, isFlakyIn, itemIdOf, outcomeOf } from "./html-report-fixture.js";

function inlineBlocks(html: string, tag: "script" | "style"): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((match) => match[1]!);
}

const base64Sha256 = (text: string) => createHash("sha256").update(Buffer.from(text, "utf8")).digest("base64");

describe("renderHtmlReport", () => {
  it("gives the same bytes for the same input", async () => {
    const input = await buildHtmlReportInput({ runs: 3, items: 40, hostile: true });
    expect(renderHtmlReport(input)).toBe(renderHtmlReport(input));
  });

  it("allows exactly its own inline style and script, by their SHA-256, and nothing else", async () => {
    const html = renderHtmlReport(await buildHtmlReportInput({ runs: 2, items: 10 }));
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!.replace(/&apos;/g, "'");
    const [style] = inlineBlocks(html, "style");
    const [script] = inlineBlocks(html, "script");
    expect(inlineBlocks(html, "style")).toHaveLength(1);
    expect(inlineBlocks(html, "script")).toHaveLength(1);
    expect(policy.split("; ")).toEqual([
      "default-src 'none'",
      `script-src 'sha256-${base64Sha256(script!)}'`,
      `style-src 'sha256-${base64Sha256(style!)}'`,
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    // The policy must come before anything it governs.
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<style>"));
  });

  it("embeds hostile outputs as JSON no HTML parser can end early, and gives them back unchanged", async () => {
    const html = renderHtmlReport(await buildHtmlReportInput({ runs: 2, items: 5, hostile: true }));
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    const data = embeddedData(html);
    const hostile = data.items.find((item) => item.id === "item-hostile")!;
    expect(hostile.runs[1]!.output!.text).toBe(HOSTILE_OUTPUT);
    expect(data.items.some((item) => item.id === HOSTILE_ITEM_ID)).toBe(true);
    // Only the page's own markup is markup: the hostile texts appear nowhere outside the data block.
    expect(html.replace(block, "")).not.toContain("__pwned");
  });

  it("tags the regressions, fixes and flaky items that compareRuns counts", async () => {
    const input = await buildHtmlReportInput({ runs: 2, items: 300 });
    const data = embeddedData(renderHtmlReport(input));
    const { comparison } = input.comparisons[0]!;
    const tagged = (tag: string) => data.items.filter((item) => item.tags.includes(tag as never)).length;
    expect(tagged("regression")).toBe(comparison.regressions.count);
    expect(tagged("fix")).toBe(comparison.fixes.count);
    expect(tagged("flaky")).toBe(comparison.flaky_items.count);
    // And the fixture's own rule, counted here apart from both.
    const ids = Array.from({ length: 300 }, (_, i) => i);
    const flaky = (i: number) => isFlakyIn(1, 2, i);
    expect(tagged("regression")).toBe(ids.filter((i) => !flaky(i) && outcomeOf(0, i) === "passed" && outcomeOf(1, i) !== "passed").length);
    expect(tagged("fix")).toBe(ids.filter((i) => !flaky(i) && outcomeOf(0, i) !== "passed" && outcomeOf(1, i) === "passed").length);
    expect(tagged("error")).toBe(ids.filter((i) => outcomeOf(1, i) === "error").length);
    expect(data.filters).toEqual(["regression", "fix", "error", "flaky", "failed"]);
  });

  it("diffs each later run's output against the baseline's word by word, keeping both texts exactly", async () => {
    const data = embeddedData(renderHtmlReport(await buildHtmlReportInput({ runs: 3, items: 30 })));
    const item = data.items.find((entry) => entry.id === itemIdOf(8))!;
    const [baseline, , third] = item.runs;
    const diff = third!.diff!;
    expect(diff.filter(([kind]) => kind !== 2).map(([, text]) => text).join("")).toBe(baseline!.output!.text);
    expect(diff.filter(([kind]) => kind !== 1).map(([, text]) => text).join("")).toBe(third!.output!.text);
    expect(diff).toContainEqual([2, " and arrives Thursday"]);
    // Equal outputs carry no diff.
    expect(data.items.find((entry) => entry.id === itemIdOf(1))!.runs[2]!.diff).toBeUndefined();
  });

  it("cuts a long output at the text limit and says how long it was; shows controls and bidi overrides as codes", async () => {
    const run = buildRun({ id: "run-long" });
    const long = "word ".repeat(3_000);
    const items = [
      buildItem(run.id, "long", { scores: [["equals", 1, true]], output: long }),
      buildItem(run.id, "tricky", { scores: [["equals", 1, true]], output: "pay \u202eevil\u202c now \u001b[31mred" }),
    ];
    const data = embeddedData(renderHtmlReport({ runs: [{ run, items, annotations: [] }], comparisons: [], generatedAt: "2026-11-28T09:30:00.000Z" }));
    const output = data.items[0]!.runs[0]!.output!;
    expect(output.text).toBe(long.slice(0, TEXT_LIMIT));
    expect(output.length).toBe(15_000);
    expect(data.items[1]!.runs[0]!.output).toEqual({ text: "pay ⟨U+202E⟩evil⟨U+202C⟩ now \u241b[31mred" });
    expect(data.verdicts).toEqual([]);
    expect(data.filters).toEqual(["failed", "error", "flaky"]);
  });

  it("bins latencies alike for every run up to the slowest run's 99th percentile, the last bin open above", async () => {
    const run = buildRun({ id: "run-latency" });
    const items = [10, 20, 1_000].map((latency_ms, index) => buildItem(run.id, `i${index}`, { scores: [["equals", 1, true]], latency_ms }));
    const data = embeddedData(renderHtmlReport({ runs: [{ run, items, annotations: [] }], comparisons: [], generatedAt: "2026-11-28T09:30:00.000Z" }));
    // The 99th percentile of three is the largest, 1,000 ms: 20 bins of 50 ms; 1,000 falls in the last, open one.
    expect(data.charts.latency.binMs).toBe(50);
    const counts = new Array(20).fill(0);
    counts[0] = 2;
    counts[19] = 1;
    expect(data.charts.latency.runs[0]!.counts).toEqual(counts);
  });

  it("summarizes annotations per run and shows them per item", async () => {
    const input = await buildHtmlReportInput({ runs: 2, items: 20 });
    const data = embeddedData(renderHtmlReport(input));
    // Items 0, 9 and 18 are annotated: helpfulness 1, 2, 3 and tone_ok no, yes, yes.
    expect(data.annotationTables[0]!.rows).toEqual([
      ["helpfulness", "metric", "3", "mean 2 · min 1 · max 3"],
      ["tone_ok", "label", "3", "yes ×2 · no ×1"],
    ]);
    expect(data.items[9]!.runs[1]!.annotations).toEqual([
      { name: "helpfulness", kind: "metric", value: "2" },
      { name: "tone_ok", kind: "label", value: "yes", note: "checked by hand", author: "ann@example.com" },
    ]);
  });

  it("refuses an input that breaks its contract", async () => {
    const input = await buildHtmlReportInput({ runs: 2, items: 3 });
    expect(() => renderHtmlReport({ ...input, runs: [] })).toThrow(/1 to 4 runs, got 0/);
    expect(() => renderHtmlReport({ ...input, runs: [...input.runs, ...input.runs, input.runs[0]!] })).toThrow(/1 to 4 runs, got 5/);
    expect(() => renderHtmlReport({ ...input, comparisons: [] })).toThrow(/needs one comparison per run after the first \(1\), got 0/);
  });
});

describe("item ids on the page", () => {
  it("shows a bidi override in an id as its code, never applied, and keeps the id itself for links", () => {
    const spoof = "\u202Egnp.exe";
    const run = buildRun({ id: "run-a", item_count: 1 });
    const item = buildItem("run-a", spoof, { scores: [["equals", 1, true]] });
    const html = renderHtmlReport({ runs: [{ run, items: [item], annotations: [] }], comparisons: [], verdict: { verdict: "pass", reasons: [], checks: [] }, generatedAt: "2026-11-30T00:00:00.000Z" });
    const [shown] = embeddedData(html).items;
    expect(shown!.id).toBe(spoof);
    expect(shown!.label).toBe("⟨U+202E⟩gnp.exe");
  });
});
