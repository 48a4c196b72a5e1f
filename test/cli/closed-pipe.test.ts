import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer;
let cwd: string;
let runId: string;

beforeAll(async () => {
  target = await startArithmeticTarget({ wrongFor: { v1: ["item-3", "item-4"] } });
  cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 1 }), "items.jsonl": arithmeticDataset(300) });
  const run = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`], { cwd });
  expect(run.code).toBe(1);
  const listed = await runEvalgate(["runs", "list", "--format", "json"], { cwd });
  runId = (JSON.parse(listed.stdout) as { id: string }[])[0]!.id;
}, 60_000);
afterAll(async () => target.close());

/** Runs evalgate with its stdout's reader already gone, as `evalgate … | head -c 0` does. */
async function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawnEvalgate(args, { cwd });
  child.stdin.end();
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stderr };
}

describe("a reader that goes away (| head)", () => {
  it.each([
    [["runs", "show", "RUN"], 0],
    [["runs", "list"], 0],
    [["scores", "list", "--run-id", "RUN"], 0],
    [["reports", "failures", "RUN"], 0],
    [["--help"], 0],
  ])("evalgate %j stops quietly with the command's own exit code", async (args, code) => {
    const result = await withClosedStdout(args.map((arg) => (arg === "RUN" ? runId : arg)));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(code);
  });

  it("a gate's exit code survives the closed pipe: a failing gate still exits 1, never 0", async () => {
    const result = await withClosedStdout(["reports", "ci", runId]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
  });
});
