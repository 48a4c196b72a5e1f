import { describe, expect, it } from "vitest";
import { renderDatasetDiff } from "../../../src/core/report/render-dataset-diff.js";
import { formatCountOf } from "../../../src/core/stats.js";

describe("a count with its noun", () => {
  it("is singular for exactly one, with thousands separators otherwise", () => {
    expect([0, 1, 2, 2500].map((count) => formatCountOf(count, "item"))).toEqual(["0 items", "1 item", "2 items", "2,500 items"]);
    expect(formatCountOf(1, "repeat", "repeats")).toBe("1 repeat");
    expect(formatCountOf(3, "child", "children")).toBe("3 children");
  });

  it("datasets diff of a one-item version says 1 item", () => {
    const text = renderDatasetDiff(
      { version: "aaaaaaaaaaaa", dataset_path: "one.jsonl", item_count: 1 },
      { version: "bbbbbbbbbbbb", dataset_path: "two.jsonl", item_count: 2 },
      { added: ["b"], removed: [], changed: [], unchanged: 1 },
    );
    expect(text.split("\n")[0]).toBe("dataset aaaaaaaaaaaa (one.jsonl, 1 item) → bbbbbbbbbbbb (two.jsonl, 2 items)");
  });
});
