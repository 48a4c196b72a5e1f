import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../../src/core/canonical.js";
import { datasetVersion } from "../../../src/core/dataset/version-accumulator.js";
import { inspectDataset, readDataset } from "../../../src/engine/dataset-file.js";
import { collect, jsonl, writeDataset } from "./temp-dataset.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/datasets/${name}`, import.meta.url));

const RECORDS = [
  { id: "order-1", input: { question: "Where is order 1?" }, expected: "shipped" },
  { input: { question: "How do I return an item?" }, expected: "return-policy", metadata: { topic: "returns" } },
  { input: "no expected value" },
  { id: 42, input: { question: "A numeric id" } },
];

describe("item ids and dataset versions", () => {
  it("an item's id is its id field, else a 16-character hash of its content", async () => {
    const file = await writeDataset("ids.jsonl", jsonl(RECORDS));
    const ids = (await collect(readDataset(file, "ids.jsonl"))).map((item) => item.id);
    expect(ids).toEqual([
      "order-1",
      contentHash({ input: { question: "How do I return an item?" }, expected: "return-policy", metadata: { topic: "returns" } }, 16),
      contentHash({ input: "no expected value" }, 16),
      "42",
    ]);
    expect(ids[1]).toMatch(/^[0-9a-f]{16}$/);
  });

  it("reordering the file keeps every id and the version", async () => {
    const forward = await writeDataset("a.jsonl", jsonl(RECORDS));
    const backward = await writeDataset("b.jsonl", jsonl([...RECORDS].reverse()));
    const idsForward = (await collect(readDataset(forward, "a.jsonl"))).map((item) => item.id);
    const idsBackward = (await collect(readDataset(backward, "b.jsonl"))).map((item) => item.id);
    expect(idsBackward).toEqual([...idsForward].reverse());
    const [a, b] = await Promise.all([inspectDataset(forward, "a.jsonl"), inspectDataset(backward, "b.jsonl")]);
    expect(a.version).toMatch(/^[0-9a-f]{12}$/);
    expect(b.version).toBe(a.version);
  });

  it("key order inside a record changes neither the id nor the version", async () => {
    const one = await writeDataset("one.jsonl", '{"input": {"a": 1, "b": 2}, "expected": "x"}\n');
    const two = await writeDataset("two.jsonl", '{"expected": "x", "input": {"b": 2, "a": 1}}\n');
    const [itemOne] = await collect(readDataset(one, "one.jsonl"));
    const [itemTwo] = await collect(readDataset(two, "two.jsonl"));
    expect(itemTwo!.id).toBe(itemOne!.id);
    expect((await inspectDataset(two, "two.jsonl")).version).toBe((await inspectDataset(one, "one.jsonl")).version);
  });

  it("the same items as JSONL and as a JSON array have the same version", async () => {
    const lines = await writeDataset("same.jsonl", jsonl(RECORDS));
    const array = await writeDataset("same.json", JSON.stringify(RECORDS, null, 2));
    const [a, b] = await Promise.all([inspectDataset(lines, "same.jsonl"), inspectDataset(array, "same.json")]);
    expect(b.version).toBe(a.version);
  });

  it("the JSONL, JSON and CSV fixtures hold the same items, so the same version", async () => {
    const versions = await Promise.all(
      ["support.jsonl", "support.json", "support.csv"].map(
        async (name) => (await inspectDataset(fixture(name), name)).version,
      ),
    );
    expect(new Set(versions).size).toBe(1);
    const items = await collect(readDataset(fixture("support.jsonl"), "support.jsonl"));
    expect(datasetVersion(items)).toBe(versions[0]);
  });

  it("changing one item changes the version", async () => {
    const before = await writeDataset("before.jsonl", jsonl(RECORDS));
    const after = await writeDataset(
      "after.jsonl",
      jsonl(RECORDS.map((record, index) => (index === 0 ? { ...record, expected: "delivered" } : record))),
    );
    const [a, b] = await Promise.all([inspectDataset(before, "before.jsonl"), inspectDataset(after, "after.jsonl")]);
    expect(b.version).not.toBe(a.version);
  });
});
