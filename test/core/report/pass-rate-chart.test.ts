import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/core/compare-runs.js";
import type { RunItem } from "../../../src/core/model/run-item.js";
import { chartLabel, MAX_CHARTED_SCORERS, passRateChart } from "../../../src/core/report/pass-rate-chart.js";
import { renderJobSummary } from "../../../src/core/report/render-job-summary.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";
import { buildComparison, scorerOf, verdictOf } from "./comparison-fixture.js";
import { sampleInput } from "./pr-comment-inputs.js";

/** The lines of the ```mermaid block, fences included. */
function mermaidBlock(text: string): string[] {
  const start = text.indexOf("```mermaid\n");
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf("\n```", start + 1);
  return text.slice(start, end + 4).split("\n");
}

/** "x-axis [...]" → its categories; `bar [...]` → its numbers. */
function categoriesOf(block: string[]): string[] {
  const line = block.find((l) => l.trim().startsWith("x-axis"))!;
  return [...line.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
}
function barsOf(block: string[]): number[][] {
  return block.filter((l) => l.trim().startsWith("bar [")).map((l) => JSON.parse(l.trim().slice(4)) as number[]);
}

describe("passRateChart: the numbers", () => {
  it("charts each scorer's baseline and candidate pass rate over the shared items, side by side", async () => {
    // 6 items, two scorers. equals: baseline passes items 0–4 (5/6), candidate 0–2 (3/6).
    // json_valid: baseline passes 0–3 (4/6), candidate all 6. Each run's item passes when both do.
    const baseline = buildRun({ id: "run-base" });
    const candidate = buildRun({ id: "run-cand" });
    const items = (runId: string, equalsPass: (i: number) => boolean, jsonPass: (i: number) => boolean): RunItem[] =>
      Array.from({ length: 6 }, (_, i) =>
        buildItem(runId, `item-${i}`, {
          scores: [
            ["equals", equalsPass(i) ? 1 : 0, equalsPass(i)],
            ["json_valid", jsonPass(i) ? 1 : 0, jsonPass(i)],
          ],
        }),
      );
    const comparison = await compareRuns(
      { run: baseline, items: streamOf(items(baseline.id, (i) => i < 5, (i) => i < 4)) },
      { run: candidate, items: streamOf(items(candidate.id, (i) => i < 3, () => true)) },
    );

    const chart = passRateChart(comparison, []);
    const block = mermaidBlock(chart);
    expect(block).toContain("xychart-beta horizontal");
    expect(block).toContain('  y-axis "pass rate (%)" 0 --> 100');
    expect(categoriesOf(block)).toEqual(["equals · baseline", "equals · candidate", "json_valid · baseline", "json_valid · candidate"]);
    // 5/6 = 83.33 % → 83.3; 3/6 → 50.0; 4/6 = 66.67 % → 66.7; 6/6 → 100.0.
    expect(barsOf(block)).toEqual([
      [83.3, 0, 66.7, 0],
      [0, 50.0, 0, 100.0],
    ]);
    expect(chart).toMatch(/bar \[83\.3, 0, 66\.7, 0\]/);
    expect(chart).toMatch(/bar \[0, 50\.0, 0, 100\.0\]/);
    const legend = chart.split("\n").at(-1)!;
    expect(legend).toBe(
      "Per scorer, the bar labelled _baseline_ is run run-base and the bar labelled _candidate_ is run run-cand: " +
        "pass rates in percent of the 6 shared items, as in the per-scorer table above.",
    );
  });

  it("never rounds a pass rate onto a gate threshold: 79.996 % stays below 80", () => {
    const side = { count: 25_000, mean: 0.79996, pass_rate: 0.79996, errors: 0 };
    const comparison = buildComparison({ scorers: [scorerOf("equals", { baseline: { ...side, pass_rate: 0.8 }, candidate: side })] });
    expect(barsOf(mermaidBlock(passRateChart(comparison, [0.8])))).toEqual([
      [80.0, 0],
      [0, 79.996],
    ]);
    expect(passRateChart(comparison, [0.8])).toContain("bar [0, 79.996]");
    // Without the threshold the usual one decimal.
    expect(passRateChart(comparison, [])).toContain("bar [0, 80.0]");
  });

  it("a scorer one side did not score gets no bar there and says so", () => {
    const comparison = buildComparison({ scorers: [scorerOf("tone", { baseline: null }), scorerOf("equals")] });
    const block = mermaidBlock(passRateChart(comparison, []));
    expect(categoriesOf(block)).toEqual(["tone · baseline (not scored)", "tone · candidate", "equals · baseline", "equals · candidate"]);
    expect(barsOf(block)).toEqual([
      [0, 0, 90.0, 0],
      [0, 90.0, 0, 90.0],
    ]);
  });

  it("charts the first 20 scorers and the legend says how many there are", () => {
    const scorers = Array.from({ length: 23 }, (_, i) => scorerOf(`s${String(i).padStart(2, "0")}`));
    const chart = passRateChart(buildComparison({ scorers }), []);
    expect(categoriesOf(mermaidBlock(chart))).toHaveLength(2 * MAX_CHARTED_SCORERS);
    expect(chart.split("\n").at(-1)).toMatch(/; the first 20 of 23 scorers\.$/);
  });

  it("is empty without scorers", () => {
    expect(passRateChart(buildComparison({ scorers: [] }), [])).toBe("");
  });
});

describe("passRateChart: hostile scorer names", () => {
  it("a name cannot end the string, the code fence, or smuggle a directive, an entity or HTML into the chart", () => {
    const names = [
      'say "hi"] , bar [1',
      "two\nlines\n```\n# heading",
      "%%{init: {'theme':'dark'}}%%",
      "x #quot; &amp; <img src=x onerror=alert(1)>",
      "`md string`",
      "\u202Eevil\u0000",
    ];
    const chart = passRateChart(buildComparison({ scorers: names.map((name) => scorerOf(name)) }), []);
    const block = mermaidBlock(chart);
    // Exactly two fences, eight lines of frontmatter and the chart's six: no line a name added.
    expect(block).toHaveLength(16);
    expect(block.at(-1)).toBe("```");
    const categories = categoriesOf(block);
    expect(categories).toHaveLength(2 * names.length);
    for (const category of categories) expect(category).not.toMatch(/["`;<>\n\u0000\u202E]|%%/);
    expect(categories[0]).toBe("say 'hi'] , bar [1 · baseline");
    expect(categories[2]).toBe("two lines ''' # heading · baseline");
    expect(categories[4]).toBe("%{init: {'theme':'dark'}}% · baseline");
    expect(categories[6]).toBe("x #quot, &amp, ‹img src=x onerror=alert… · baseline");
    expect(categories[10]).toBe("evil · baseline");
    expect(chart).not.toMatch(/%%|#\w+;/);
    expect(barsOf(block)[0]).toHaveLength(2 * names.length);
  });

  it("long names are cut to 40 code points, names made alike stay apart, and an empty one is named", () => {
    expect([...chartLabel("é".repeat(60))]).toHaveLength(40);
    expect(chartLabel("é".repeat(60)).endsWith("…")).toBe(true);
    expect(chartLabel("\n\t ")).toBe("(unnamed)");
    const comparison = buildComparison({ scorers: [scorerOf('a"b'), scorerOf("a'b"), scorerOf("a`b")] });
    expect(categoriesOf(mermaidBlock(passRateChart(comparison, []))).filter((c) => c.endsWith("baseline"))).toEqual([
      "a'b · baseline",
      "a'b (2) · baseline",
      "a'b (3) · baseline",
    ]);
  });
});

describe("renderJobSummary: the chart's place", () => {
  it("puts the chart above the footer of a comparison, and leaves it out without a baseline", async () => {
    const compared = await sampleInput();
    const summary = renderJobSummary(compared);
    const chartAt = summary.indexOf("```mermaid");
    expect(chartAt).toBeGreaterThan(summary.indexOf("Per scorer (pass rate"));
    expect(chartAt).toBeLessThan(summary.lastIndexOf("\n---\n"));
    expect(summary.trimEnd().endsWith("</sub>")).toBe(true);

    const alone = renderJobSummary(await sampleInput({ verdictLabel: "no-baseline", comparison: undefined, verdict: verdictOf("pass") }));
    expect(alone).not.toContain("```mermaid");
  });

  it("links the HTML report artifact in the footer and where items are left out, beside the full report", async () => {
    const artifact = "https://github.com/acme/shop/actions/runs/42/artifacts/7001";
    const summary = renderJobSummary(await sampleInput({ htmlReportUrl: artifact }));
    expect(summary).toContain(`[HTML report](${artifact}) · [full report](https://github.com/acme/shop/actions/runs/42)</sub>`);
  });
});
