import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Annotation } from "../../src/core/model/annotation.js";
import { runItemId } from "../../src/core/model/ids.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";
import { comparable, importConfig, importRecords, runItemsOf } from "./import-workspace.js";

/**
 * A run that called a real target over ten items: item-3 and item-4 answer wrongly, item-9's call
 * fails (HTTP 500, no retries), the others answer right with token usage.
 */
let target: TargetServer;
let cwd: string;
let runId: string;

beforeAll(async () => {
  target = await startTarget({
    respond: (body) => {
      const { input, item_id } = body as { input: { question: string }; item_id: string };
      if (item_id === "item-9") return { status: 500, json: { error: "boom" } };
      const [a, b] = input.question.split("+").map(Number);
      const wrong = item_id === "item-3" || item_id === "item-4";
      return { json: { output: { answer: (a ?? 0) + (b ?? 0) + (wrong ? 1 : 0) }, usage: { input_tokens: 7, output_tokens: 2 } } };
    },
  });
  cwd = await makeWorkspace({ "evalgate.yml": importConfig({ threshold: 0.5 }), "items.jsonl": arithmeticDataset(10) });
  const run = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--format", "json"], { cwd });
  expect(run.code, run.stderr).toBe(0);
  runId = (JSON.parse(run.stdout) as { id: string }[])[0]!.id;
});
afterAll(async () => target.close());

async function exportRun(id: string, format: string, file: string): Promise<string> {
  const out = path.join(cwd, file);
  const result = await runEvalgate(["reports", "export", id, "--artifact-format", format, "-o", out], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return readFile(out, "utf8");
}

describe("reports export --artifact-format arize", () => {
  it("writes one Arize run per item: evaluations from the scores, the call in metadata", async () => {
    const records = (await exportRun(runId, "arize", "runs.arize.jsonl")).trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(records).toHaveLength(10);
    const items = await runItemsOf(cwd, runId);
    const wrong = records.find((record) => record.example_id === "item-3");
    const equals = items.find((item) => item.item_id === "item-3")!.scores[0]!;
    expect(wrong).toEqual({
      example_id: "item-3",
      output: { answer: 7 },
      evaluations: {
        equals: { label: "fail", score: 0, explanation: equals.evidence.reason },
        latency_max: { label: "pass", score: 1, explanation: expect.any(String) },
      },
      metadata: { latency_ms: expect.any(Number), attempts: 1, status: "failed", usage: { input_tokens: 7, output_tokens: 2, total_tokens: 9 } },
    });
    const failed = records.find((record) => record.example_id === "item-9");
    expect(failed).toMatchObject({ output: null, evaluations: {}, metadata: { status: "error", error: expect.stringContaining("500") } });
  });

  for (const [file, format] of [["runs.jsonl", "JSONL"], ["runs.csv", "CSV"], ["runs.json", "JSON"]] as const) {
    it(`imports back (${format}) as the same items: status, output, call and every score`, async () => {
      await exportRun(runId, "arize", file);
      const imported = await importRecords(cwd, [path.join(cwd, file), "--experiment", "arithmetic"]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stderr).not.toContain("another status");
      const original = await runItemsOf(cwd, runId);
      const again = await runItemsOf(cwd, imported.runId!);
      expect(again.map(comparable)).toEqual(original.map(comparable));
      // Exported again, the imported run gives the same file.
      expect(await exportRun(imported.runId!, "arize", `again-${file}`)).toBe(await readFile(path.join(cwd, file), "utf8"));
    });
  }
});

describe("exports carry annotations", () => {
  const annotate = async (): Promise<void> => {
    const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
    const at = "2026-11-30T10:00:00.000Z";
    const annotation = (itemId: string, rest: Pick<Annotation, "name" | "kind" | "value"> & Partial<Annotation>): Annotation => ({
      run_id: runId, run_item_id: runItemId(runId, itemId), item_id: itemId, updated_at: at, ...rest,
    });
    try {
      await store.putAnnotations([
        annotation("item-0", { name: "helpfulness", kind: "metric", value: 0.8, note: "clear", author: "ana" }),
        annotation("item-3", { name: "tone", kind: "label", value: "rude, \"curt\"" }),
        annotation("item-3", { name: "helpfulness", kind: "metric", value: 0.1 }),
      ]);
    } finally {
      await store.close();
    }
  };

  it("csv has an annotation:<name> column per name; json and jsonl an annotations array per item", async () => {
    await annotate();
    const csv = parseCsv(await exportRun(runId, "csv", "annotated.csv"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0]!).slice(-2)).toEqual(["annotation:helpfulness", "annotation:tone"]);
    const row = (itemId: string) => csv.find((record) => record.item_id === itemId)!;
    expect([row("item-0")["annotation:helpfulness"], row("item-0")["annotation:tone"]]).toEqual(["0.8", ""]);
    expect([row("item-3")["annotation:helpfulness"], row("item-3")["annotation:tone"]]).toEqual(["0.1", 'rude, "curt"']);

    const json = JSON.parse(await exportRun(runId, "json", "annotated.json")) as { item_id: string; annotations: unknown[] }[];
    const jsonl = (await exportRun(runId, "jsonl", "annotated.jsonl")).trimEnd().split("\n").map((line) => JSON.parse(line));
    for (const records of [json, jsonl]) {
      const byId = (itemId: string) => records.find((record: { item_id: string }) => record.item_id === itemId)!.annotations;
      expect(byId("item-0")).toEqual([{ name: "helpfulness", kind: "metric", value: 0.8, note: "clear", author: "ana", updated_at: "2026-11-30T10:00:00.000Z" }]);
      expect(byId("item-3")).toEqual([
        { name: "helpfulness", kind: "metric", value: 0.1, updated_at: "2026-11-30T10:00:00.000Z" },
        { name: "tone", kind: "label", value: 'rude, "curt"', updated_at: "2026-11-30T10:00:00.000Z" },
      ]);
      expect(byId("item-1")).toEqual([]);
    }
  });
});
