import { writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { decodeUtf8Chunks, firstInvalidUtf8 } from "../../../src/core/dataset/decode-utf8.js";
import type { DatasetFormat } from "../../../src/core/dataset/format.js";
import { inspectDatasetChunks } from "../../../src/core/dataset/parse-dataset.js";
import { parseConfig } from "../../../src/core/config/load.js";
import { inspectDataset, readDataset } from "../../../src/engine/dataset-file.js";
import { collect, userErrorOf, writeDataset } from "./temp-dataset.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

function concat(...parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

async function fileError(name: string, bytes: Uint8Array): Promise<string> {
  const file = await writeDataset(name, "");
  await writeFile(file, bytes);
  return userErrorOf(inspectDataset(file, `evals/${name}`));
}

describe("a dataset that is not valid UTF-8 is refused", () => {
  it.each([
    ["data.jsonl", '{"input": "a"}\n{"input": "b"}\n{"input": "', '"}\n'],
    ["data.csv", "input,expected\na,b\nc,", "\n"],
    ["data.json", '[\n  {"input": "a"},\n  {"input": "', '"}\n]'],
  ])("%s: names the line and byte offset of the bad byte", async (name, before, after) => {
    const bytes = concat(utf8(before), new Uint8Array([0xff]), utf8(after));
    expect(await fileError(name, bytes)).toBe(
      `evals/${name}:3: the file is not valid UTF-8 (at byte ${utf8(before).length}); save it with the UTF-8 encoding`,
    );
  });

  it("a bad sequence split by the 64 KiB read boundary is found, with its line", async () => {
    // Line 2 is padded so that a three-byte character starts on the last byte of the first read.
    const prefix = utf8('{"input": "a"}\n{"input": "');
    const boundary = 65_536;
    const padding = utf8("y".repeat(boundary - prefix.length - 1));
    const valid = concat(prefix, padding, utf8("€"), utf8('"}\n'));
    expect(prefix.length + padding.length).toBe(boundary - 1);
    const file = await writeDataset("boundary.jsonl", "");
    await writeFile(file, valid);
    const items = await collect(readDataset(file, "evals/boundary.jsonl"));
    expect((items[1]!.input as string).endsWith("y€")).toBe(true);

    // "€" is E2 82 AC; cut after E2 and follow it with an ASCII byte: the sequence starts at 65535.
    const broken = concat(prefix, padding, new Uint8Array([0xe2]), utf8('A"}\n'));
    expect(await fileError("boundary.jsonl", broken)).toBe(
      `evals/boundary.jsonl:2: the file is not valid UTF-8 (at byte ${boundary - 1}); save it with the UTF-8 encoding`,
    );
  });

  it("a character cut off at the end of the file is refused", async () => {
    const bytes = concat(utf8('{"input": "a"}\n{"input": "b"}\n'), new Uint8Array([0xf0, 0x9f, 0x98]));
    expect(await fileError("cut.jsonl", bytes)).toBe(
      "evals/cut.jsonl:3: the file is not valid UTF-8 (at byte 30); save it with the UTF-8 encoding",
    );
  });

  it("chunks cut anywhere decode to the same text, and a bad byte is found at every cut", async () => {
    const text = 'h€llo 😀 wörld\r\nline two ✓\n';
    const bytes = utf8(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const parts = [bytes.slice(0, cut), bytes.slice(cut)];
      expect((await collect(decodeUtf8Chunks(fromArray(parts), "f"))).join("")).toBe(text);
    }
    const bad = concat(bytes.slice(0, 20), new Uint8Array([0xc3, 0x28]), bytes.slice(20));
    for (let cut = 0; cut <= bad.length; cut++) {
      const parts = [bad.slice(0, cut), bad.slice(cut)];
      expect(await userErrorOf(collect(decodeUtf8Chunks(fromArray(parts), "f")))).toBe(
        "f:2: the file is not valid UTF-8 (at byte 20); save it with the UTF-8 encoding",
      );
    }
  });

  it.each([
    ["an overlong encoding", [0xc0, 0xaf]],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80]],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["a lone continuation byte", [0x80]],
    ["a Latin-1 é", [0xe9, 0x74]],
  ])("%s is invalid", (_, sequence) => {
    expect(firstInvalidUtf8(concat(utf8("ok "), new Uint8Array(sequence)), true)).toBe(3);
  });

  it.each(["jsonl", "csv", "json"] as DatasetFormat[])("a valid %s file with a BOM and multi-byte text is read", async (format) => {
    const text = { jsonl: '{"input": "ünïcödé ✓"}\n', csv: "input\nünïcödé ✓\n", json: '[{"input": "ünïcödé ✓"}]' }[format];
    const info = await inspectDatasetChunks(format, fromArray([concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(text))]), `x.${format}`);
    expect(info.item_count).toBe(1);
  });
});

describe("a config file that is not valid UTF-8 is refused", () => {
  it("names the line and byte", () => {
    const bytes = concat(utf8("version: 1\nexperiments:\n  caf"), new Uint8Array([0xe9]), utf8(":\n"));
    expect(() => parseConfig(bytes, "evalgate.yml")).toThrow(
      "evalgate.yml:3: the file is not valid UTF-8 (at byte 29); save it with the UTF-8 encoding",
    );
  });
});

async function* fromArray(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}
