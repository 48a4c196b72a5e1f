import { describe, expect, it } from "vitest";
import { annotationComparisonLines, annotationSummaryLines, formatAnnotationNumber } from "../../../src/core/annotations/render-annotation-summary.js";
import { annotationsByRunItem, summarizeAnnotations } from "../../../src/core/annotations/summarize-annotations.js";
import type { Annotation } from "../../../src/core/model/annotation.js";

function annotation(itemId: string, name: string, value: number | string): Annotation {
  return {
    run_id: "run-1",
    run_item_id: `ri_${itemId}`,
    item_id: itemId,
    name,
    kind: typeof value === "number" ? "metric" : "label",
    value,
    updated_at: "2026-11-30T00:00:00.000Z",
  };
}

describe("summarizeAnnotations", () => {
  it("gives per name the count and mean, min, max of a metric, and every label counted, most frequent first", () => {
    const summaries = summarizeAnnotations([
      annotation("a", "tone", "rude"),
      annotation("a", "quality", 2),
      annotation("b", "tone", "polite"),
      annotation("b", "quality", -1),
      annotation("c", "tone", "rude"),
      annotation("c", "quality", 5),
      annotation("d", "tone", "calm"),
    ]);
    expect(summaries).toEqual([
      // (2 − 1 + 5) / 3 = 2
      { name: "quality", kind: "metric", count: 3, mean: 2, min: -1, max: 5 },
      // Ties in code point order: "calm" before "polite".
      { name: "tone", kind: "label", count: 4, labels: [{ label: "rude", count: 2 }, { label: "calm", count: 1 }, { label: "polite", count: 1 }] },
    ]);
  });

  it("keeps a name written as a metric and as a label apart, the metric first, and orders names by code point", () => {
    const summaries = summarizeAnnotations([annotation("a", "ｚ", 1), annotation("a", "mixed", "x"), annotation("b", "mixed", 3), annotation("a", "😀", 1)]);
    expect(summaries.map((summary) => [summary.name, summary.kind])).toEqual([["mixed", "metric"], ["mixed", "label"], ["ｚ", "metric"], ["😀", "metric"]]);
  });

  it("summarizes 200,000 metrics without running out of stack", () => {
    const many = Array.from({ length: 200_000 }, (_, index) => annotation(`i${index}`, "n", index));
    const [summary] = summarizeAnnotations(many);
    expect(summary).toEqual({ name: "n", kind: "metric", count: 200_000, mean: 99_999.5, min: 0, max: 199_999 });
  });

  it("groups annotations by run item in the order given", () => {
    const byItem = annotationsByRunItem([annotation("a", "x", 1), annotation("b", "x", 2), annotation("a", "y", 3)]);
    expect([...byItem.keys()]).toEqual(["ri_a", "ri_b"]);
    expect(byItem.get("ri_a")?.map((entry) => entry.name)).toEqual(["x", "y"]);
  });
});

describe("annotation summary text", () => {
  it("writes metrics as people write numbers, never rounding a small one to 0", () => {
    expect(formatAnnotationNumber(0.825)).toBe("0.825");
    expect(formatAnnotationNumber(2 / 3)).toBe("0.667");
    expect(formatAnnotationNumber(1234.5)).toBe("1,234.5");
    expect(formatAnnotationNumber(0.000123456)).toBe("0.000123");
    expect(formatAnnotationNumber(-4)).toBe("-4");
  });

  it("is nothing for a run without annotations, and a table that fits the width otherwise", () => {
    expect(annotationSummaryLines([])).toEqual([]);
    expect(annotationComparisonLines([{ title: "baseline", summaries: [] }, { title: "candidate", summaries: [] }])).toEqual([]);
    const long = summarizeAnnotations([annotation("a", "tone", "x".repeat(1000)), annotation("a", "quality", 1)]);
    const lines = annotationSummaryLines(long, 60).join("\n").split("\n");
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
    expect(lines[0]).toMatch(/^annotation\s+kind\s+items\s+summary$/);
  });

  it("says which kind a name is in a comparison only when a name is both", () => {
    const baseline = summarizeAnnotations([annotation("a", "mixed", 1), annotation("b", "mixed", "ok"), annotation("a", "only", 2)]);
    const text = annotationComparisonLines([{ title: "baseline", summaries: baseline }, { title: "candidate", summaries: [] }]).join("\n");
    expect(text).toMatch(/^mixed \(metric\)\s+mean 1 \(n=1\)\s+—$/m);
    expect(text).toMatch(/^mixed \(label\)\s+ok 1\s+—$/m);
    expect(text).toMatch(/^only\s+mean 2 \(n=1\)\s+—$/m);
  });
});
