import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { formatListing } from "../../src/core/report/format-listing.js";
import { formatTable } from "../../src/core/report/format-table.js";
import { widestLine } from "./sample-runs.js";

const ROWS = [
  { id: "run-1", experiment: "support", pass_rate: 0.9, label: "main", extra: "ignored" },
  { label: "pr, \"quoted\"", pass_rate: 1, id: "run-2", experiment: "x".repeat(120) },
];
const COLUMNS = ["id", "experiment", "pass_rate", "label"];

describe("formatListing", () => {
  it("aligns a table that fits 80 columns", () => {
    const text = formatListing(ROWS, COLUMNS, "table");
    expect(widestLine(text)).toBeLessThanOrEqual(80);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^id {5}experiment +pass_rate {2}label$/);
    expect(lines[2]).toMatch(/^run-1 {2}support +0\.9 +main$/);
    expect(lines[3]).toMatch(/^run-2 {2}x+… {2}1 +pr, "quoted"$/);
  });

  it("keeps the same keys in the same order on every JSON and JSONL row", () => {
    const json = JSON.parse(formatListing(ROWS, COLUMNS, "json")) as Record<string, unknown>[];
    expect(json.map((row) => Object.keys(row))).toEqual([COLUMNS, COLUMNS]);
    expect(json[1]).toEqual({ id: "run-2", experiment: "x".repeat(120), pass_rate: 1, label: 'pr, "quoted"' });
    const lines = formatListing([{ id: "run-3" }], COLUMNS, "jsonl").trimEnd().split("\n");
    expect(lines).toEqual(['{"id":"run-3","experiment":null,"pass_rate":null,"label":null}']);
  });

  it("writes CSV that parses back with a header row", () => {
    const records: string[][] = parse(formatListing(ROWS, COLUMNS, "csv"));
    expect(records).toEqual([COLUMNS, ["run-1", "support", "0.9", "main"], ["run-2", "x".repeat(120), "1", 'pr, "quoted"']]);
  });

  it("says (none) for an empty table", () => {
    expect(formatListing([], COLUMNS, "table")).toBe("(none)\n");
    expect(formatListing([], COLUMNS, "json")).toBe("[]\n");
  });
});

describe("formatTable", () => {
  it("shrinks the widest column first and keeps rows on one line", () => {
    const text = formatTable(["a", "b"], [["short", `multi\nline ${"y".repeat(200)}`]], { maxWidth: 40 });
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(widestLine(text)).toBeLessThanOrEqual(40);
    expect(lines[2]).toMatch(/^short {2}multi line y+…$/);
  });

  it("right-aligns numeric columns when asked", () => {
    const text = formatTable(["n", "value"], [["a", "1"], ["b", "100"]], { align: ["left", "right"] });
    expect(text.split("\n").slice(2)).toEqual(["a      1", "b    100"]);
  });
});
