import { describe, expect, it } from "vitest";
import { type AnnotationFileFormat, type AnnotationFileRecord, readAnnotationRecords } from "../../../src/core/annotations/read-annotation-records.js";
import { UserError } from "../../../src/core/errors.js";

async function* chunksOf(text: string, size = 5): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let start = 0; start < bytes.length; start += size) yield bytes.slice(start, start + size);
}

async function read(format: AnnotationFileFormat, text: string): Promise<AnnotationFileRecord[]> {
  const records: AnnotationFileRecord[] = [];
  for await (const record of readAnnotationRecords(format, chunksOf(text), `notes.${format}`)) records.push(record);
  return records;
}

async function refusal(format: AnnotationFileFormat, text: string): Promise<string> {
  const error = await read(format, text).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

describe("readAnnotationRecords", () => {
  it("reads a sheet's rows as text fields, an empty cell as an absent field", async () => {
    const csv = 'run_item_id,name,metric,label,note\na,quality,0.5,,"two\nlines"\n\nb,tone,,rude,\n';
    expect(await read("csv", csv)).toEqual([
      { fields: { run_item_id: "a", name: "quality", metric: "0.5", note: "two\nlines" }, where: "notes.csv:2", fromCsv: true },
      { fields: { run_item_id: "b", name: "tone", label: "rude" }, where: "notes.csv:5", fromCsv: true },
    ]);
  });

  it("reads JSON records as they are, and refuses one that is not an object", async () => {
    expect(await read("json", '[\n {"item_id": "x", "name": "q", "metric": 1}\n]')).toEqual([
      { fields: { item_id: "x", name: "q", metric: 1 }, where: "notes.json:2: item [0]", fromCsv: false },
    ]);
    expect(await refusal("jsonl", '{"item_id": "x", "name": "q", "metric": 1}\n[1]\n')).toBe(
      'notes.jsonl:2: expected a JSON object with "run_item_id" or "item_id", "name" and "metric" or "label", got an array',
    );
  });

  it("stops at the first record that is not JSON, or a CSV quote that never closes", async () => {
    expect(await refusal("jsonl", '{"a": tru}\n{"b": oops}\n')).toBe('notes.jsonl:1: not valid JSON (unexpected character "t", at column 7); write one JSON object per line');
    expect(await refusal("csv", 'run_item_id,name,metric\na,q,1\nb,"q,1\n')).toBe(
      "notes.csv:3: not valid CSV (CSV_QUOTE_NOT_CLOSED); quote a cell holding a comma, a quote or a line break, and double each quote inside it",
    );
  });

  it("refuses a sheet without the columns every record needs, on its header", async () => {
    expect(await refusal("csv", "item,name,score\nitem-0,x,1\n")).toBe(
      'notes.csv:1: the header has no "run_item_id" or "item_id", no "metric" or "label" column; the columns are run_item_id or item_id, name, metric and/or label, note, author',
    );
    expect(await refusal("csv", "item_id,name,metric\nx,q\n")).toBe("notes.csv:2: expected 3 columns (as in the header), got 2");
  });
});
