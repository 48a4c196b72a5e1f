import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { MAX_LISTED_PROBLEMS } from "../../../src/core/import/import-problems.js";
import type { ImportFormat, ImportRecord } from "../../../src/core/import/import-record.js";
import { readImportRecords } from "../../../src/core/import/read-import-records.js";

async function* chunksOf(text: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  // Small chunks: a record, a line break or a character split between chunks must not matter.
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

const read = (format: ImportFormat, text: string | Uint8Array, file = `runs.${format}`) => readImportRecords(format, chunksOf(text), file);

async function refusal(format: ImportFormat, text: string): Promise<string> {
  const error = await read(format, text).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

describe("readImportRecords", () => {
  it("reads example_id, output, nested and flat evaluations, and the call from metadata", async () => {
    const [record] = await read("jsonl", JSON.stringify({
      example_id: 7,
      output: "hi",
      evaluations: { correct: { label: "yes", explanation: "fine", metadata: { ignored: true } } },
      "eval.tone.score": "0.25",
      latency_ms: 42,
      metadata: { model: "gpt-4o-mini", input_tokens: 3, output_tokens: 1, tool_calls: [{ name: "search" }], attempts: 2 },
    }) + "\n");
    expect(record).toEqual<ImportRecord>({
      exampleId: "7",
      output: "hi",
      evaluations: { correct: { label: "yes", explanation: "fine" }, tone: { score: 0.25 } },
      scorerErrors: {},
      call: {
        latency_ms: 42,
        attempts: 2,
        usage: { input_tokens: 3, output_tokens: 1, total_tokens: 4 },
        model: "gpt-4o-mini",
        tool_calls: [{ name: "search" }],
      },
      where: "runs.jsonl:1",
    });
  });

  it("reads CSV cells as the JSON records would be: JSON output, text labels, empty cells absent", async () => {
    const csv = [
      "example_id,output,eval.q.label,eval.q.score,metadata.latency_ms,note",
      'a,"{""x"":1}",pass,,12,free text',
      'b,"""42""",,0.5,,',
      "c,plain words,fail,,,",
      "d,,Relevant,1,,7",
    ].join("\n");
    const records = await read("csv", csv);
    expect(records.map((record) => [record.exampleId, record.output, record.evaluations, record.call.latency_ms])).toEqual([
      ["a", { x: 1 }, { q: { label: "pass" } }, 12],
      ["b", "42", { q: { score: 0.5 } }, 0],
      ["c", "plain words", { q: { label: "fail" } }, 0],
      ["d", "", { q: { label: "Relevant", score: 1 } }, 0],
    ]);
    expect(records[0]!.where).toBe("runs.csv:2");
  });

  it("names each record of a pretty-printed JSON array by its line and index", async () => {
    const text = '[\n  {"example_id": "a", "output": 1, "eval.q.score": 1},\n  {\n    "output": 2\n  }\n]\n';
    expect(await refusal("json", text)).toBe('runs.json:3: item [1]: the record has no "example_id"; give the id of the dataset item this output answers\nnothing was imported');
  });

  it("lists at most MAX_LISTED_PROBLEMS problems, then how many more", async () => {
    const lines = Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, (_, index) => JSON.stringify({ example_id: `i${index}` }));
    const message = await refusal("jsonl", lines.join("\n"));
    expect(message.split("\n")[0]).toBe(`runs.jsonl: ${MAX_LISTED_PROBLEMS + 5} problems, nothing was imported:`);
    expect(message.split("\n")).toHaveLength(MAX_LISTED_PROBLEMS + 2);
    expect(message).toMatch(/… and 5 more$/);
  });

  it("refuses evaluations it cannot judge, and values of the wrong type", async () => {
    const message = await refusal("jsonl", [
      JSON.stringify({ example_id: "a", output: 1, evaluations: { q: { explanation: "only words" } } }),
      JSON.stringify({ example_id: "b", output: 1, evaluations: { q: { label: 3 } }, metadata: { cost: -1 } }),
      JSON.stringify({ example_id: "c", output: 1, evaluations: { q: { score: 1 } }, "eval.q.score": 0.5 }),
      JSON.stringify({ example_id: "d", output: 1, evaluations: [], metadata: { status: "great" } }),
    ].join("\n"));
    expect(message).toContain('runs.jsonl:1: evaluation "q": has neither a score nor a label');
    expect(message).toContain('runs.jsonl:2: evaluation "q": label must be text, got a number');
    expect(message).toContain("runs.jsonl:2: metadata.cost must be a number ≥ 0, got -1");
    expect(message).toContain('runs.jsonl:3: evaluation "q" gives its score twice');
    expect(message).toContain('runs.jsonl:4: "evaluations" must be an object');
    expect(message).toContain('runs.jsonl:4: metadata.status must be passed, failed or error, got "great"');
  });

  it("refuses bytes that are not UTF-8 with their line, and a CSV quote that never closes", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"example_id":"a","output":"'), 0xff, ...new TextEncoder().encode('"}\n')]);
    expect(await refusal("jsonl", bytes as unknown as string)).toMatch(/^runs\.jsonl:1.*UTF-8/);
    expect(await refusal("csv", 'example_id,output\na,"open\n')).toMatch(/^runs\.csv:2: not valid CSV/);
  });

  it("names every record that is not JSON or has the wrong number of cells, and reads on past it", async () => {
    expect(await refusal("jsonl", '{"a": tru}\n{"example_id": "b", "output": 1}\n{"c": oops}\n')).toBe([
      "runs.jsonl: 2 problems, nothing was imported:",
      '  runs.jsonl:1: not valid JSON (unexpected character "t", at column 7); write one JSON object per line',
      '  runs.jsonl:3: not valid JSON (unexpected character "o", at column 7); write one JSON object per line',
    ].join("\n"));
    expect(await refusal("csv", 'example_id,output\na,1\nb\nc,"x""\n')).toBe([
      "runs.csv: 2 problems, nothing was imported:",
      "  runs.csv:3: expected 2 columns (as in the header), got 1",
      "  runs.csv:4: not valid CSV (CSV_QUOTE_NOT_CLOSED); quote a field with a comma, quote or line break, and double each quote inside it",
    ].join("\n"));
  });

  it("refuses a CSV header without example_id or output, or with an eval column naming no field", async () => {
    expect(await refusal("csv", "id,output\n1,2\n")).toContain("the header has no example_id column");
    expect(await refusal("csv", "example_id,output,eval.q.grade\n1,2,3\n")).toContain('column "eval.q.grade" names no field of an evaluation');
  });
});

describe("a CSV column named __proto__", () => {
  it("stays a metadata field and never becomes the record's prototype", async () => {
    const { importCsvRowToRecord } = await import("../../../src/core/import/import-csv-row.js");
    const problems: string[] = [];
    // As the CSV reader builds a row: an own property named __proto__ (a literal would set the prototype).
    const row = Object.fromEntries([["example_id", "a"], ["output", "x"], ["__proto__", '{"polluted": true}']]) as Record<string, string>;
    const record = importCsvRowToRecord(row, "f.csv:2", problems);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect((record as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(record, "__proto__")?.value).toEqual({ polluted: true });
    expect(problems).toEqual([]);
  });
});
