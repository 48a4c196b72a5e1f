import path from "node:path";
import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startModelServer, type JudgeQuestion, type ModelServer } from "../helpers/openai-server.js";
import { annotationsOf, importRecords, listedRuns, runItemsOf, statuses } from "./import-workspace.js";

const CONFIG = [
  "version: 1",
  "experiments:",
  "  support:",
  "    dataset: items.jsonl",
  "    target:",
  "      type: http",
  "      url: ${EVALGATE_TARGET_URL}/agent",
  '      headers: { Authorization: "Bearer ${AGENT_TOKEN}" }',
  "    scorers:",
  "      - name: llm_judge",
  "        config:",
  "          criteria: The reply says the order shipped.",
  "          model: judge-mini",
  '          provider: { base_url: "${JUDGE_BASE_URL}", api_key: "${JUDGE_API_KEY}" }',
  "    gate: { passed_threshold: 0.5 }",
  "    retries: 0",
  "",
].join("\n");

const DATASET = ["item-0", "item-1", "item-2"].map((id) => JSON.stringify({ id, input: `Where is order ${id}?` })).join("\n") + "\n";

/** Outputs made elsewhere; Arize's own judge called every one correct. */
const RECORDS = [
  { example_id: "item-0", output: "Order 10 has shipped." },
  { example_id: "item-1", output: "Order 11 is lost." },
  { example_id: "item-2", output: "Order 12 has shipped." },
].map((record) => ({ ...record, evaluations: { arize_judge: { label: "correct", explanation: "looks fine" } } }));

/** The judge says Y exactly when the output it is shown mentions shipping. */
function shippingJudge(question: JudgeQuestion): string {
  const output = /\[Output\]\n(.*)/.exec(question.user)?.[1] ?? "";
  return JSON.stringify({ reasoning: `The output reads "${output}".`, choice: output.includes("shipped") ? "Y" : "N" });
}

let judge: ModelServer;
let cwd: string;
beforeAll(async () => {
  judge = await startModelServer({ reply: shippingJudge });
  cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": DATASET });
  await writeFile(path.join(cwd, "runs.jsonl"), RECORDS.map((record) => JSON.stringify(record)).join("\n"));
});
afterAll(async () => judge.close());

describe("evalgate runs import --score with an llm_judge", () => {
  it("asks the experiment's judge about every imported output, as a run would", async () => {
    // Neither the target's URL nor its token is set: an import never calls the target.
    const env = { JUDGE_BASE_URL: judge.baseUrl, JUDGE_API_KEY: "sk-judge" };
    const result = await runEvalgate(["runs", "import", "runs.jsonl", "--experiment", "support", "--score"], { cwd, env });
    expect(result.code, result.stderr).toBe(0);
    expect(judge.count("chat")).toBe(3);
    expect(judge.requests[0]?.headers.authorization).toBe("Bearer sk-judge");
    const [run] = await listedRuns(cwd);
    const items = await runItemsOf(cwd, run!.id);
    expect(statuses(items)).toEqual({ "item-0": "passed", "item-1": "failed", "item-2": "passed" });
    expect(items[1]!.scores[0]!.evidence.reason).toBe('judge judge-mini chose "N" (score 0, below threshold 0.5): The output reads "Order 11 is lost.".');
    expect((await annotationsOf(cwd, run!.id)).map((annotation) => [annotation.item_id, annotation.name, annotation.kind, annotation.value])).toEqual([
      ["item-0", "arize_judge", "label", "correct"],
      ["item-1", "arize_judge", "label", "correct"],
      ["item-2", "arize_judge", "label", "correct"],
    ]);
  });

  it("refuses to start without the judge's key, naming the variable, and stores nothing", async () => {
    const before = await listedRuns(cwd);
    const result = await importRecords(cwd, ["runs.jsonl", "--experiment", "support", "--score"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("environment variable JUDGE_BASE_URL is not set");
    expect(result.stderr).not.toContain("AGENT_TOKEN");
    expect(await listedRuns(cwd)).toEqual(before);
  });
});
