import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { compareManyRuns } from "../../../src/core/compare-many-runs.js";
import { renderRunsSideBySide } from "../../../src/core/report/render-runs-side-by-side.js";
import { buildItem, buildRun } from "../build-run-items.js";
import { threeRuns } from "../many-runs-fixture.js";

/** A row of the run table as formatTable lays it out: the label left, each run's cell right in 13 columns. */
function row(label: string, ...cells: string[]): string {
  return (label.padEnd(11) + cells.map((cell) => `  ${cell.padStart(13)}`).join("")).trimEnd();
}

describe("renderRunsSideBySide", () => {
  it("prints 3 runs in one table, a column each, then the items whose status differs", async () => {
    const text = renderRunsSideBySide(await compareManyRuns(threeRuns()));
    // Hand-computed: pass rates 3/4, 2/4, 4/5 with Wilson half-widths 32.69, 35.00 and 29.41 pp;
    // equals means 0.75 (se 0.25), 0.50 (se √(1/3)/2 = 0.289) and 1.00 (se 0), ± 1.96·se;
    // latencies as compareManyRuns' test explains; no run reports tokens or cost, so no such rows.
    expect(text).toBe(
      [
        "Runs of support-agent-quality, side by side",
        "  A  run-a · main · dataset ds-111111111111",
        "  B  run-b · variant cooler · dataset ds-111111111111",
        "  C  run-c · pr-42 · dataset ds-111111111111",
        "",
        row("", "A main", "B cooler", "C pr-42"),
        `${"─".repeat(11)}  ${"─".repeat(13)}  ${"─".repeat(13)}  ${"─".repeat(13)}`,
        row("items", "4", "4", "5"),
        row("pass rate", "75.0% (±32.7)", "50.0% (±35.0)", "80.0% (±29.4)"),
        row("equals mean", "0.75±0.49", "0.50±0.57", "1.00±0.00"),
        row("errors", "0", "0", "1"),
        row("latency p50", "150 ms", "100 ms", "120 ms"),
        row("latency p95", "285 ms", "100 ms", "120 ms"),
        "",
        "Items whose status differs (4): ✓ passed · ✗ failed · ! error · – absent",
        "",
        "item  A  B  C",
        "────  ─  ─  ─",
        "b     ✓  ✗  ✓",
        "c     ✗  ✗  !",
        "d     ✓  –  ✓",
        "e     –  ✓  ✓",
        "",
      ].join("\n"),
    );
    expect(Math.max(...text.split("\n").map((line) => stringWidth(line)))).toBeLessThanOrEqual(80);
  });

  it("fits 80 columns with 4 runs, long labels, long scorer names and long item ids", async () => {
    const runs = ["run-20261125-120301-7f3a", "run-20261126-090000-1b2c", "run-20261126-100000-2c3d", "run-20261126-110000-3d4e"].map(
      (id, index) => ({
        run: buildRun({ id, label: `a very long label for run number ${index} ${"x".repeat(40)}` }),
        items: [`item-${"y".repeat(100)}`, "z"].map((item) =>
          buildItem(id, item, { scores: [["tool_params_match_with_a_long_label", index % 2, index % 2 === 1]], cost: 12.5 * index, usage: { total_tokens: 123_456 } }),
        ),
      }),
    );
    const text = renderRunsSideBySide(await compareManyRuns(runs));
    expect(Math.max(...text.split("\n").map((line) => stringWidth(line)))).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^cost +0\.0000 +25\.0000 +50\.0000 +75\.0000$/m);
    expect(text).toMatch(/^tokens +246,912 +246,912 +246,912 +246,912$/m);
    expect(text).toMatch(/^tool_params\S*… +0\.00±0\.00 +1\.00±0\.00 +0\.00±0\.00 +1\.00±0\.00$/m);
    expect(text).toContain("Items whose status differs (2)");
  });

  it("says so when every item has the same status in every run", async () => {
    const runOf = (id: string) => ({ run: buildRun({ id }), items: [buildItem(id, "x", { scores: [["equals", 1, true]] })] });
    const text = renderRunsSideBySide(await compareManyRuns([runOf("run-1"), runOf("run-2")]));
    expect(text).toContain("Every item has the same status in every run.");
    expect(text).toMatch(/^ +A +B$/m);
  });

  it("shows the first differing items and counts the rest", async () => {
    const runOf = (id: string, passed: boolean) => ({
      run: buildRun({ id }),
      items: Array.from({ length: 30 }, (_, index) => buildItem(id, `item-${String(index).padStart(2, "0")}`, { scores: [["equals", passed ? 1 : 0, passed]] })),
    });
    const text = renderRunsSideBySide(await compareManyRuns([runOf("run-1", true), runOf("run-2", false)]), { maxItemsShown: 5 });
    expect(text).toContain("Items whose status differs (30)");
    expect(text).toMatch(/^item-04 +✓ +✗$/m);
    expect(text).not.toContain("item-05");
    expect(text.trimEnd().endsWith("… and 25 more")).toBe(true);
  });
});
