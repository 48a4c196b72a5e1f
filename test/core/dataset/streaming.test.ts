import { describe, expect, it } from "vitest";
import { parseDataset } from "../../../src/core/dataset/parse-dataset.js";
import type { DatasetFormat } from "../../../src/core/dataset/format.js";
import { inspectDataset, readDataset } from "../../../src/engine/dataset-file.js";
import { writeDataset } from "./temp-dataset.js";

const COUNT = 50_000;

function record(index: number) {
  return { id: `item-${index}`, input: { question: `What is the status of order ${index}?` }, expected: "shipped" };
}

describe("large datasets", () => {
  it("a 50,000-line JSONL file is inspected and read in full", async () => {
    const lines: string[] = [];
    for (let index = 0; index < COUNT; index++) lines.push(JSON.stringify(record(index)));
    const file = await writeDataset("large.jsonl", lines.join("\n") + "\n");
    const info = await inspectDataset(file, "evals/large.jsonl");
    expect(info.item_count).toBe(COUNT);
    let count = 0;
    let last = "";
    for await (const item of readDataset(file, "evals/large.jsonl")) {
      count++;
      last = item.id;
    }
    expect(count).toBe(COUNT);
    expect(last).toBe(`item-${COUNT - 1}`);
  });

  const chunked: Record<DatasetFormat, (index: number) => string> = {
    jsonl: (index) => `${JSON.stringify(record(index))}\n`,
    json: (index) => `${index === 0 ? "[" : ","}${JSON.stringify(record(index))}`,
    csv: (index) => `${index === 0 ? "id,input.question,expected\n" : ""}item-${index},Order ${index}?,shipped\n`,
  };

  it.each(Object.keys(chunked) as DatasetFormat[])(
    "the %s parser yields the first item before reading the rest of the input",
    async (format) => {
      let chunksRead = 0;
      async function* chunks(): AsyncGenerator<string> {
        for (let index = 0; index < 10_000; index++) {
          chunksRead++;
          yield chunked[format](index);
        }
        yield format === "json" ? "]" : "";
      }
      const records = parseDataset(format, chunks(), `evals/large.${format}`);
      const first = await records.next();
      expect(first.value).toMatchObject({ item: { id: "item-0" } });
      expect(chunksRead).toBeLessThan(5_000);
      await records.return(undefined);
    },
  );
});
