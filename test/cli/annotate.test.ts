import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runItemId } from "../../src/core/model/ids.js";
import type { Annotation } from "../../src/core/model/annotation.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

/**
 * Two runs of 6 arithmetic items (item-0 … item-5): the baseline (v1) gets item-1 wrong, the
 * candidate (v2) item-2. The workspace is shared, so each test annotates under names of its own.
 */
let target: TargetServer;
let cwd: string;
let baselineId: string;
let candidateId: string;

async function runOnce(version: string): Promise<string> {
  const result = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/${version}`, "--format", "json"], { cwd });
  expect(result.code, result.stderr).toBe(1);
  return (JSON.parse(result.stdout) as { id: string }[])[0]!.id;
}

beforeAll(async () => {
  target = await startArithmeticTarget({ wrongFor: { v1: ["item-1"], v2: ["item-2"] } });
  cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 1 }), "items.jsonl": arithmeticDataset(6) });
  baselineId = await runOnce("v1");
  candidateId = await runOnce("v2");
});
afterAll(async () => target.close());

async function storedAnnotations(runId: string): Promise<Annotation[]> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    return await store.runAnnotations(runId);
  } finally {
    await store.close();
  }
}

async function annotate(runId: string, file: string, content: string, extra: string[] = []) {
  await writeFile(path.join(cwd, file), content);
  return runEvalgate(["runs", "annotate", runId, "--file", file, ...extra], { cwd });
}

const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join("\n") + "\n";
/** What every stored annotation has beside its value; `updated_at` is the time of the write. */
const shape = (annotation: Annotation) => {
  const { updated_at: updatedAt, ...rest } = annotation;
  expect(Number.isNaN(Date.parse(updatedAt))).toBe(false);
  return rest;
};

describe("evalgate runs annotate", () => {
  it("reads JSONL by item id or run item id, stores metrics and labels with note and author, and prints one summary line", async () => {
    const result = await annotate(baselineId, "first.jsonl", jsonl([
      { item_id: "item-0", name: "helpfulness", metric: 0.5, note: "vague", author: "ana" },
      { run_item_id: runItemId(baselineId, "item-1"), name: "helpfulness", metric: 1 },
      { item_id: "item-1", name: "tone", label: "polite" },
    ]));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${baselineId}: 3 annotations written, 2 run items touched\n`);

    const stored = (await storedAnnotations(baselineId)).filter((annotation) => ["helpfulness", "tone"].includes(annotation.name));
    expect(stored.map(shape)).toStrictEqual([
      { run_id: baselineId, run_item_id: runItemId(baselineId, "item-0"), item_id: "item-0", name: "helpfulness", kind: "metric", value: 0.5, note: "vague", author: "ana" },
      { run_id: baselineId, run_item_id: runItemId(baselineId, "item-1"), item_id: "item-1", name: "helpfulness", kind: "metric", value: 1 },
      { run_id: baselineId, run_item_id: runItemId(baselineId, "item-1"), item_id: "item-1", name: "tone", kind: "label", value: "polite" },
    ]);
  });

  it("reads a JSON array and a CSV file (empty cells are absent, numbers in cells are metrics), and --author fills in a missing author", async () => {
    const json = await annotate(candidateId, "sheet.json", JSON.stringify([
      { item_id: "item-3", name: "json-metric", metric: 2.5 },
      { item_id: "item-4", name: "json-label", label: "ok", author: "cy" },
    ], null, 2), ["--author", "dee"]);
    expect(json.code, json.stderr).toBe(0);
    const csv = await annotate(candidateId, "sheet.csv", [
      "item_id,name,metric,label,note,context",
      "item-3,csv-metric,-4e-1,,,\"what 3+3 is, asked twice\"",
      "item-5,csv-label,,\"a \"\"quoted\"\" label\",\"two\nlines\",",
      "",
    ].join("\n"));
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe(`${candidateId}: 2 annotations written, 2 run items touched\n`);

    const stored = (await storedAnnotations(candidateId)).filter((annotation) => /^(json|csv)-/.test(annotation.name)).map(shape);
    expect(stored).toStrictEqual([
      { run_id: candidateId, run_item_id: runItemId(candidateId, "item-3"), item_id: "item-3", name: "csv-metric", kind: "metric", value: -0.4 },
      { run_id: candidateId, run_item_id: runItemId(candidateId, "item-3"), item_id: "item-3", name: "json-metric", kind: "metric", value: 2.5, author: "dee" },
      { run_id: candidateId, run_item_id: runItemId(candidateId, "item-4"), item_id: "item-4", name: "json-label", kind: "label", value: "ok", author: "cy" },
      { run_id: candidateId, run_item_id: runItemId(candidateId, "item-5"), item_id: "item-5", name: "csv-label", kind: "label", value: 'a "quoted" label', note: "two\nlines" },
    ]);
  });

  it("reads stdin with --format, and asks for --format when stdin's format cannot be told", async () => {
    const child = spawnEvalgate(["runs", "annotate", candidateId, "--file", "-", "--format", "jsonl"], { cwd });
    child.stdin.end(jsonl([{ item_id: "item-0", name: "stdin-metric", metric: 7 }]));
    const result = await collect(child);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${candidateId}: 1 annotation written, 1 run item touched\n`);
    expect((await storedAnnotations(candidateId)).filter((annotation) => annotation.name === "stdin-metric").map((annotation) => annotation.value)).toEqual([7]);

    const guess = await runEvalgate(["runs", "annotate", candidateId, "--file", "-"], { cwd });
    expect(guess.code).toBe(2);
    expect(guess.stderr).toContain("add --format json, jsonl or csv");
  });

  it("annotating the same run item and name twice leaves one value, the latest, also when one file repeats it", async () => {
    const first = await annotate(baselineId, "twice-1.jsonl", jsonl([{ item_id: "item-4", name: "twice", metric: 1, note: "first pass" }]));
    expect(first.code, first.stderr).toBe(0);
    const second = await annotate(baselineId, "twice-2.jsonl", jsonl([
      { item_id: "item-4", name: "twice", metric: 2 },
      { run_item_id: runItemId(baselineId, "item-4"), name: "twice", label: "changed my mind" },
    ]));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(`${baselineId}: 1 annotation written, 1 run item touched (1 record repeated an earlier run item and name; the later one was kept)\n`);

    const stored = (await storedAnnotations(baselineId)).filter((annotation) => annotation.name === "twice");
    expect(stored.map(shape)).toStrictEqual([
      { run_id: baselineId, run_item_id: runItemId(baselineId, "item-4"), item_id: "item-4", name: "twice", kind: "label", value: "changed my mind" },
    ]);
  });
});

describe("evalgate runs annotate refuses bad input", () => {
  let before: Annotation[];
  beforeEach(async () => {
    before = await storedAnnotations(candidateId);
  });

  it("lists every problem as file:line: field, exits 2, and stores nothing, not even the good records", async () => {
    const result = await annotate(candidateId, "bad.jsonl", [
      JSON.stringify({ item_id: "item-0", name: "bad-good", metric: 1 }),
      JSON.stringify({ run_item_id: "ri_000000000000", name: "bad", metric: 1 }),
      JSON.stringify({ item_id: "item-1", name: "bad", metric: 1, label: "both" }),
      "",
      JSON.stringify({ item_id: "item-1", name: "bad", metric: "high" }),
      JSON.stringify({ item_id: "item-2", name: "bad", label: "x".repeat(1001) }),
      JSON.stringify({ item_id: "no-such-item", name: "bad", label: "x" }),
      JSON.stringify({ item_id: "item-3", label: "x" }),
      JSON.stringify({ item_id: "item-3", name: "bad" }),
      JSON.stringify({ item_id: "item-3", name: "bad", label: "x", note: "n".repeat(4001) }),
    ].join("\n"));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("evalgate: bad.jsonl: 8 problems; nothing was stored");
    expect(lines.slice(1)).toEqual([
      `  bad.jsonl:2: run_item_id: "ri_000000000000" is not a run item of run ${candidateId}`,
      '  bad.jsonl:3: metric: is given beside "label"; an annotation is one of them: a number as "metric" or a text as "label" (use two names for both)',
      '  bad.jsonl:5: metric: "high" is not a number; write a number such as 0.8, or give text as "label"',
      '  bad.jsonl:6: label: is 1,001 characters long; at most 1,000 are allowed (put longer text in "note")',
      `  bad.jsonl:7: item_id: "no-such-item" has no run item in run ${candidateId}`,
      '  bad.jsonl:8: name: missing; give the annotation a "name", e.g. "helpfulness"',
      '  bad.jsonl:9: metric: missing; give a number as "metric" or a text as "label"',
      "  bad.jsonl:10: note: is 4,001 characters long; at most 4,000 are allowed",
    ]);
    expect(await storedAnnotations(candidateId)).toStrictEqual(before);
  });

  it("names the CSV line and the JSON array element, and refuses a file that is not well-formed", async () => {
    const csv = await annotate(candidateId, "bad.csv", "item_id,name,metric\nitem-0,bad-csv,0.5\n\nitem-1,bad-csv,0x10\n");
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('bad.csv:4: metric: "0x10" is not a number');
    const header = await annotate(candidateId, "header.csv", "item,name,score\nitem-0,x,1\n");
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('header.csv:1: the header has no "run_item_id" or "item_id", no "metric" or "label" column');
    const json = await annotate(candidateId, "bad.json", '[\n  {"item_id": "item-0", "name": "bad-json", "metric": 1},\n  {"item_id": "item-1", "name": "bad-json", "metric": true}\n]');
    expect(json.code).toBe(2);
    expect(json.stderr).toContain("bad.json:3: item [1]: metric: expected a number, got a boolean");
    const syntax = await annotate(candidateId, "broken.jsonl", '{"item_id": "item-0", "name": "x", "metric": 1}\n{"item_id": "item-1",\n');
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/broken\.jsonl:2: not valid JSON/);
    const empty = await annotate(candidateId, "empty.jsonl", "\n");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("empty.jsonl: no annotations in the file");
    const missing = await runEvalgate(["runs", "annotate", candidateId, "--file", "nowhere.jsonl"], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--file nowhere.jsonl: cannot read it (no such file)");
    const unknownRun = await annotate("run-19990101", "fine.jsonl", jsonl([{ item_id: "item-0", name: "x", metric: 1 }]));
    expect(unknownRun.code).toBe(2);
    expect(unknownRun.stderr).toContain('no run "run-19990101"');
    expect(await storedAnnotations(candidateId)).toStrictEqual(before);
  });
});

describe("annotations beside the automated scores", () => {
  beforeAll(async () => {
    const written = await annotate(baselineId, "view-base.jsonl", jsonl([
      { item_id: "item-0", name: "view-quality", metric: 0.5 },
      { item_id: "item-1", name: "view-quality", metric: 1 },
      { item_id: "item-2", name: "view-quality", metric: 0.75 },
      { item_id: "item-0", name: "view-tone", label: "rude", author: "ana", note: "too curt" },
      { item_id: "item-1", name: "view-tone", label: "polite" },
      { item_id: "item-2", name: "view-tone", label: "rude" },
    ]));
    expect(written.code, written.stderr).toBe(0);
    const candidate = await annotate(candidateId, "view-cand.jsonl", jsonl([
      { item_id: "item-0", name: "view-quality", metric: 1 },
      { item_id: "item-1", name: "view-quality", metric: 0.5 },
    ]));
    expect(candidate.code, candidate.stderr).toBe(0);
  });

  it("runs show adds a block after the scorer table: metrics with count and mean, labels counted; JSON carries the summary", async () => {
    const shown = await runEvalgate(["runs", "show", baselineId], { cwd });
    expect(shown.code).toBe(0);
    const lines = shown.stdout.split("\n");
    const header = lines.findIndex((line) => /^annotation\s+kind\s+items\s+summary$/.test(line));
    expect(header).toBeGreaterThan(lines.findIndex((line) => line.startsWith("scorer ")));
    // (0.5 + 1 + 0.75) / 3 = 0.75
    expect(lines).toContainEqual(expect.stringMatching(/^view-quality\s+metric\s+3\s+mean 0\.75 · min 0\.5 · max 1$/));
    expect(lines).toContainEqual(expect.stringMatching(/^view-tone\s+label\s+3\s+rude 2 · polite 1$/));
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);

    const json = await runEvalgate(["runs", "show", baselineId, "--format", "json"], { cwd });
    const record = JSON.parse(json.stdout) as { annotations: unknown[] };
    expect(record.annotations).toContainEqual({ name: "view-quality", kind: "metric", count: 3, mean: 0.75, min: 0.5, max: 1 });
    expect(record.annotations).toContainEqual({ name: "view-tone", kind: "label", count: 3, labels: [{ label: "rude", count: 2 }, { label: "polite", count: 1 }] });
  });

  it("scores list gives each run item's annotations as rows after its scores, in every format", async () => {
    const json = await runEvalgate(["scores", "list", "--run-id", baselineId, "--format", "json"], { cwd });
    expect(json.code).toBe(0);
    const rows = (JSON.parse(json.stdout) as Record<string, unknown>[]).filter((row) => row["item_id"] === "item-0");
    // The item's scores first, then its annotations.
    expect(rows.slice(0, 2).map((row) => [row["source"], row["scorer"]])).toEqual([
      ["scorer", "equals"],
      ["scorer", "latency_max"],
    ]);
    expect(rows.slice(2).every((row) => row["source"] === "annotation")).toBe(true);
    expect(rows).toContainEqual({ score_id: null, item_id: "item-0", scorer: "view-tone", score: null, passed: null, reason: "too curt", source: "annotation", label: "rude", author: "ana" });
    expect(rows).toContainEqual({ score_id: null, item_id: "item-0", scorer: "view-quality", score: 0.5, passed: null, reason: null, source: "annotation", label: null, author: null });
    // Every row has every column, scorer rows included.
    for (const row of rows) expect(Object.keys(row)).toEqual(["score_id", "item_id", "scorer", "score", "passed", "reason", "source", "label", "author"]);

    const csv = await runEvalgate(["scores", "list", "--run-id", baselineId, "--format", "csv"], { cwd });
    const records = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(records).toContainEqual({ score_id: "", item_id: "item-2", scorer: "view-tone", score: "", passed: "", reason: "", source: "annotation", label: "rude", author: "" });

    const failed = await runEvalgate(["scores", "list", "--run-id", baselineId, "--failed", "--format", "json"], { cwd });
    const failedRows = JSON.parse(failed.stdout) as Record<string, unknown>[];
    // item-1 failed in the baseline: its failed score, then its annotations; passing items show nothing.
    expect(new Set(failedRows.map((row) => row["item_id"]))).toEqual(new Set(["item-1"]));
    expect(failedRows.filter((row) => row["source"] === "annotation").map((row) => row["scorer"])).toContain("view-quality");

    const table = await runEvalgate(["scores", "list", "--run-id", baselineId], { cwd });
    // The reason column may be cut to fit 80 columns; the note comes first.
    expect(table.stdout).toMatch(/^annotation\s+item-0\s+view-tone\s+rude\s+too curt \(by/m);
    expect(table.stdout).toMatch(/^annotation\s+item-0\s+view-quality\s+0\.5\s*$/m);
    for (const line of table.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it("runs compare shows each side's annotations in text and JSON", async () => {
    const text = await runEvalgate(["runs", "compare", baselineId, candidateId], { cwd });
    expect(text.code).toBe(1);
    const lines = text.stdout.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^annotation\s+baseline\s+candidate$/));
    // Candidate: (1 + 0.5) / 2 = 0.75 over 2 items; the baseline's labels, none in the candidate.
    expect(lines).toContainEqual(expect.stringMatching(/^view-quality\s+mean 0\.75 \(n=3\)\s+mean 0\.75 \(n=2\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^view-tone\s+rude 2 · polite 1\s+—$/));
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);

    const json = await runEvalgate(["runs", "compare", baselineId, candidateId, "--format", "json"], { cwd });
    const { annotations } = JSON.parse(json.stdout) as { annotations: { baseline: unknown[]; candidate: unknown[] } };
    expect(annotations.baseline).toContainEqual({ name: "view-quality", kind: "metric", count: 3, mean: 0.75, min: 0.5, max: 1 });
    expect(annotations.candidate).toContainEqual({ name: "view-quality", kind: "metric", count: 2, mean: 0.75, min: 0.5, max: 1 });
    expect(annotations.candidate.some((summary) => (summary as { name: string }).name === "view-tone")).toBe(false);

    const sideBySide = await runEvalgate(["runs", "compare", baselineId, candidateId, baselineId, "--format", "json"], { cwd });
    const many = JSON.parse(sideBySide.stdout) as { annotations: { run_id: string; annotations: { name: string }[] }[] };
    expect(many.annotations.map((run) => run.run_id)).toEqual([baselineId, candidateId, baselineId]);
    const sideText = await runEvalgate(["runs", "compare", baselineId, candidateId, baselineId], { cwd });
    expect(sideText.stdout).toMatch(/^view-quality\s+mean 0\.75 \(n=3\)\s+mean 0\.75 \(n=2\)\s+mean 0\.75 \(n=3\)$/m);
  });
});

describe("evalgate runs annotate at scale", () => {
  it("takes 10,000 annotations in one file: all stored and read back in order", async () => {
    const items = 1_000;
    const bigCwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0, concurrency: 32 }), "items.jsonl": arithmeticDataset(items) });
    const ran = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--format", "json"], { cwd: bigCwd });
    expect(ran.code, ran.stderr).toBe(0);
    const runId = (JSON.parse(ran.stdout) as { id: string }[])[0]!.id;
    const names = Array.from({ length: 10 }, (_, index) => `rater-${index}`);
    const records = [];
    for (let item = 0; item < items; item += 1) {
      for (const [index, name] of names.entries()) {
        records.push(index % 2 === 0 ? { item_id: `item-${item}`, name, metric: item + index } : { item_id: `item-${item}`, name, label: `grade-${item % 3}` });
      }
    }
    await writeFile(path.join(bigCwd, "many.jsonl"), jsonl(records));

    const result = await runEvalgate(["runs", "annotate", runId, "--file", "many.jsonl"], { cwd: bigCwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${runId}: 10,000 annotations written, 1,000 run items touched\n`);

    const store = await openEmbeddedStore(path.join(bigCwd, ".evalgate"));
    try {
      const stored = await store.runAnnotations(runId);
      expect(stored).toHaveLength(10_000);
      // item-0, item-1, item-10, item-100, …: code point order of item ids, then names.
      expect(stored.slice(0, 11).map((annotation) => `${annotation.item_id}/${annotation.name}`)).toEqual([
        ...names.map((name) => `item-0/${name}`),
        "item-1/rater-0",
      ]);
      const last = stored.at(-1)!;
      expect([last.item_id, last.name, last.value]).toEqual(["item-999", "rater-9", "grade-0"]);
      expect(stored.find((annotation) => annotation.item_id === "item-500" && annotation.name === "rater-4")?.value).toBe(504);
    } finally {
      await store.close();
    }
  }, 60_000);
});
