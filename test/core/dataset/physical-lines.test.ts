import { describe, expect, it } from "vitest";
import type { DatasetFormat } from "../../../src/core/dataset/format.js";
import { inspectDatasetChunks, parseDataset } from "../../../src/core/dataset/parse-dataset.js";
import { inspectDataset } from "../../../src/engine/dataset-file.js";
import { collect, userErrorOf, writeDataset } from "./temp-dataset.js";

/** `text` as UTF-8 chunks of `size` bytes: every line break can fall on a chunk boundary. */
async function* chunksOf(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let start = 0; start < bytes.length; start += size) yield bytes.slice(start, start + size);
}

const CHUNK_SIZES = [1, 2, 3, 5, 7, 64 * 1024];

/**
 * The error for `text` read as a file of the project, checked to be the same however the file is
 * cut into chunks (a CRLF or a record split between two reads).
 */
async function errorOf(format: DatasetFormat, text: string): Promise<string> {
  const file = await writeDataset(`data.${format}`, text);
  const fromFile = await userErrorOf(inspectDataset(file, `evals/data.${format}`, { quoteContent: true }));
  for (const size of CHUNK_SIZES) {
    const chunked = await userErrorOf(
      inspectDatasetChunks(format, chunksOf(text, size), `evals/data.${format}`, { quoteContent: true }),
    );
    expect(chunked, `chunks of ${size} bytes`).toBe(fromFile);
  }
  return fromFile;
}

async function itemsOf(format: DatasetFormat, text: string) {
  const records = await collect(parseDataset(format, chunksOf(text, 3), `evals/data.${format}`));
  return records.map(({ item, line }) => ({ ...item, line }));
}

describe("error lines are the physical lines an editor shows", () => {
  it("a CRLF JSONL file with a bad record on line 4 says line 4", async () => {
    const text = '{"input": 1}\r\n{"input": 2}\r\n\r\n{"input": oops}\r\n{"input": 5}\r\n';
    expect(await errorOf("jsonl", text)).toBe(
      'evals/data.jsonl:4: not valid JSON (unexpected character "o", at column 11); write one JSON object per line',
    );
  });

  it("JSONL lines may end in LF, CRLF or a lone CR, mixed in one file", async () => {
    const text = '{"input": 1}\r{"input": 2}\r\n{"input": 3}\n\r\n{"input": [1]}\r{"input": 6\n';
    expect(await errorOf("jsonl", text)).toBe(
      "evals/data.jsonl:6: not valid JSON (expected ',' or '}' after a property value, at column 12); write one JSON object per line",
    );
    expect((await itemsOf("jsonl", text.split("\r{\"input\": 6")[0]!)).map((item) => item.line)).toEqual([1, 2, 3, 5]);
  });

  it("a byte-order mark and blank lines do not shift the count", async () => {
    expect(await errorOf("jsonl", '\uFEFF\n\n{"input": 1}\n[1]\n')).toBe(
      "evals/data.jsonl:4: expected a JSON object, got an array",
    );
  });

  it("a CSV record after a quoted multi-line field (with CRLFs inside) is named by its own line", async () => {
    const text = [
      "id,input,expected", // line 1
      "a,q1,x", // line 2
      'b,"first\r\nsecond\r\nthird",y', // lines 3 to 5
      "c,q3", // line 6: a column short
      "",
    ].join("\r\n");
    expect(await errorOf("csv", text)).toBe("evals/data.csv:6: expected 3 columns (as in the header), got 2");
  });

  it("a malformed quote in the 3rd CSV record names its line, in a file with mixed line endings", async () => {
    const text = 'id,input,expected\na,q1,x\r\nb,"first\nsecond\r\nthird",y\r\rc,q"3,z\n';
    expect(await errorOf("csv", text)).toBe(
      'evals/data.csv:7: not valid CSV (a quote inside field 2, which does not start with one); quote the whole field and double each quote inside it: "say ""hi"""',
    );
  });

  it("CSV records ending in a lone CR are read, and a CRLF file gives the same items as an LF file", async () => {
    const lf = "id,input,expected\na,q1,x\nb,q2,y\n";
    const crlf = lf.replaceAll("\n", "\r\n");
    const cr = lf.replaceAll("\n", "\r");
    const [fromLf, fromCrlf, fromCr] = await Promise.all([itemsOf("csv", lf), itemsOf("csv", crlf), itemsOf("csv", cr)]);
    expect(fromLf).toEqual([
      { id: "a", input: "q1", expected: "x", line: 2 },
      { id: "b", input: "q2", expected: "y", line: 3 },
    ]);
    expect(fromCrlf).toEqual(fromLf);
    expect(fromCr).toEqual(fromLf);
  });

  it("a quoted CSV field keeps its CRLF, and the next record's line counts it once", async () => {
    const items = await itemsOf("csv", 'id,input\r\na,"one\r\ntwo"\r\n\r\nb,three\r\n');
    expect(items).toEqual([
      { id: "a", input: "one\r\ntwo", line: 2 },
      { id: "b", input: "three", line: 5 },
    ]);
  });

  it("a syntax error in a pretty-printed JSON array names its physical line", async () => {
    const text = [
      "[", // 1
      "  {", // 2
      '    "id": "a",', // 3
      '    "input": "x"', // 4
      "  },", // 5
      "  {", // 6
      '    "id": "b",', // 7
      '    "input": nope', // 8
      "  }", // 9
      "]", // 10
      "",
    ].join("\n");
    expect(await errorOf("json", text)).toBe('evals/data.json:8: item [1]: not valid JSON (unexpected character "n", at column 14)');
    expect(await errorOf("json", text.replaceAll("\n", "\r\n"))).toBe(
      'evals/data.json:8: item [1]: not valid JSON (unexpected character "n", at column 14)',
    );
  });

  it("a JSON array element that is not an item names the line it starts on", async () => {
    const text = '[\r\n  {"input": 1},\r\n\r\n  "two"\r\n]\r\n';
    expect(await errorOf("json", text)).toBe("evals/data.json:4: item [1]: expected a JSON object, got a string");
  });

  it("JSON array items record the line they start on; a duplicate names the first one's", async () => {
    const text = '[\n  {"id": "a", "input": 1},\n\n  {\n    "id": "a",\n    "input": 2\n  }\n]';
    expect(await errorOf("json", text)).toBe(
      'evals/data.json:4: item [1]: duplicate item id "a" (first on line 2); give each item its own id',
    );
  });

  it.each([
    ["[1 2]", "evals/data.json:1: item [0]: expected a JSON object, got a number"],
    ['[{"input": 1},\n]', "evals/data.json:2: not valid JSON (a comma before ']'; remove the trailing comma, at column 1)"],
    ['[{"input": 1}]\n\nx', "evals/data.json:3: not valid JSON (unexpected text after the array's closing ']', at column 1)"],
    ['[{"input": 1},\n {"input": "a]\\"}"}', "evals/data.json:2: not valid JSON (the file ends before the array is closed; end it with ']', at column 20)"],
    ['[\n{"input": [1, 2}', "evals/data.json:2: item [0]: not valid JSON (the file ends inside this item; close it, and the array with ']', at column 1)"],
    ["\n\n  ", "evals/data.json:3: the file is empty; write a JSON array of items ([{…}, {…}])"],
  ])("a malformed JSON array (%j) is located", async (text, expected) => {
    expect(await errorOf("json", text)).toBe(expected);
  });
});

describe("nesting", () => {
  const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

  it("a JSONL record nested 200 levels deep is refused with its line and column", async () => {
    expect(await errorOf("jsonl", `{"input": 1}\n{"input": ${deep(200)}}\n`)).toBe(
      "evals/data.jsonl:2: the record is nested more than 128 levels deep (at column 138)",
    );
  });

  it("a JSON array element nested 100,000 levels deep is refused without overflowing the stack", async () => {
    expect(await errorOf("json", `[\n  {"input": ${deep(100_000)}}\n]`)).toBe(
      "evals/data.json:2: item [0]: the record is nested more than 128 levels deep (at column 140)",
    );
  });

  it("a CSV cell of JSON nested 100,000 levels deep stays text", async () => {
    const cell = deep(100_000);
    const [item] = await itemsOf("csv", `input,expected\n"${cell}",x\n`);
    expect(item!.input).toBe(cell);
  });

  it("128 levels are accepted", async () => {
    const items = await itemsOf("jsonl", `{"input": ${deep(127)}}\n`);
    expect(items).toHaveLength(1);
  });
});

describe("messages about a file outside the project quote none of its content", () => {
  async function outsideError(format: DatasetFormat, text: string): Promise<string> {
    return userErrorOf(inspectDatasetChunks(format, chunksOf(text, 64), `../secrets.${format}`));
  }

  it.each([
    ["jsonl", "API_KEY=sk-live-123\n", "../secrets.jsonl:1: not valid JSON (unexpected character, at column 1); write one JSON object per line"],
    ["json", '[{"key": sk-live-123}]', "../secrets.json:1: item [0]: not valid JSON (unexpected character, at column 10)"],
    ["jsonl", '{"id": "sk-live-123", "input": 1}\n{"id": "sk-live-123", "input": 2}\n', "../secrets.jsonl:2: duplicate item id (first on line 1); give each item its own id"],
    ["csv", "sk-live-123,sk-live-123\n1,2\n", "../secrets.csv:1: column 2 of the header repeats the name of column 1"],
    ["csv", 'a,b\nsk-live-"123,x\n', '../secrets.csv:2: not valid CSV (a quote inside field 1, which does not start with one); quote the whole field and double each quote inside it: "say ""hi"""'],
  ] as const)("%s: %j", async (format, text, expected) => {
    const message = await outsideError(format, text);
    expect(message).toBe(expected);
    expect(message).not.toContain("sk-live");
  });
});
