import { describe, expect, it } from "vitest";
import { evaluationOutcome } from "../../../src/core/import/evaluation-outcome.js";
import { exportArizeRecords, type ArizeFileFormat } from "../../../src/core/import/export-arize-records.js";
import { readImportRecords } from "../../../src/core/import/read-import-records.js";
import { scoreImportedItem } from "../../../src/core/import/score-imported-item.js";
import { importEnvironment, UNUSED_TARGET_URL } from "../../../src/core/import/target-only-variables.js";
import type { Item } from "../../../src/core/model/item.js";
import type { RunItem } from "../../../src/core/model/run-item.js";
import type { ResolvedScorer } from "../../../src/core/scorers/registry.js";
import { PASS_ALL } from "../../../src/core/scorers/score-item.js";
import { summarizeRun } from "../../../src/core/summarize-run.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";

const RUN_ID = "run-arize";

/** Outputs a CSV cell could misread (text that looks like JSON), a scorer that errored, a failed call. */
const ITEMS: RunItem[] = [
  buildItem(RUN_ID, "json-looking", { output: "42", scores: [["equals", 1, true, "42 equals 42"], ["tone", 0.25, false, "curt"]] }),
  buildItem(RUN_ID, "padded", { output: ' {"a": 1} ', scores: [["equals", 1, true], ["tone", 1, true]] }),
  buildItem(RUN_ID, "scorer-error", {
    output: { answer: [1, "two"] },
    scores: [["equals", 0, false, "scorer equals (equals) threw: bad regex", "bad regex"], ["tone", 1, true]],
    usage: { input_tokens: 5, output_tokens: 1, total_tokens: 6 },
    cost: 0.5,
  }),
  buildItem(RUN_ID, "call-failed", { status: "error", error: "HTTP 503", latency_ms: 30_000, attempts: 4 }),
  buildItem(RUN_ID, "empty", { output: "", scores: [["equals", 0, false], ["tone", 0, false]] }),
];

const itemOf = (runItem: RunItem): Item => ({ id: runItem.item_id, input: runItem.input as Item["input"] });

async function exported(format: ArizeFileFormat): Promise<string> {
  const run = buildRun({ id: RUN_ID, summary: await summarizeRun(ITEMS) });
  let text = "";
  for await (const chunk of exportArizeRecords(run, streamOf(ITEMS), format)) text += chunk;
  return text;
}

describe("an Arize export read back", () => {
  for (const format of ["jsonl", "csv", "json"] as const) {
    it(`keeps each item's output, call, status and scores (${format})`, async () => {
      const text = await exported(format);
      const records = await readImportRecords(format, streamOf([text]), `runs.${format}`);
      expect(records.map((record) => record.exampleId)).toEqual(ITEMS.map((item) => item.item_id));
      for (const [index, record] of records.entries()) {
        const original = ITEMS[index]!;
        const failed = record.call.error !== undefined;
        expect(failed ? (record.output === null ? undefined : record.output) : record.output).toEqual(original.output);
        expect(record.call).toMatchObject({ latency_ms: original.latency_ms, attempts: original.attempts });
        expect(record.call.usage).toEqual(original.usage);
        expect(record.call.cost).toEqual(original.cost);
        expect(record.exportedStatus).toBe(original.status);
        const result = { output: record.output, latency_ms: 0, attempts: 1, ...(failed ? { error: record.call.error! } : {}) };
        const scored = await scoreImportedItem(record, itemOf(original), result, [], RUN_ID, PASS_ALL);
        expect(scored.status).toBe(original.status);
        expect(scored.scores).toEqual(original.scores.map((score) => ({ ...score, evidence: { read: { label: score.passed ? "pass" : "fail" }, reason: score.evidence.reason } })));
      }
    });
  }

  it("writes a CSV with the evaluation columns of every scorer, and a header for a run of no items", async () => {
    const header = (await exported("csv")).split("\r\n")[0];
    expect(header).toBe(
      "example_id,output,eval.equals.label,eval.equals.score,eval.equals.explanation,eval.tone.label,eval.tone.score,eval.tone.explanation,metadata",
    );
    let empty = "";
    for await (const chunk of exportArizeRecords(buildRun({ id: RUN_ID }), streamOf([]), "csv")) empty += chunk;
    expect(empty).toBe("example_id,output,metadata\r\n");
  });
});

describe("imported evaluations as scores", () => {
  it("reads pass and fail words whatever their case, else the score against 0.5", () => {
    expect(evaluationOutcome("q", { label: "Correct" })).toMatchObject({ score: 1, passed: true });
    expect(evaluationOutcome("q", { label: "NO", score: 0.9 })).toMatchObject({ score: 0.9, passed: false });
    expect(evaluationOutcome("q", { label: "hallucinated", score: 0.5 })).toMatchObject({ passed: true });
    expect(evaluationOutcome("q", { score: 0.49 })).toMatchObject({ passed: false, evidence: { reason: "imported evaluation q: score 0.49 (failed)" } });
  });

  it("decides the status under a weighted pass rule with the experiment's weights", async () => {
    const [record] = await readImportRecords("jsonl", streamOf([JSON.stringify({ example_id: "a", output: 1, evaluations: { heavy: { score: 0.9 }, light: { score: 0.1 } } })]), "r.jsonl");
    const scorer = (label: string, weight: number): ResolvedScorer => ({
      label,
      name: "equals",
      fn: () => ({ score: 1, passed: true, evidence: { reason: "" } }),
      modifiers: { weight },
    });
    const item: Item = { id: "a", input: "q" };
    const weighted = { pass_rule: "weighted" as const, item_threshold: 0.7 };
    const answered = { output: 1, latency_ms: 0, attempts: 1 };
    // (3·0.9 + 1·0.1) / 4 = 0.7 reaches 0.7; with equal weights (0.9 + 0.1) / 2 = 0.5 does not.
    expect((await scoreImportedItem(record!, item, answered, [scorer("heavy", 3), scorer("light", 1)], RUN_ID, weighted)).status).toBe("passed");
    expect((await scoreImportedItem(record!, item, answered, [scorer("heavy", 1), scorer("light", 1)], RUN_ID, weighted)).status).toBe("failed");
    // An evaluation the experiment has no scorer for weighs 0: it cannot lift the mean (0.1 alone fails).
    expect((await scoreImportedItem(record!, item, answered, [scorer("light", 1)], RUN_ID, weighted)).status).toBe("failed");
  });

  it("makes an item an error when a scorer of the experiment has no evaluation: a hand-made name passes nothing", async () => {
    const [record] = await readImportRecords("jsonl", streamOf([JSON.stringify({ example_id: "a", output: "x", evaluations: { q: { label: "pass" } } })]), "r.jsonl");
    const json: ResolvedScorer = { label: "json_valid", name: "json_valid", fn: () => ({ score: 1, passed: true, evidence: { reason: "" } }), modifiers: {} };
    const scored = await scoreImportedItem(record!, { id: "a", input: "q" }, { output: "x", latency_ms: 0, attempts: 1 }, [json], RUN_ID, { pass_rule: "all" });
    expect(scored.status).toBe("error");
    expect(scored.error).toBe(
      "no imported evaluation for the experiment's scorer json_valid (the record has q): name evaluations after the experiment's scorers, or import with --score to run them",
    );
  });
});

describe("importEnvironment", () => {
  it("stands in for variables only the target reads, never for a scorer's", () => {
    const experiment = {
      target: { type: "http", url: "${EVALGATE_TARGET_URL}/agent", headers: { Authorization: "Bearer ${AGENT_TOKEN}", "X-Mode": "${MODE:-fast}", Literal: "$${KEPT}" } },
      scorers: [{ name: "llm_judge", config: { provider: { api_key: "${JUDGE_KEY}" }, extra: "${AGENT_TOKEN}" } }],
    } as never;
    expect(importEnvironment(experiment, { JUDGE_KEY: "k" })).toEqual({ JUDGE_KEY: "k", EVALGATE_TARGET_URL: UNUSED_TARGET_URL });
    expect(importEnvironment(experiment, { EVALGATE_TARGET_URL: "http://x" })).toEqual({ EVALGATE_TARGET_URL: "http://x" });
  });
});
