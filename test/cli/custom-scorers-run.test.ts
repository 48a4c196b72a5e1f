import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Score } from "../../src/core/model/run-item.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";
import { storedItems } from "./stored-runs.js";
import { startArithmeticTarget } from "./workspace-config.js";

let servers: TargetServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** The answer is right: 1; item-2 never answers (cut by the 300ms timeout). */
const MODULE_SCORER = `interface ScorerInput { output: { answer: number }; expected: { answer: number }; item_id: string }
export default async function answer(input: ScorerInput, options: { strict: boolean }) {
  if (input.item_id === "item-2") return new Promise(() => {});
  const right: boolean = input.output.answer === input.expected.answer;
  return { score: right ? 1 : 0, reason: right ? "right answer" : "wrong answer", evidence: { strict: options.strict } };
}
`;

/** Hangs on item-0 (cut by the 300ms timeout), exits 1 on item-3, else scores 0.9. */
const COMMAND_SCORER = `let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
await new Promise((resolve) => process.stdin.on("end", resolve));
const request = JSON.parse(text);
if (request.item_id === "item-0") setInterval(() => {}, 1000);
else if (request.item_id === "item-3") { console.error("no rubric for item-3"); process.exit(1); }
else console.log(JSON.stringify({ score: 0.9 }));
`;

function config(scorerUrl: string): string {
  return [
    "version: 1",
    "experiments:",
    "  arithmetic:",
    "    dataset: items.jsonl",
    "    target: { type: http, url: \"${EVALGATE_TARGET_URL}/agent\", timeout: 5s }",
    "    scorers:",
    "      - { name: module, config: { path: ./evals/scorers/answer.ts, options: { strict: true }, timeout: 300ms } }",
    `      - { name: http, config: { url: "${scorerUrl}/score", timeout: 2s } }`,
    `      - { name: command, config: { run: [${JSON.stringify(process.execPath)}, evals/score.mjs], timeout: 300ms } }`,
    "    gate: { passed_threshold: 1 }",
    "    retries: 0",
    "",
  ].join("\n");
}

function scoresOf(items: { item_id: string; scores: Score[] }[], scorer: string): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const item of items) {
    const score = item.scores.find((entry) => entry.scorer === scorer);
    shown[item.item_id] = score?.error !== undefined ? `error: ${score.error}` : `${score?.score} ${score?.passed ? "passed" : "failed"}`;
  }
  return shown;
}

describe("evalgate run with custom scorers", () => {
  it("scores with a TypeScript module, an http and a command scorer; a hanging or failing scorer is an error and the run ends", { timeout: 60_000 }, async () => {
    const target = await startArithmeticTarget();
    const scorer = await startTarget({
      respond: (body) => {
        const { item_id } = body as { item_id: string };
        if (item_id === "item-3") return { status: 500, raw: "scorer crashed" };
        return { json: { score: item_id === "item-1" ? 0 : 1, reason: `checked ${item_id}` } };
      },
    });
    servers = [target, scorer];
    const cwd = await makeWorkspace({
      "evalgate.yml": config(scorer.url),
      "items.jsonl": arithmeticDataset(4),
      "evals/scorers/answer.ts": MODULE_SCORER,
      "evals/score.mjs": COMMAND_SCORER,
    });

    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    expect(result.stderr).not.toMatch(/ExperimentalWarning|Error:/);
    expect(result.code).toBe(1); // the gate failed: the run completed
    // Scores 1, 1, 1 and 0 (an error records 0): sample SD 0.5, SE 0.25, ±1.96·SE = ±0.49.
    expect(result.stdout).toMatch(/module\s+0\.75±0\.49\s+75\.0%\s+4\s+1\n/);
    // 0.9, 0.9 and two errors at 0: SD = √(4 · 0.45² / 3) = 0.5196, SE 0.2598, ±1.96·SE = ±0.51.
    expect(result.stdout).toMatch(/command\s+0\.45±0\.51\s+50\.0%\s+4\s+2\n/);

    const { items } = await storedItems(cwd);
    expect(items.map((item) => item.status)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(scoresOf(items, "module")).toEqual({
      "item-0": "1 passed",
      "item-1": "1 passed",
      "item-2": "error: did not answer within 300 ms (raise the scorer's timeout, or make it faster)",
      "item-3": "1 passed",
    });
    expect(scoresOf(items, "http")).toEqual({
      "item-0": "1 passed",
      "item-1": "0 failed",
      "item-2": "1 passed",
      "item-3": "error: HTTP 500: scorer crashed",
    });
    expect(scoresOf(items, "command")).toEqual({
      "item-0": "error: timed out after 300 ms",
      "item-1": "0.9 passed",
      "item-2": "0.9 passed",
      "item-3": "error: exited with code 1: no rubric for item-3",
    });
    const moduleScore = items[0]!.scores.find((score) => score.scorer === "module");
    expect(moduleScore?.evidence).toEqual({ read: { strict: true }, reason: "right answer" });
  });

  it("makes a new experiment version when the module scorer's file is edited, so --resume refuses", { timeout: 60_000 }, async () => {
    const target = await startArithmeticTarget();
    const scorer = await startTarget({ respond: () => ({ json: { score: 1 } }) });
    servers = [target, scorer];
    const cwd = await makeWorkspace({
      "evalgate.yml": config(scorer.url),
      "items.jsonl": arithmeticDataset(2),
      "evals/scorers/answer.ts": MODULE_SCORER,
      "evals/score.mjs": COMMAND_SCORER,
    });
    await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    const { runId } = await storedItems(cwd);
    await writeFile(path.join(cwd, "evals/scorers/answer.ts"), MODULE_SCORER.replace("right answer", "correct"));

    const resumed = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", runId], { cwd });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/the experiment version \(\w+ → \w+\) changed since the run started; these files changed since \(their content is not stored\): \S*answer\.ts \(scorer module\); restore them to continue it, or start a new run/);
  });
});
