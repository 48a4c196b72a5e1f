import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { RunItem } from "../../../src/core/model/run-item.js";
import { exportRunItems, type ExportFormat } from "../../../src/core/report/export-run.js";
import { summarizeRun } from "../../../src/core/summarize-run.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";
import { parseXml } from "./xml-check.js";

const RUN_ID = "run-export";
const ITEMS: RunItem[] = [
  buildItem(RUN_ID, "a,comma", {
    input: 'He said "hi", then\r\nleft',
    output: "line one\nline two, with comma",
    expected: { answer: "x" },
    scores: [["equals", 1, true], ["tone", 0.5, true]],
    latency_ms: 1234,
  }),
  buildItem(RUN_ID, "b<&>", {
    input: { q: "</testcase><script>&amp;" },
    output: "bad \u0001 control and ]]> cdata end",
    scores: [["equals", 0, false, 'expected "x" & got <y>'], ["tone", 1, true]],
  }),
  buildItem(RUN_ID, "c-error", { status: "error", error: "timeout after 30s <&>", latency_ms: 30_000 }),
  buildItem(RUN_ID, " spaced ", { input: "😀 unicode é", scores: [["equals", 1, true]] }),
];

async function exported(format: ExportFormat, items: RunItem[] = ITEMS, withSummary = true): Promise<{ text: string; chunks: number }> {
  const summary = await summarizeRun(items);
  const run = buildRun({ id: RUN_ID, ...(withSummary ? { summary } : {}) });
  let text = "";
  let chunks = 0;
  for await (const chunk of exportRunItems(run, streamOf(items), format)) {
    text += chunk;
    chunks += 1;
  }
  return { text, chunks };
}

describe("exportRunItems", () => {
  it("writes a JSON array that parses back to the items", async () => {
    const { text } = await exported("json");
    // Every record has an annotations array, empty when nobody annotated the item.
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(ITEMS.map((item) => ({ ...item, annotations: [] })))));
    expect(JSON.parse((await exported("json", [])).text)).toEqual([]);
  });

  it("writes JSONL with one item per line", async () => {
    const { text, chunks } = await exported("jsonl");
    const lines = text.trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line).item_id)).toEqual(ITEMS.map((item) => item.item_id));
    expect(chunks).toBe(ITEMS.length);
  });

  it("writes CSV that round-trips commas, quotes, newlines and unicode through csv-parse", async () => {
    const { text } = await exported("csv");
    const records: string[][] = parse(text, { relax_column_count: false });
    expect(records[0]).toEqual(["item_id", "status", "input", "expected", "output", "latency_ms", "error", "score:equals", "score:tone"]);
    expect(records[1]).toEqual([
      "a,comma",
      "passed",
      'He said "hi", then\r\nleft',
      '{"answer":"x"}',
      "line one\nline two, with comma",
      "1234",
      "",
      "1",
      "0.5",
    ]);
    expect(records[3]?.slice(0, 2)).toEqual(["c-error", "error"]);
    expect(records[3]?.[6]).toBe("timeout after 30s <&>");
    expect(records[3]?.slice(7)).toEqual(["", ""]);
    expect(records[4]?.slice(0, 3)).toEqual([" spaced ", "passed", "😀 unicode é"]);
    expect(records).toHaveLength(ITEMS.length + 1);
  });

  it("takes CSV score columns from the first item when the run has no summary", async () => {
    const { text } = await exported("csv", ITEMS, false);
    const records: string[][] = parse(text);
    expect(records[0]?.slice(7)).toEqual(["score:equals", "score:tone"]);
  });

  it("writes well-formed JUnit XML with the right counts, failures and errors", async () => {
    const { text } = await exported("junit");
    const suites = parseXml(text);
    expect(suites.name).toBe("testsuites");
    expect(suites.attributes).toMatchObject({ tests: "4", failures: "1", errors: "1", time: "30.500" });
    const suite = suites.children[0]!;
    expect(suite.name).toBe("testsuite");
    const cases = suite.children.filter((child) => child.name === "testcase");
    expect(cases.map((testcase) => testcase.attributes.name)).toEqual(["a,comma", "b<&>", "c-error", " spaced "]);
    expect(cases[0]?.attributes.time).toBe("1.234");
    const failure = cases[1]?.children[0];
    expect(failure?.name).toBe("failure");
    expect(failure?.attributes.message).toBe('equals (0): expected "x" & got <y>');
    expect(failure?.text).toContain("output: bad \ufffd control and ]]> cdata end");
    expect(cases[2]?.children[0]).toMatchObject({ name: "error", text: "timeout after 30s <&>" });
    expect(cases[0]?.children).toEqual([]);
    const properties = suite.children.find((child) => child.name === "properties");
    expect(properties?.children.map((property) => property.attributes.name)).toContain("dataset_version");
  });

  it("a cancelled run's JUnit carries a failing 'run completion' testcase, counted in the suite", async () => {
    const passing = ITEMS.filter((item) => item.status === "passed");
    const run = buildRun({ id: RUN_ID, status: "cancelled", item_count: 40, summary: await summarizeRun(passing) });
    let xml = "";
    for await (const chunk of exportRunItems(run, streamOf(passing), "junit")) xml += chunk;
    const suites = parseXml(xml);
    expect(suites.attributes).toMatchObject({ tests: "3", failures: "0", errors: "1", skipped: "0" });
    const suite = suites.children[0]!;
    expect(suite.attributes).toMatchObject({ tests: "3", errors: "1" });
    const completion = suite.children.find((child) => child.attributes.name === "run completion");
    expect(completion?.children[0]).toMatchObject({
      name: "error",
      attributes: { message: "the run was cancelled after 2 of 40 items", type: "incomplete" },
    });
    expect(completion?.children[0]?.text).toContain("38 of the dataset's 40 items have no result");
  });

  it("a run that never ended (no summary) still ends its JUnit with the failing 'run completion' testcase", async () => {
    const run = buildRun({ id: RUN_ID, status: "running", item_count: 10 });
    delete run.ended_at;
    let xml = "";
    for await (const chunk of exportRunItems(run, streamOf(ITEMS), "junit")) xml += chunk;
    const cases = parseXml(xml).children[0]!.children.filter((child) => child.name === "testcase");
    expect(cases).toHaveLength(ITEMS.length + 1);
    expect(cases.at(-1)?.children[0]?.attributes.message).toBe(
      "the run did not finish: it stopped after 4 of 10 items (its process was killed or is still running)",
    );
  });

  it("a complete run's JUnit has no 'run completion' testcase", async () => {
    const { text } = await exported("junit");
    expect(text).not.toContain("run completion");
  });

  it("streams a 100,000-item run in chunks without building one string", async () => {
    async function* many() {
      for (let index = 0; index < 100_000; index += 1) yield buildItem(RUN_ID, `item-${index}`, { scores: [["equals", 1, true]] });
    }
    let chunks = 0;
    let largest = 0;
    for await (const chunk of exportRunItems(buildRun({ id: RUN_ID }), many(), "csv")) {
      chunks += 1;
      largest = Math.max(largest, chunk.length);
    }
    expect(chunks).toBe(100_001);
    expect(largest).toBeLessThan(1000);
  });
});
