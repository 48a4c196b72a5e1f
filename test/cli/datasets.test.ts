import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectDataset, readDataset } from "../../src/engine/dataset-file.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

/** An arithmetic item: `a+b` answered with their sum, with what else a record may carry. */
function item(id: string, a: number, b: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, input: { question: `${a}+${b}` }, expected: { answer: a + b }, ...extra });
}

const FIRST = [
  item("item-1", 1, 1),
  item("item-2", 2, 2, { metadata: { topic: "twos" } }),
  item("item-3", 3, 3),
  item("item-4", 4, 4),
  item("item-5", 5, 5),
  item("item-6", 6, 6),
];
// By hand from FIRST: item-2 removed; item-3's expected and item-4's input changed (same ids);
// item-6 gains metadata; item-10 and item-9 added; item-1 and item-5 unchanged.
const SECOND = [
  item("item-1", 1, 1),
  JSON.stringify({ id: "item-3", input: { question: "3+3" }, expected: { answer: 7 } }),
  JSON.stringify({ id: "item-4", input: { question: "4+40" }, expected: { answer: 8 } }),
  item("item-5", 5, 5),
  item("item-6", 6, 6, { metadata: { topic: "sixes" } }),
  item("item-9", 9, 9),
  item("item-10", 10, 10),
];

/**
 * Stores the dataset file's version in the workspace's store, as a run does when it starts (a
 * no-op once the run has stored it): read through the dataset loader, so the version is the one
 * runs record.
 */
async function storeDatasetVersion(cwd: string, file: string): Promise<string> {
  const info = await inspectDataset(path.join(cwd, file), file, { quoteContent: true });
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    const record = { version: info.version, dataset_path: file, item_count: info.item_count, created_at: new Date().toISOString() };
    await store.putDatasetVersion(record, readDataset(path.join(cwd, file), file, { quoteContent: true }));
  } finally {
    await store.close();
  }
  return info.version;
}

/** The version the dataset loader reads from a file, as a run would record it. */
async function versionOf(file: string): Promise<string> {
  return (await inspectDataset(file, path.basename(file), { quoteContent: true })).version;
}

describe("datasets list, show, diff and export", () => {
  let target: TargetServer;
  let cwd: string;
  let v1: string;
  let v2: string;

  /** A run over each of two versions of items.jsonl, the second after a known edit. */
  beforeAll(async () => {
    target = await startArithmeticTarget();
    cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0.5 }), "items.jsonl": FIRST.join("\n") + "\n" });
    for (const lines of [FIRST, SECOND]) {
      await writeFile(path.join(cwd, "items.jsonl"), lines.join("\n") + "\n");
      const run = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--format", "json"], { cwd });
      expect(run.stderr).not.toContain("evalgate:");
      const version = await storeDatasetVersion(cwd, "items.jsonl");
      if (lines === FIRST) v1 = version;
      else v2 = version;
    }
  }, 60_000);
  afterAll(async () => {
    await target?.close();
  });

  it("datasets diff names the ids added, removed and changed by the edit", async () => {
    const diffed = await runEvalgate(["datasets", "diff", v1.slice(0, 6), v2.slice(0, 6), "--format", "json"], { cwd });
    expect(diffed.stderr).toBe("");
    expect(diffed.code).toBe(0);
    expect(JSON.parse(diffed.stdout)).toEqual({
      before: { version: v1, dataset_path: "items.jsonl", item_count: 6 },
      after: { version: v2, dataset_path: "items.jsonl", item_count: 7 },
      // Code point order of id: "item-10" sorts before "item-9".
      added: ["item-10", "item-9"],
      removed: ["item-2"],
      changed: [
        { id: "item-3", fields: ["expected"] },
        { id: "item-4", fields: ["input"] },
        { id: "item-6", fields: ["metadata"] },
      ],
      unchanged: 2,
    });

    const text = await runEvalgate(["datasets", "diff", v1, v2], { cwd });
    expect(text.stdout).toContain(`dataset ${v1} (items.jsonl, 6 items) → ${v2} (items.jsonl, 7 items)`);
    expect(text.stdout).toContain("added 2, removed 1, changed 3, unchanged 2");
    expect(text.stdout).toMatch(/changed \(3\):\n {2}item-3 +expected\n {2}item-4 +input\n {2}item-6 +metadata\n/);

    const reversed = JSON.parse((await runEvalgate(["datasets", "diff", v2, v1, "--format", "json"], { cwd })).stdout);
    expect(reversed.added).toEqual(["item-2"]);
    expect(reversed.removed).toEqual(["item-10", "item-9"]);
  });

  it("datasets list shows each version with its items and runs, and fits 80 columns", async () => {
    const listed = await runEvalgate(["datasets", "list", "--format", "json"], { cwd });
    expect(listed.stderr).toBe("");
    const versions = JSON.parse(listed.stdout) as { version: string; dataset_path: string; item_count: number; runs: number; last_used: string | null }[];
    expect(versions.map(({ version, dataset_path, item_count, runs }) => ({ version, dataset_path, item_count, runs }))).toEqual([
      { version: v2, dataset_path: "items.jsonl", item_count: 7, runs: 1 },
      { version: v1, dataset_path: "items.jsonl", item_count: 6, runs: 1 },
    ]);
    expect(versions.every((version) => version.last_used !== null)).toBe(true);

    const table = await runEvalgate(["datasets", "list"], { cwd, env: { COLUMNS: "80" } });
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^version\s+dataset\s+items\s+runs\s+first used\s+last used$/);
    expect(lines[2]).toContain(v2);
    expect(lines.every((line) => line.length <= 80)).toBe(true);
    expect((await runEvalgate(["datasets", "list", "other.jsonl"], { cwd })).stdout).toBe("(none)\n");
    const csv = await runEvalgate(["datasets", "list", "--format", "csv"], { cwd });
    expect(csv.stdout.split("\r\n")[0]).toBe("version,dataset_path,item_count,runs,created_at,first_used,last_used");
  });

  it("datasets show gives the version, its runs and its first items by id", async () => {
    const shown = await runEvalgate(["datasets", "show", v1.slice(0, 5), "--items", "2"], { cwd });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`dataset     ${v1} (items.jsonl)`);
    expect(shown.stdout).toContain("items       6 (6 with expected, 1 with metadata)");
    expect(shown.stdout).toMatch(/runs {8}1 · first /);
    expect(shown.stdout).toContain('  item-1  {"question":"1+1"} → {"answer":2}');
    expect(shown.stdout).toContain(`… and 4 more: evalgate datasets export ${v1} -o FILE`);
    const json = JSON.parse((await runEvalgate(["datasets", "show", v2, "--format", "json"], { cwd })).stdout);
    expect(json).toMatchObject({ version: v2, item_count: 7, runs: 1, counts: { with_expected: 7, with_metadata: 1, with_scorers: 0 } });
    expect(json.items.map((entry: { id: string }) => entry.id)).toEqual(["item-1", "item-10", "item-3", "item-4", "item-5"]);

    // Versions are lower-case hex: one typed in capitals, or with a stray space, names the same.
    const capitals = await runEvalgate(["datasets", "show", ` ${v1.slice(0, 6).toUpperCase()}`, "--format", "json"], { cwd });
    expect(capitals.code).toBe(0);
    expect(JSON.parse(capitals.stdout)).toMatchObject({ version: v1 });

    const unknown = await runEvalgate(["datasets", "show", "ffffffffffff"], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no dataset version "ffffffffffff" in this store (see `evalgate datasets list`');
  });

  it("datasets export writes JSONL, CSV and JSON that the dataset loader reads back as the same version", async () => {
    for (const file of ["back.jsonl", "back.csv", "back.json"]) {
      const exported = await runEvalgate(["datasets", "export", v2, "-o", file], { cwd });
      expect(exported.stderr).toBe(`wrote ${file} (${path.extname(file).slice(1)}, 7 items of dataset version ${v2})\n`);
      expect(await versionOf(path.join(cwd, file))).toBe(v2);
    }
    expect((await readFile(path.join(cwd, "back.csv"), "utf8")).split("\r\n")[0]).toBe("id,input,expected,metadata");
    // --format when the name does not tell.
    const named = await runEvalgate(["datasets", "export", v1, "-o", "v1.txt", "--format", "csv"], { cwd });
    expect(named.code).toBe(0);
    expect((await readFile(path.join(cwd, "v1.txt"), "utf8")).split("\r\n")[1]).toBe('item-1,"{""question"":""1+1""}","{""answer"":2}",{}');
    const untold = await runEvalgate(["datasets", "export", v1, "-o", "v1.txt"], { cwd });
    expect(untold.code).toBe(2);
    expect(untold.stderr).toContain("-o v1.txt: name the file .jsonl, .csv or .json, or pass --format jsonl|csv|json");
  });
});

describe("datasets export to CSV", () => {
  it("keeps what a CSV cell can carry (text with commas, quotes and line breaks, derived ids, own scorers) and reads back as the same version", async () => {
    const lines = [
      { input: "plain text, with a comma", expected: 'say "hi"' },
      { id: "multi", input: "two\nlines\r\nand a CR\r", metadata: { tags: ["a", "b"], n: 3 } },
      { id: "spaces", input: "  leading and trailing  ", expected: { answer: [1, 2] } },
      { id: "own", input: { question: "1+1" }, scorers: ["json_valid"], scorers_mode: "replace" },
      { id: "ünïcödé 🎉", input: "x" },
    ].map((record) => JSON.stringify(record));
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: "tricky.jsonl" }), "tricky.jsonl": lines.join("\n") + "\n" });
    const version = await storeDatasetVersion(cwd, "tricky.jsonl");
    for (const file of ["tricky.csv", "tricky.json", "again.jsonl"]) {
      const exported = await runEvalgate(["datasets", "export", version, "-o", file], { cwd });
      expect(exported.stderr).not.toContain("evalgate:");
      expect(await versionOf(path.join(cwd, file))).toBe(version);
    }
    expect((await readFile(path.join(cwd, "tricky.csv"), "utf8")).split("\r\n")[0]).toBe("id,input,expected,metadata,scorers,scorers_mode");
  });

  it("refuses an item a CSV cell would change, leaves no file behind, and the same version exports as JSONL", async () => {
    const lines = [{ id: "n", input: 42 }, { id: "j", input: "[1, 2]" }].map((record) => JSON.stringify(record));
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: "numbers.jsonl" }), "numbers.jsonl": lines.join("\n") + "\n" });
    const version = await storeDatasetVersion(cwd, "numbers.jsonl");
    const refused = await runEvalgate(["datasets", "export", version, "-o", "numbers.csv"], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('item "j" cannot be written as CSV: its input would read back as something else');
    expect(refused.stderr).toContain("export as .jsonl or .json instead");
    expect(existsSync(path.join(cwd, "numbers.csv"))).toBe(false);
    expect((await readdir(cwd)).filter((name) => name.includes(".partial-"))).toEqual([]);
    expect((await runEvalgate(["datasets", "export", version, "-o", "numbers.jsonl.out", "--format", "jsonl"], { cwd })).code).toBe(0);
    await writeFile(path.join(cwd, "copy.jsonl"), await readFile(path.join(cwd, "numbers.jsonl.out")));
    expect(await versionOf(path.join(cwd, "copy.jsonl"))).toBe(version);
  });
});
