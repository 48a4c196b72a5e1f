import { execFileSync } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer;
let cwd: string;
let runId: string;

beforeAll(async () => {
  target = await startArithmeticTarget({ wrongFor: { v1: ["item-2", "item-7"] } });
  cwd = await makeWorkspace({ "evalgate.yml": `# team evals\n${arithmeticConfig({ threshold: 0.5 })}`, "items.jsonl": arithmeticDataset(10) });
  const run = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--format", "json"], { cwd });
  runId = (JSON.parse(run.stdout) as { id: string }[])[0]!.id;
});
afterAll(async () => target.close());

describe("evalgate runs regression-dataset", () => {
  it("writes the failed items as a dataset with provenance and adds an experiment, keeping the config's comments", async () => {
    const result = await runEvalgate(["runs", "regression-dataset", runId], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("evals/regressions/arithmetic-regressions.jsonl: added 2 items");
    const lines = (await readFile(path.join(cwd, "evals/regressions/arithmetic-regressions.jsonl"), "utf8")).trim().split("\n");
    const items = lines.map((line) => JSON.parse(line) as { id: string; metadata: { evalgate_regression: { source_run: string } } });
    expect(items.map((item) => item.id).sort()).toEqual(["item-2", "item-7"]);
    expect(items[0]!.metadata.evalgate_regression.source_run).toBe(runId);
    const config = await readFile(path.join(cwd, "evalgate.yml"), "utf8");
    expect(config.startsWith("# team evals")).toBe(true);
    expect(Object.keys(parseConfig(config, "evalgate.yml").experiments)).toEqual(["arithmetic", "arithmetic-regressions"]);
  });

  it("adds nothing the second time, and --start-run runs the regression experiment against the source run's deployment", async () => {
    const requestsBefore = target.requests;
    // No EVALGATE_TARGET_URL and no --target-url: the source run's deployment (/v1) is called.
    const again = await runEvalgate(["runs", "regression-dataset", runId, "--start-run"], {
      cwd,
      env: { EVALGATE_TARGET_URL: undefined },
    });
    expect(target.requests - requestsBefore).toBe(2);
    expect(again.stdout).toContain("nothing new");
    // The target still gets both items wrong: the regression experiment fails its gate.
    expect(again.code).toBe(1);
    const runs = JSON.parse((await runEvalgate(["runs", "list", "arithmetic-regressions", "--format", "json"], { cwd })).stdout);
    expect(runs[0]).toMatchObject({ experiment: "arithmetic-regressions", total: 2, passed: 0 });
  });

  it("--start-run --target-url runs against the named deployment instead", async () => {
    // /v2 answers every item right: the regression experiment passes there.
    const result = await runEvalgate(["runs", "regression-dataset", runId, "--start-run", "--target-url", `${target.url}/v2`], { cwd });
    expect(result.code).toBe(0);
    const runs = JSON.parse((await runEvalgate(["runs", "list", "arithmetic-regressions", "--format", "json"], { cwd })).stdout);
    expect(runs[0]).toMatchObject({ experiment: "arithmetic-regressions", total: 2, passed: 2 });
  });

  it("refuses a --name that is not an experiment name, without a stack trace", async () => {
    const result = await runEvalgate(["runs", "regression-dataset", runId, "--name", "x".repeat(300)], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("at most 128 characters");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("refuses an unknown run item id with exit 2, in the CLI's words", async () => {
    const result = await runEvalgate(["runs", "regression-dataset", runId, "--run-item-id", "ri_nope"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--run-item-id: not in run ${runId}: ri_nope`);
    expect(result.stderr).toContain(`evalgate reports failures ${runId}`);
    expect(result.stderr).not.toMatch(/pull request|\/eval/);
  });

  it.runIf(process.platform !== "win32")("refuses a named pipe where the regression dataset goes, rather than wait on it", async () => {
    await mkdir(path.join(cwd, "evals/regressions"), { recursive: true });
    execFileSync("mkfifo", [path.join(cwd, "evals/regressions/piped.jsonl")]);
    const result = await runEvalgate(["runs", "regression-dataset", runId, "--name", "piped"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("evalgate: evals/regressions/piped.jsonl: not a file; the regression dataset must be a .jsonl file\n");
  });
});
