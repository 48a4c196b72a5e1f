import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inspectDataset } from "../../../src/engine/dataset-file.js";
import { jsonl, userErrorOf, writeDataset } from "./temp-dataset.js";

/** The error of inspecting `content` as a file of the project (messages may quote it). */
async function inspectText(name: string, content: string): Promise<string> {
  const file = await writeDataset(name, content);
  return userErrorOf(inspectDataset(file, `evals/${name}`, { quoteContent: true }));
}

describe("dataset errors", () => {
  it("a malformed JSONL line names the file and line", async () => {
    const message = await inspectText("support.jsonl", '{"input": 1}\n\n{"input": 2, }\n');
    expect(message).toBe(
      "evals/support.jsonl:3: not valid JSON (a comma before '}'; remove the trailing comma, at column 14); write one JSON object per line",
    );
  });

  it("a JSONL line that is not an object says what it is", async () => {
    expect(await inspectText("support.jsonl", '{"input": 1}\n[1, 2]\n')).toBe(
      "evals/support.jsonl:2: expected a JSON object, got an array",
    );
    expect(await inspectText("support.jsonl", '"text"\n')).toBe(
      "evals/support.jsonl:1: expected a JSON object, got a string",
    );
  });

  it("a CSV row with the wrong number of columns names the file and line", async () => {
    const message = await inspectText("support.csv", "input,expected\nq1,a1\nq2,a2,extra\n");
    expect(message).toBe("evals/support.csv:3: expected 2 columns (as in the header), got 3");
  });

  it("CSV line numbers count the lines of multi-line cells and blank lines", async () => {
    const message = await inspectText("support.csv", 'input,expected\n"line one\nline two",a1\n\nq2\n');
    expect(message).toBe("evals/support.csv:5: expected 2 columns (as in the header), got 1");
  });

  it("an unclosed CSV quote names the file and line", async () => {
    const message = await inspectText("support.csv", 'input,expected\nq1,"a1\n');
    expect(message).toBe("evals/support.csv:2: not valid CSV (the quote that opens field 2 of this record is never closed)");
  });

  it("a duplicate id names both lines", async () => {
    const lines = jsonl([
      { id: "order-1", input: 1 },
      { id: "order-7", input: 2 },
      { id: "order-3", input: 3 },
      { id: "order-7", input: 4 },
    ]);
    expect(await inspectText("support.jsonl", lines)).toBe(
      'evals/support.jsonl:4: duplicate item id "order-7" (first on line 2); give each item its own id',
    );
  });

  it("two records with the same content and no id are duplicates too", async () => {
    const message = await inspectText("support.jsonl", jsonl([{ input: "same" }, { input: "same" }]));
    expect(message).toMatch(/^evals\/support\.jsonl:2: duplicate item id "[0-9a-f]{16}" \(first on line 1\)/);
  });

  it("a duplicate id in a JSON array names both elements", async () => {
    const message = await inspectText("support.json", JSON.stringify([{ id: 1, input: 1 }, { id: "1", input: 2 }]));
    expect(message).toBe('evals/support.json:1: item [1]: duplicate item id "1" (first on line 1); give each item its own id');
  });

  it.each([
    ["empty.jsonl", "\n\n"],
    ["empty.json", "[]"],
    ["empty.csv", "input,expected\n"],
  ])("an empty dataset (%s) is refused", async (name, content) => {
    expect(await inspectText(name, content)).toBe(`evals/${name}: the dataset has no items; add at least one record`);
  });

  it("a missing file names the path", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-missing-"));
    const message = await userErrorOf(inspectDataset(path.join(dir, "nope.jsonl"), "evals/nope.jsonl"));
    expect(message).toBe("evals/nope.jsonl: file not found");
  });

  it("a directory is not a dataset", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-dir-"));
    const folder = path.join(dir, "folder.jsonl");
    await import("node:fs/promises").then((fs) => fs.mkdir(folder));
    expect(await userErrorOf(inspectDataset(folder, "evals/folder.jsonl"))).toMatch(/^evals\/folder\.jsonl: not a file/);
  });

  it("an unknown extension names the formats that are read", async () => {
    expect(await inspectText("support.txt", "x\n")).toBe(
      "evals/support.txt: unknown dataset format; name the file .jsonl (or .ndjson), .csv or .json",
    );
  });

  it("a JSON file that is not an array says so", async () => {
    expect(await inspectText("support.json", '{"input": 1}')).toBe(
      "evals/support.json:1: expected a JSON array of items at the top level ([{…}, {…}])",
    );
  });

  it("a truncated JSON array names the unfinished element", async () => {
    const message = await inspectText("support.json", '[{"input": 1}, {"input": 2}, {"input": ');
    expect(message).toBe(
      "evals/support.json:1: item [2]: not valid JSON (the file ends inside this item; close it, and the array with ']', at column 30)",
    );
  });

  it("a JSON array element that is not an object names its index", async () => {
    expect(await inspectText("support.json", '[{"input": 1}, "two"]')).toBe(
      "evals/support.json:1: item [1]: expected a JSON object, got a string",
    );
  });

  it("an id that is neither a string nor a number is refused", async () => {
    expect(await inspectText("support.jsonl", '{"id": {"n": 1}, "input": 1}\n')).toMatch(
      /^evals\/support\.jsonl:1: "id" must be a non-empty string or a number, got an object/,
    );
  });

  it("an id holding U+0000 is refused before anything runs, naming its line", async () => {
    expect(await inspectText("support.jsonl", '{"id": "a", "input": 1}\n{"id": "nul\\u0000id", "input": 2}\n')).toBe(
      'evals/support.jsonl:2: "id" contains the character U+0000, which no store can keep as an id; remove it',
    );
  });

  it("metadata that is not an object is refused", async () => {
    expect(await inspectText("support.jsonl", '{"input": 1, "metadata": "gold"}\n')).toBe(
      'evals/support.jsonl:1: "metadata" must be a JSON object, got a string',
    );
  });

  it("a record with nothing but an id has no input", async () => {
    expect(await inspectText("support.jsonl", '{"id": "a", "expected": 1}\n')).toMatch(
      /^evals\/support\.jsonl:1: the record has no input/,
    );
  });

  it("a CSV header naming a column twice is refused at line 1", async () => {
    expect(await inspectText("support.csv", "input,expected,input\na,b,c\n")).toBe(
      'evals/support.csv:1: column "input" appears twice in the header',
    );
  });
});
