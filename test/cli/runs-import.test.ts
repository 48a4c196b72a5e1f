import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { annotationsOf, importConfig, importRecords, listedRuns, runItemsOf, statuses } from "./import-workspace.js";
import { startArithmeticTarget } from "./workspace-config.js";

/** Six records with evaluations; statuses worked out by hand beside each. */
const RECORDS = [
  // label "correct" is a pass word → passed, score as given.
  { example_id: "item-0", output: { answer: 0 }, evaluations: { correct: { label: "correct", score: 1, explanation: "right" } },
    metadata: { latency_ms: 120, usage: { prompt_tokens: 10, completion_tokens: 4 }, cost: 0.002 } },
  // "incorrect" is a fail word → failed, score 0.
  { example_id: "item-1", output: { answer: 3 }, evaluations: { correct: { label: "incorrect", explanation: "off by one" } } },
  // No label: 0.7 ≥ 0.5 → passed.
  { example_id: "item-2", output: { answer: 4 }, evaluations: { correct: { score: 0.7 } } },
  // "Relevant" says neither: 0.2 < 0.5 → failed.
  { example_id: "item-3", output: { answer: 6 }, evaluations: { correct: { label: "Relevant", score: 0.2 } } },
  // " PASS " is a pass word whatever its case and spaces → passed, score 1.
  { example_id: "item-4", output: { answer: 8 }, evaluations: { correct: { label: " PASS " } } },
  // Every evaluation must pass: tone fails → failed.
  { example_id: "item-5", output: { answer: 10 }, evaluations: { correct: { score: 0.9 }, tone: { label: "fail" } } },
];
const EXPECTED = { "item-0": "passed", "item-1": "failed", "item-2": "passed", "item-3": "failed", "item-4": "passed", "item-5": "failed" };

/** Each item's scores as [scorer, score, passed], by hand from the records above. */
const EXPECTED_SCORES = {
  "item-0": [["correct", 1, true]],
  "item-1": [["correct", 0, false]],
  "item-2": [["correct", 0.7, true]],
  "item-3": [["correct", 0.2, false]],
  "item-4": [["correct", 1, true]],
  "item-5": [["correct", 0.9, true], ["tone", 0, false]],
};

const jsonl = (records: readonly unknown[]) => records.map((record) => JSON.stringify(record)).join("\n") + "\n";

/** The same records as Arize's flat CSV: eval.<name>.<field> columns, metadata columns. */
const CSV = [
  "example_id,output,eval.correct.label,eval.correct.score,eval.correct.explanation,eval.tone.label,latency_ms,metadata.cost,metadata",
  'item-0,"{""answer"":0}",correct,1,right,,120,0.002,"{""usage"":{""prompt_tokens"":10,""completion_tokens"":4}}"',
  'item-1,"{""answer"":3}",incorrect,,off by one,,,,',
  'item-2,"{""answer"":4}",,0.7,,,,,',
  'item-3,"{""answer"":6}",Relevant,0.2,,,,,',
  'item-4,"{""answer"":8}", PASS ,,,,,,',
  'item-5,"{""answer"":10}",,0.9,,fail,,,',
  "",
].join("\r\n");

let cwd: string;

/** An import of RECORDS, in any format: the gate fails it (3 of 6 pass), its items as worked out by hand. */
async function expectSameItems(imported: Awaited<ReturnType<typeof importRecords>>): Promise<void> {
  expect(imported.code, imported.stderr).toBe(1);
  const items = await runItemsOf(cwd, imported.runId!);
  expect(statuses(items)).toEqual(EXPECTED);
  expect(Object.fromEntries(items.map((item) => [item.item_id, item.scores.map((score) => [score.scorer, score.score, score.passed])]))).toEqual(EXPECTED_SCORES);
  expect(items[0]).toMatchObject({ latency_ms: 120, cost: 0.002, usage: { input_tokens: 10, output_tokens: 4 }, output: { answer: 0 } });
  expect(items[1]!.scores[0]!.evidence.reason).toBe("off by one");
}

beforeAll(async () => {
  cwd = await makeWorkspace({ "evalgate.yml": importConfig({ threshold: 0.6, evaluationNames: true }), "items.jsonl": arithmeticDataset(6), "runs.jsonl": jsonl(RECORDS) });
});

describe("evalgate runs import", () => {
  it("stores a JSONL file's outputs and evaluations as a run judged by the experiment's gate", async () => {
    const result = await importRecords(cwd, ["runs.jsonl", "--experiment", "arithmetic"]);
    // 3 of 6 pass: below the gate's 60 % → the gate fails (exit 1), as for any run.
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`imported 6 records from runs.jsonl as run ${result.runId}`);
    const [run] = await listedRuns(cwd);
    expect(run).toMatchObject({ id: result.runId, label: "import", target: "import:runs.jsonl", status: "failed", verdict: "fail", total: 6, passed: 3 });
    const items = await runItemsOf(cwd, result.runId!);
    expect(statuses(items)).toEqual(EXPECTED);
    const first = items[0]!;
    expect(first).toMatchObject({
      input: { question: "0+0" },
      expected: { answer: 0 },
      output: { answer: 0 },
      latency_ms: 120,
      usage: { input_tokens: 10, output_tokens: 4, total_tokens: 14 },
      cost: 0.002,
    });
    expect(first.scores).toMatchObject([{ scorer: "correct", score: 1, passed: true, evidence: { reason: "right", read: { label: "correct" } } }]);
    expect(items[1]!.scores).toMatchObject([{ scorer: "correct", score: 0, passed: false, evidence: { reason: "off by one" } }]);
    expect(items[2]!.latency_ms).toBe(0);
    expect(items[4]!.scores[0]).toMatchObject({ score: 1, passed: true });
    expect(items[5]!.scores.map((score) => [score.scorer, score.score, score.passed])).toEqual([["correct", 0.9, true], ["tone", 0, false]]);
  });

  it("reads the same records from CSV (eval.<name>.<field> columns) and from a JSON array", async () => {
    await writeFile(path.join(cwd, "runs.csv"), CSV);
    await writeFile(path.join(cwd, "runs.json"), JSON.stringify(RECORDS, null, 2));
    const fromCsv = await importRecords(cwd, ["runs.csv", "--experiment", "arithmetic", "--name", "from-csv"]);
    const fromJson = await importRecords(cwd, ["runs.json", "--experiment", "arithmetic"]);
    for (const imported of [fromCsv, fromJson]) await expectSameItems(imported);
    const runs = await listedRuns(cwd);
    expect(runs.find((run) => run.id === fromCsv.runId)).toMatchObject({ label: "from-csv", target: "import:runs.csv" });
    expect(runs.find((run) => run.id === fromJson.runId)).toMatchObject({ label: "import", target: "import:runs.json" });
  });

  it("reads records from stdin (-) in the --format given", async () => {
    const fromJsonl = await importRecords(cwd, ["-", "--format", "jsonl", "--experiment", "arithmetic"], jsonl(RECORDS));
    const fromCsv = await importRecords(cwd, ["-", "--format", "csv", "--experiment", "arithmetic"], CSV);
    for (const imported of [fromJsonl, fromCsv]) await expectSameItems(imported);
    const runs = await listedRuns(cwd);
    expect(runs.find((run) => run.id === fromJsonl.runId)).toMatchObject({ target: "import:stdin" });
  });

  it("refuses example_ids that are not items of the dataset, listing each, and stores nothing", async () => {
    const before = await listedRuns(cwd);
    await writeFile(path.join(cwd, "unknown.jsonl"), jsonl([
      { example_id: "item-1", output: 1, evaluations: { correct: { score: 1 } } },
      { example_id: "item-99", output: 1, evaluations: { correct: { score: 1 } } },
      { example_id: "ghost", output: 1, evaluations: { correct: { score: 1 } } },
    ]));
    const result = await importRecords(cwd, ["unknown.jsonl", "--experiment", "arithmetic"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("2 example_ids are not items of the dataset items.jsonl");
    expect(result.stderr).toContain('"item-99" (unknown.jsonl:2)');
    expect(result.stderr).toContain('"ghost" (unknown.jsonl:3)');
    expect(result.stderr).not.toContain('"item-1"');
    expect(await listedRuns(cwd)).toEqual(before);
  });

  it("names every problem of a file with its line, and stores nothing", async () => {
    const before = await listedRuns(cwd);
    await writeFile(path.join(cwd, "bad.jsonl"), [
      JSON.stringify({ example_id: "item-0", output: 0, evaluations: { correct: { score: 1.5 } } }),
      '{"example_id": "item-1", "output": ',
      JSON.stringify({ example_id: "item-2", evaluations: { correct: { score: 1 } } }),
      JSON.stringify({ output: 3, evaluations: { correct: { score: 1 } } }),
      JSON.stringify({ example_id: "item-0", output: 0, evaluations: { correct: { label: "meh" } } }),
      JSON.stringify({ example_id: "item-4", output: 8, evaluations: { correct: { score: 1 } }, metadata: { latency_ms: "fast" } }),
      "",
    ].join("\n"));
    const result = await importRecords(cwd, ["bad.jsonl", "--experiment", "arithmetic"]);
    expect(result.code).toBe(2);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toBe("evalgate: bad.jsonl: 6 problems, nothing was imported:");
    expect(result.stderr).toContain('bad.jsonl:1: evaluation "correct": score 1.5 is not a number from 0 to 1');
    expect(result.stderr).toMatch(/bad\.jsonl:2: not valid JSON \(.*at column \d+\)/);
    expect(result.stderr).toContain('bad.jsonl:3: the record has no "output"');
    expect(result.stderr).toContain('bad.jsonl:4: the record has no "example_id"');
    expect(result.stderr).toContain('bad.jsonl:5: example_id "item-0" appears again (first at bad.jsonl:1)');
    expect(result.stderr).toContain('bad.jsonl:6: metadata.latency_ms must be a number ≥ 0, got "fast"');
    expect(await listedRuns(cwd)).toEqual(before);
  });

  it("refuses a file with no records, or with no evaluation and no --score", async () => {
    const before = await listedRuns(cwd);
    await writeFile(path.join(cwd, "empty.jsonl"), "\n");
    await writeFile(path.join(cwd, "bare.jsonl"), jsonl([{ example_id: "item-0", output: { answer: 0 } }]));
    const empty = await importRecords(cwd, ["empty.jsonl", "--experiment", "arithmetic"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("empty.jsonl: no records to import");
    const bare = await importRecords(cwd, ["bare.jsonl", "--experiment", "arithmetic"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("no record has evaluations");
    expect(bare.stderr).toContain("--score");
    const stdin = await importRecords(cwd, ["-", "--experiment", "arithmetic"], jsonl(RECORDS));
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain("--format csv, json or jsonl");
    expect(await listedRuns(cwd)).toEqual(before);
  });

  it("stores dataset items without a record, and records without evaluations, as errors", async () => {
    const partial = [...RECORDS.slice(0, 4), { example_id: "item-4", output: { answer: 8 } }];
    await writeFile(path.join(cwd, "partial.jsonl"), jsonl(partial));
    const result = await importRecords(cwd, ["partial.jsonl", "--experiment", "arithmetic"]);
    // 2 of 4 judged items pass, 2 of 6 errored (33 %, above max_error_rate 20 %): the run could not complete.
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("1 of the dataset's 6 items had no record: they are stored as errors");
    const items = await runItemsOf(cwd, result.runId!);
    expect(statuses(items)).toEqual({ ...EXPECTED, "item-4": "error", "item-5": "error" });
    expect(items[4]!.error).toMatch(/^no evaluation was imported for this item and --score was not given/);
    expect(items[4]!.output).toEqual({ answer: 8 });
    expect(items[5]).toMatchObject({ error: "the import file partial.jsonl has no record for this item", attempts: 0, scores: [] });
    const [run] = await listedRuns(cwd);
    expect(run).toMatchObject({ id: result.runId, status: "errored", verdict: "fail", errored: 2 });
  });

  it("makes a null output an error item, as a target answering null is in a run, whatever its evaluations say", async () => {
    const nulled = RECORDS.map((record) => (record.example_id === "item-0" ? { ...record, output: null } : record));
    await writeFile(path.join(cwd, "nulled.jsonl"), jsonl(nulled));
    const result = await importRecords(cwd, ["nulled.jsonl", "--experiment", "arithmetic"]);
    const items = await runItemsOf(cwd, result.runId!);
    expect(statuses(items)).toEqual({ ...EXPECTED, "item-0": "error" });
    expect(items[0]!.error).toBe('the target answered with null at "output"; the response was null');
  });

  it("says when a status derived from the evaluations differs from the metadata.status a file gives", async () => {
    const claimed = RECORDS.map((record) => ({ ...record, metadata: { status: "passed" } }));
    await writeFile(path.join(cwd, "claimed.jsonl"), jsonl(claimed));
    const result = await importRecords(cwd, ["claimed.jsonl", "--experiment", "arithmetic"]);
    // The claims change nothing: the evaluations decide, as without them.
    expect(result.code).toBe(1);
    expect(statuses(await runItemsOf(cwd, result.runId!))).toEqual(EXPECTED);
    expect(result.stderr).toContain('3 items now have another status than their metadata.status says ("item-1", "item-3", "item-5")');
  });

  it("never passes an import whose every call failed", async () => {
    const failed = RECORDS.map((record) => ({ ...record, output: null, metadata: { error: "HTTP 503 from the agent" } }));
    await writeFile(path.join(cwd, "failed.jsonl"), jsonl(failed));
    const result = await importRecords(cwd, ["failed.jsonl", "--experiment", "arithmetic"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("every call failed");
    const items = await runItemsOf(cwd, result.runId!);
    expect(items.every((item) => item.status === "error" && item.error === "HTTP 503 from the agent" && item.output === undefined)).toBe(true);
    const [run] = await listedRuns(cwd);
    expect(run).toMatchObject({ status: "errored", verdict: "fail" });
  });
});

describe("evalgate runs import --score", () => {
  let target: TargetServer;
  let scoreCwd: string;
  beforeAll(async () => {
    target = await startArithmeticTarget();
    scoreCwd = await makeWorkspace({ "evalgate.yml": importConfig({ threshold: 0.5, maxRegressions: 0, prices: true }), "items.jsonl": arithmeticDataset(6) });
  });
  afterAll(async () => target.close());

  /** Every record claims a pass; the experiment's scorers decide otherwise for items 1, 2 and 5. */
  const SCORED = [
    { example_id: "item-0", output: { answer: 0 }, metadata: { latency_ms: 30 } },
    { example_id: "item-1", output: { answer: 3 }, metadata: { latency_ms: 30 } }, // equals fails
    { example_id: "item-2", output: { answer: 4 }, metadata: { latency_ms: 6000 } }, // latency_max 5000 fails
    { example_id: "item-3", output: { answer: 6 }, metadata: { latency_ms: 30 } },
    // No latency (0 ms); its cost comes from the price table: (1·1000 + 2·500) / 1e6 dollars.
    { example_id: "item-4", output: { answer: 8 }, metadata: { model: "gpt-4o-mini", usage: { input_tokens: 1000, output_tokens: 500 } } },
    { example_id: "item-5", output: { answer: 11 }, metadata: { latency_ms: 5001 } }, // both fail
  ].map((record, index) => ({ ...record, evaluations: { judge: { label: "correct", score: 0.25 * (index % 5), explanation: `judged ${index}` } } }));

  it("runs the experiment's scorers over the outputs and keeps the imported evaluations as annotations", async () => {
    await writeFile(path.join(scoreCwd, "scored.jsonl"), jsonl(SCORED));
    const result = await importRecords(scoreCwd, ["scored.jsonl", "--experiment", "arithmetic", "--score"]);
    // 3 of 6 pass, the threshold is 50 %.
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("kept 6 imported evaluations as annotations");
    const items = await runItemsOf(scoreCwd, result.runId!);
    expect(statuses(items)).toEqual({ "item-0": "passed", "item-1": "failed", "item-2": "failed", "item-3": "passed", "item-4": "passed", "item-5": "failed" });
    const passedBy = (itemId: string) => items.find((item) => item.item_id === itemId)!.scores.map((score) => [score.scorer, score.passed]);
    expect(passedBy("item-1")).toEqual([["equals", false], ["latency_max", true]]);
    expect(passedBy("item-2")).toEqual([["equals", true], ["latency_max", false]]);
    expect(passedBy("item-5")).toEqual([["equals", false], ["latency_max", false]]);
    expect(items[4]).toMatchObject({ latency_ms: 0, cost: 0.002, usage: { input_tokens: 1000, output_tokens: 500, total_tokens: 1500 } });
    const annotations = await annotationsOf(scoreCwd, result.runId!);
    expect(annotations.map((annotation) => [annotation.item_id, annotation.name, annotation.kind, annotation.value])).toEqual(
      SCORED.map((record, index) => [record.example_id, "judge", "metric", 0.25 * (index % 5)]),
    );
    expect(annotations[1]).toMatchObject({ note: "label: correct\njudged 1", author: "import", run_item_id: items[1]!.id });
  });

  it("compares with a run that called the target, item for item", async () => {
    const baseline = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--name", "baseline", "--format", "json"], { cwd: scoreCwd });
    expect(baseline.code, baseline.stderr).toBe(0);
    const baselineId = (JSON.parse(baseline.stdout) as { id: string }[])[0]!.id;
    await writeFile(path.join(scoreCwd, "candidate.jsonl"), jsonl(SCORED.map((record) => ({ ...record, metadata: { latency_ms: 10 } }))));
    const imported = await importRecords(scoreCwd, ["candidate.jsonl", "--experiment", "arithmetic", "--score", "--name", "candidate"]);
    expect(imported.code, imported.stderr).toBe(0);
    const compared = await runEvalgate(["runs", "compare", baselineId, imported.runId!, "--format", "json"], { cwd: scoreCwd });
    // Items 1 and 5 answer wrongly in the import: two regressions against max_regressions 0.
    expect(compared.code).toBe(1);
    const { comparison, verdict } = JSON.parse(compared.stdout);
    expect(comparison.same_dataset).toBe(true);
    expect(comparison.regressions.items.map((item: { item_id: string }) => item.item_id)).toEqual(["item-1", "item-5"]);
    expect(comparison.fixes.items).toEqual([]);
    expect(verdict.verdict).toBe("fail");
  });

  it("needs no target URL: the target is never called", async () => {
    const before = target.requests;
    const result = await importRecords(scoreCwd, ["scored.jsonl", "--experiment", "arithmetic", "--score"]);
    expect(result.code, result.stderr).toBe(0);
    expect(target.requests).toBe(before);
  });
});
