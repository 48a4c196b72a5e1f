import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { inspectDataset, readDataset } from "../../../src/engine/dataset-file.js";
import { collect, writeDataset } from "./temp-dataset.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/datasets/${name}`, import.meta.url));

const RETURN_QUESTION = {
  input: { question: "How do I return an item?" },
  expected: "return-policy",
  metadata: { topic: "returns" },
};

describe("dataset formats", () => {
  it.each([
    ["support.jsonl", "jsonl"],
    ["support.json", "json"],
    ["support.csv", "csv"],
  ] as const)("%s parses into the same items", async (name, format) => {
    const info = await inspectDataset(fixture(name), `evals/${name}`);
    expect(info).toMatchObject({ path: `evals/${name}`, format, item_count: 3 });
    const items = await collect(readDataset(fixture(name), `evals/${name}`));
    const byId = Object.fromEntries(items.map((item) => [item.id, item]));
    expect(byId["order-1"]).toEqual({
      id: "order-1",
      input: { question: "Where is order 1?" },
      expected: "shipped",
      metadata: { topic: "orders" },
    });
    expect(byId["order-7"]?.input).toEqual({ question: "Cancel order 7, please." });
    expect(items.find((item) => !item.id.startsWith("order-"))).toMatchObject(RETURN_QUESTION);
  });

  it("a JSONL record without an input key is its own input, minus id, expected and metadata", async () => {
    const file = await writeDataset(
      "plain.jsonl",
      '{"id": 7, "question": "Where is my order?", "locale": "en", "expected": "shipped", "metadata": {"tier": "gold"}}\n',
    );
    expect(await collect(readDataset(file, "plain.jsonl"))).toEqual([
      {
        id: "7",
        input: { question: "Where is my order?", locale: "en" },
        expected: "shipped",
        metadata: { tier: "gold" },
      },
    ]);
  });

  it("input may be any JSON value, and extra keys join explicit metadata", async () => {
    const file = await writeDataset(
      "any.jsonl",
      '{"input": "plain text", "source": "ticket", "metadata": {"tier": "gold"}}\n{"input": [1, 2], "id": "list"}\n{"input": null, "id": "null"}\n',
    );
    expect(await collect(readDataset(file, "any.jsonl"))).toEqual([
      expect.objectContaining({ input: "plain text", metadata: { source: "ticket", tier: "gold" } }),
      { id: "list", input: [1, 2] },
      { id: "null", input: null },
    ]);
  });

  it("a CSV cell holding a JSON object or array is parsed; other cells stay strings", async () => {
    const file = await writeDataset(
      "cells.csv",
      'id,input,expected,retries\nq1,"{""question"": ""hi""}","[""a"", ""b""]",3\nq2,[not json,{x,7\n',
    );
    expect(await collect(readDataset(file, "cells.csv"))).toEqual([
      { id: "q1", input: { question: "hi" }, expected: ["a", "b"], metadata: { retries: "3" } },
      { id: "q2", input: "[not json", expected: "{x", metadata: { retries: "7" } },
    ]);
  });

  it("CSV without an input column takes the other columns as the input", async () => {
    const file = await writeDataset("plain.csv", "question,expected\nWhere is order 1?,shipped\n");
    expect(await collect(readDataset(file, "plain.csv"))).toEqual([
      expect.objectContaining({ input: { question: "Where is order 1?" }, expected: "shipped" }),
    ]);
  });

  it("CSV expected.<field> columns build an expected object; an empty expected cell means none", async () => {
    const file = await writeDataset(
      "nested.csv",
      "id,input,expected.tool,expected.status\na,find order 1,search_orders,shipped\n",
    );
    const [item] = await collect(readDataset(file, "nested.csv"));
    expect(item).toEqual({ id: "a", input: "find order 1", expected: { tool: "search_orders", status: "shipped" } });
    const bare = await writeDataset("bare.csv", "id,input,expected\nb,hello,\n");
    expect(await collect(readDataset(bare, "bare.csv"))).toEqual([{ id: "b", input: "hello" }]);
  });

  it("a JSON array dataset with nested values streams element by element", async () => {
    const records = [
      { id: "a", input: { messages: [{ role: "user", content: "héllo ✓" }] }, expected: { ok: true } },
      { id: "b", input: { messages: [] }, metadata: { n: 1.5 } },
    ];
    const file = await writeDataset("nested.json", JSON.stringify(records, null, 2));
    expect(await collect(readDataset(file, "nested.json"))).toEqual(records);
  });

  it(".ndjson is read as JSONL", async () => {
    const file = await writeDataset("x.ndjson", '{"input": 1}\n');
    expect((await inspectDataset(file, "x.ndjson")).format).toBe("jsonl");
  });
});
