import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configError, customScorer, scoreOne } from "./custom-scorer-fixtures.js";

let project: string;

async function write(name: string, source: string): Promise<void> {
  await fs.mkdir(path.dirname(path.join(project, name)), { recursive: true });
  await fs.writeFile(path.join(project, name), source);
}

/** A Node scorer script in the project: `request` is the parsed stdin. */
function nodeScorer(body: string): string {
  return `let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
await new Promise((resolve) => process.stdin.on("end", resolve));
const request = JSON.parse(text);
${body}
`;
}

const node = (script: string) => [process.execPath, script];

const hasPython = spawnSync("python3", ["--version"]).status === 0;

beforeAll(async () => {
  project = await fs.mkdtemp(path.join(os.tmpdir(), "evalgate-command-scorer-"));
  await write(
    "evals/score.py",
    `import json, sys

data = json.load(sys.stdin)
print("checking", data["item_id"])  # a log line before the answer
found = data["expected"] in data["output"]
print(json.dumps({"score": 1 if found else 0, "reason": "names the status" if found else "misses the status",
                  "evidence": {"tools": [call["name"] for call in data["tool_calls"]]}}))
`,
  );
  await write("evals/partial.mjs", nodeScorer(`console.log(JSON.stringify({ score: request.output.length > 100 ? 1 : 0.25, evidence: { env: process.env.RUBRIC } }));`));
  await write("evals/crash.mjs", nodeScorer(`console.error("Traceback: the rubric file is missing"); process.exit(3);`));
  await write("evals/hang.mjs", nodeScorer(`console.log("thinking"); setInterval(() => {}, 1000);`));
  await write("evals/prose.mjs", nodeScorer(`console.log("looks good to me");`));
  await write("evals/two.mjs", nodeScorer(`console.log(JSON.stringify({ score: 2 }));`));
});
afterAll(async () => {
  await fs.rm(project, { recursive: true, force: true });
});

describe("command scorer", () => {
  it.skipIf(!hasPython)("runs a 10-line Python scorer from the project folder: the item on stdin, the answer on stdout's last line", async () => {
    const score = await scoreOne(customScorer("command", { run: "python3 evals/score.py" }, project));
    expect(score).toMatchObject({
      score: 1,
      passed: true,
      evidence: { read: { tools: ["search_orders"] }, reason: "names the status" },
    });
    expect(score.error).toBeUndefined();
  });
  if (!hasPython) it.skip("python3 is not on this machine: the Python command scorer is not exercised", () => {});

  it("fails an item below the threshold and passes the config's env", async () => {
    const scorer = customScorer("command", { run: node("evals/partial.mjs"), env: { RUBRIC: "strict" } }, project);
    const score = await scoreOne(scorer);
    expect(score).toMatchObject({ score: 0.25, passed: false, evidence: { read: { env: "strict" } } });
    expect(score.evidence.reason).toMatch(/^command scorer ".*evals\/partial\.mjs" scored 0\.25, below the threshold 0\.5$/);
  });

  it("records a non-zero exit as the scorer's error with stderr's tail", async () => {
    const score = await scoreOne(customScorer("command", { run: node("evals/crash.mjs") }, project));
    expect(score).toMatchObject({ score: 0, passed: false, error: "exited with code 3: Traceback: the rubric file is missing" });
  });

  it("kills a scorer that hangs at its timeout, and the next item is scored", async () => {
    const started = Date.now();
    const hung = await scoreOne(customScorer("command", { run: node("evals/hang.mjs"), timeout: "300ms" }, project));
    expect(hung.error).toBe("timed out after 300 ms");
    expect(Date.now() - started).toBeLessThan(5_000);
    const next = await scoreOne(customScorer("command", { run: node("evals/partial.mjs") }, project));
    expect(next.score).toBe(0.25);
  });

  it("refuses an answer that is not JSON, or not a score", async () => {
    const prose = await scoreOne(customScorer("command", { run: node("evals/prose.mjs") }, project));
    expect(prose.error).toBe("output is not JSON: looks good to me");
    const two = await scoreOne(customScorer("command", { run: node("evals/two.mjs") }, project));
    expect(two.error).toMatch(/^answered \{"score":2\}, which is not a score: score must be between 0 and 1$/);
  });

  it("names a program that does not exist", async () => {
    const score = await scoreOne(customScorer("command", { run: "no-such-scorer-program evals/x" }, project));
    expect(score.error).toBe("command not found: no-such-scorer-program");
  });

  it("refuses a config without a program, naming the field", () => {
    expect(configError("command", {}, project)).toMatch(/^experiments\.orders\.scorers\[0\]\.config\.run: /);
    expect(configError("command", { run: "   " }, project)).toMatch(/^experiments\.orders\.scorers\[0\]\.config\.run: write the program to run/);
  });
});
