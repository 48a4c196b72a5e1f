import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { readRawRecords, type RawRecord, type ReadRawRecordsOptions, type RecordFileFormat } from "../../../src/core/records/read-raw-records.js";

/** `text` as UTF-8 chunks of `size` bytes: a line break or a character can fall on a chunk boundary. */
async function* chunksOf(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  for (let start = 0; start < bytes.length; start += size) yield bytes.slice(start, start + size);
}

const CHUNK_SIZES = [1, 3, 7, 64 * 1024];

const trimmedNames = (cells: string[]) => cells.map((cell) => cell.trim());

async function recordsOf(format: RecordFileFormat, text: string | Uint8Array, options: Partial<ReadRawRecordsOptions> = {}): Promise<RawRecord[]> {
  let first: RawRecord[] | undefined;
  for (const size of CHUNK_SIZES) {
    const records: RawRecord[] = [];
    for await (const record of readRawRecords(format, chunksOf(text, size), `data.${format}`, { csvHeader: trimmedNames, ...options })) records.push(record);
    if (first === undefined) first = records;
    else expect(records, `chunks of ${size} bytes`).toEqual(first);
  }
  return first!;
}

/** The UserError reading `text` ends with, the same however the file is cut into chunks. */
async function refusalOf(format: RecordFileFormat, text: string | Uint8Array, options: Partial<ReadRawRecordsOptions> = {}): Promise<string> {
  const messages = new Set<string>();
  for (const size of CHUNK_SIZES) {
    const caught = await (async () => {
      for await (const _ of readRawRecords(format, chunksOf(text, size), `data.${format}`, { csvHeader: trimmedNames, ...options }));
    })().then(() => undefined, (error: unknown) => error);
    expect(caught).toBeInstanceOf(UserError);
    messages.add((caught as UserError).message);
  }
  expect(messages.size).toBe(1);
  return [...messages][0]!;
}

describe("readRawRecords", () => {
  it("reads CSV rows keyed by the header, every cell as text, at the line each row starts on", async () => {
    const csv = 'id, note ,score\r\n1,"two\r\nlines",0.5\r\n\r\n2,,1\r3,"a\n\nb",\n';
    expect(await recordsOf("csv", csv)).toEqual([
      { format: "csv", value: { id: "1", note: "two\r\nlines", score: "0.5" }, where: "data.csv:2" },
      { format: "csv", value: { id: "2", note: "", score: "1" }, where: "data.csv:5" },
      { format: "csv", value: { id: "3", note: "a\n\nb", score: "" }, where: "data.csv:6" },
    ]);
  });

  it("reads JSON array elements as parsed, each at its line and index", async () => {
    const json = '[\n  {"a": 1},\n  "text",\n  {\n    "b": [1, 2]\n  }\n]\n';
    expect(await recordsOf("json", json)).toEqual([
      { format: "json", value: { a: 1 }, where: "data.json:2: item [0]" },
      { format: "json", value: "text", where: "data.json:3: item [1]" },
      { format: "json", value: { b: [1, 2] }, where: "data.json:4: item [2]" },
    ]);
  });

  it("reads JSONL lines as parsed and skips blank lines", async () => {
    expect(await recordsOf("jsonl", '\ufeff{"a": 1}\n\n   \r\n[2]\r\n')).toEqual([
      { format: "jsonl", value: { a: 1 }, where: "data.jsonl:1" },
      { format: "jsonl", value: [2], where: "data.jsonl:4" },
    ]);
  });

  it("refuses a record that is not JSON at its line and column", async () => {
    expect(await refusalOf("jsonl", '{"a": 1}\n{"a": tru}\n')).toBe('data.jsonl:2: not valid JSON (unexpected character "t", at column 7); write one JSON object per line');
    expect(await refusalOf("json", '[{"a": 1},\n {"b":\n   oops}]')).toBe('data.json:3: item [1]: not valid JSON (unexpected character "o", at column 4)');
  });

  it("passes record problems to onRecordProblem and reads on past them", async () => {
    const problems: string[] = [];
    const records = await readAll("jsonl", '{"a": 1}\n{"a": tru}\n{"b": 2}\n', { onRecordProblem: (problem) => problems.push(problem) });
    expect(records.map((record) => record.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(problems).toEqual(['data.jsonl:2: not valid JSON (unexpected character "t", at column 7); write one JSON object per line']);

    problems.length = 0;
    const rows = await readAll("csv", "a,b\n1\n2,3\n4,5,6\n", { onRecordProblem: (problem) => problems.push(problem) });
    expect(rows.map((record) => record.where)).toEqual(["data.csv:3"]);
    expect(problems).toEqual(["data.csv:2: expected 2 columns (as in the header), got 1", "data.csv:4: expected 2 columns (as in the header), got 3"]);
  });

  it("refuses a CSV row with another number of cells than the header when no one takes the problem", async () => {
    expect(await refusalOf("csv", "a,b\n1,2\n3\n")).toBe("data.csv:3: expected 2 columns (as in the header), got 1");
  });

  it("refuses an unclosed CSV quote at the line its record starts on, in the caller's words when given", async () => {
    const csv = "a,b\n1,2\n3,\"open\n4,5\n";
    expect(await refusalOf("csv", csv)).toBe("data.csv:3: not valid CSV (the quote that opens field 2 of this record is never closed)");
    const describeCsvSyntaxProblem = ({ code, field }: { code: string; field: number }, where: string) => `${where}: ${code} in field ${field}`;
    expect(await refusalOf("csv", csv, { describeCsvSyntaxProblem })).toBe("data.csv:3: CSV_QUOTE_NOT_CLOSED in field 2");
  });

  it("refuses bytes that are not UTF-8 with their line and byte offset", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"a": 1}\n{"a": "'), 0xff, ...new TextEncoder().encode('"}\n')]);
    expect(await refusalOf("jsonl", bytes)).toBe("data.jsonl:2: the file is not valid UTF-8 (at byte 16); save it with the UTF-8 encoding");
  });

  it("refuses the file, not a record, when a JSON array is malformed, even with onRecordProblem", async () => {
    expect(await refusalOf("json", '{"a": 1}', { onRecordProblem: () => {} })).toBe("data.json:1: expected a JSON array of items at the top level ([{…}, {…}])");
    expect(await refusalOf("json", '[{"a": 1}', { onRecordProblem: () => {} })).toBe("data.json:1: not valid JSON (the file ends before the array is closed; end it with ']', at column 10)");
  });

  it("with limitNesting, refuses a JSONL record nested deeper than the limit", async () => {
    const deep = `{"a": ${"[".repeat(200)}${"]".repeat(200)}}\n`;
    expect(await recordsOf("jsonl", deep)).toHaveLength(1);
    expect(await refusalOf("jsonl", deep, { limitNesting: true })).toBe("data.jsonl:1: the record is nested more than 128 levels deep (at column 134); write one JSON object per line");
  });
});

async function readAll(format: RecordFileFormat, text: string, options: Partial<ReadRawRecordsOptions>): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  for await (const record of readRawRecords(format, chunksOf(text, 5), `data.${format}`, { csvHeader: trimmedNames, ...options })) records.push(record);
  return records;
}
