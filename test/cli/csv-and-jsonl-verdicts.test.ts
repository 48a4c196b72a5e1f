import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunItem } from "../../src/core/model/run-item.js";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

function experiment(name: string, dataset: string): string[] {
  return [
    `  ${name}:`,
    `    dataset: ${dataset}`,
    "    target: { type: http, url: \"${EVALGATE_TARGET_URL}/agent\", timeout: 5s }",
    "    scorers: [equals]",
    "    gate: { passed_threshold: 0 }",
  ];
}

const CONFIG = ["version: 1", "experiments:", ...experiment("from-csv", "items.csv"), ...experiment("from-jsonl", "items.jsonl"), ""].join("\n");

/** The same items in both files; a CSV cell is always text, JSONL keeps the numbers. */
const CSV = ["id,input,expected", "q1,What is 6 times 7?,42", "q2,And 84 / 2?,42.0", "q3,And 6 times 7 minus 1?,41", ""].join("\n");
const JSONL = [
  { id: "q1", input: "What is 6 times 7?", expected: 42 },
  { id: "q2", input: "And 84 / 2?", expected: 42.0 },
  { id: "q3", input: "And 6 times 7 minus 1?", expected: 41 },
].map((item) => JSON.stringify(item)).join("\n");

async function itemVerdicts(cwd: string, experimentName: string): Promise<Record<string, string>> {
  const run = await runEvalgate(["run", experimentName, "--target-url", target!.url, "--format", "json"], { cwd });
  expect(run.stderr).not.toContain("error:");
  expect(run.code).toBe(0);
  const [{ id }] = JSON.parse(run.stdout) as [{ id: string }];
  const file = path.join(cwd, `${experimentName}.jsonl`);
  const exported = await runEvalgate(["reports", "export", id, "--artifact-format", "jsonl", "-o", file], { cwd });
  expect(exported.code).toBe(0);
  const items = (await readFile(file, "utf8")).trim().split("\n").map((line) => JSON.parse(line) as RunItem);
  return Object.fromEntries(items.map((item) => [item.item_id, item.status]));
}

describe("equals over a CSV and a JSONL dataset", () => {
  it("gives every item the same verdict when the target answers the JSON number 42", async () => {
    target = await startTarget({ respond: () => ({ json: { output: 42 } }) });
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.csv": CSV, "items.jsonl": JSONL });
    const fromCsv = await itemVerdicts(cwd, "from-csv");
    const fromJsonl = await itemVerdicts(cwd, "from-jsonl");
    expect(fromCsv).toEqual({ q1: "passed", q2: "passed", q3: "failed" });
    expect(fromJsonl).toEqual(fromCsv);
  });
});
