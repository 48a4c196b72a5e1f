import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer;
beforeAll(async () => {
  target = await startArithmeticTarget({ wrongFor: { v1: ["item-2"] } });
});
afterAll(async () => target.close());

const line = (id: string, question: string, answer: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, input: { question }, expected: { answer }, ...extra });

it("a regression dataset is built from the run's stored dataset items, not from the file as it is now", { timeout: 60_000 }, async () => {
  // item-2 has its own scorer and metadata: a run item keeps neither, the stored dataset version both.
  const own = { metadata: { topic: "sums" }, scorers: [{ name: "json_valid" }] };
  const cwd = await makeWorkspace({
    "evalgate.yml": arithmeticConfig({ threshold: 0.5 }),
    "items.jsonl": [line("item-1", "1+1", 2), line("item-2", "2+2", 4, own), line("item-3", "3+3", 6)].join("\n") + "\n",
  });
  const run = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--format", "json"], { cwd });
  expect(run.code).toBe(0);
  const runId = (JSON.parse(run.stdout) as { id: string }[])[0]!.id;

  // Edited after the run: item-2 now asks something else, and lost its scorer.
  await writeFile(path.join(cwd, "items.jsonl"), [line("item-1", "1+1", 2), line("item-2", "5+5", 10), line("item-3", "3+3", 6)].join("\n") + "\n");
  const built = await runEvalgate(["runs", "regression-dataset", runId], { cwd });
  expect(built.stderr).toBe("");
  expect(built.code).toBe(0);
  const [item] = (await readFile(path.join(cwd, "evals/regressions/arithmetic-regressions.jsonl"), "utf8"))
    .trim()
    .split("\n")
    .map((text) => JSON.parse(text) as Record<string, unknown> & { metadata: Record<string, unknown> });
  expect(item).toMatchObject({ id: "item-2", input: { question: "2+2" }, expected: { answer: 4 }, scorers: [{ name: "json_valid" }] });
  expect(item!.metadata).toMatchObject({ topic: "sums", evalgate_regression: { source_run: runId, status: "failed" } });
});
