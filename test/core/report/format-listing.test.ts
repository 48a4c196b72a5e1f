import { parse } from "csv-parse/sync";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { formatListing } from "../../../src/core/report/format-listing.js";
import { formatTable } from "../../../src/core/report/format-table.js";
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

  it("measures CJK and emoji by their display width: columns line up and rows fit", () => {
    const rows = [
      ["run-1", "日本語のラベルがとても長い場合でも切られます", "passed"],
      ["run-2", "🚀 launch 🎉 👍🏽 🇯🇵 ".repeat(6), "failed"],
      ["run-3", "plain", "passed"],
    ];
    const text = formatTable(["id", "label", "status"], rows, { maxWidth: 40 });
    const lines = text.split("\n");
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    const statusColumn = lines.slice(2).map((line) => stringWidth(line.slice(0, line.search(/(passed|failed)$/))));
    expect(new Set(statusColumn).size).toBe(1);
    expect(lines[2]).toMatch(/^run-1 {2}日本語.*… +passed$/);
    expect(lines[3]).not.toMatch(/\p{RI}…/u);
  });

  it("gives way in order: the label is shortened, then dropped, and the id is never cut", () => {
    const id = "run-20261126-090000-1b2c-with-a-long-suffix";
    const header = ["id", "experiment", "label", "status"];
    const row = [id, "customer-support-quality", "リリース候補・日本語のラベル", "interrupted"];
    const giveWay = [2, 1, 3];
    const wide = formatTable(header, [row], { maxWidth: 200, giveWay }).split("\n");
    expect(wide[2]).toBe(row.join("  "));
    const shortened = formatTable(header, [row], { maxWidth: 100, giveWay }).split("\n");
    expect(shortened[2]).toMatch(/^run-\S+-suffix {2}customer-support-quality {2}リリース候補・… +interrupted$/);
    const dropped = formatTable(header, [row], { maxWidth: 80, giveWay }).split("\n");
    expect(dropped[0]).toMatch(/^id +experiment +status$/);
    expect(dropped[2]).toMatch(/^run-\S+-suffix {2}customer-support-\S+… {2}interrupted$/);
    const narrow = formatTable(header, [row], { maxWidth: 20, giveWay }).split("\n");
    expect(narrow[0]).toBe("id");
    expect(narrow[2]).toBe(id);
  });

  it("right-aligns numeric columns when asked", () => {
    const text = formatTable(["n", "value"], [["a", "1"], ["b", "100"]], { align: ["left", "right"] });
    expect(text.split("\n").slice(2)).toEqual(["a      1", "b    100"]);
  });
});
