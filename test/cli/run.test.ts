import { readdir } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

interface ListedRun {
  id: string;
  status: string;
  verdict: string;
  total: number;
  passed: number;
  failed: number;
  errored: number;
}

async function listRuns(cwd: string): Promise<ListedRun[]> {
  const listed = await runEvalgate(["runs", "list", "--format", "json"], { cwd });
  expect(listed.code).toBe(0);
  return JSON.parse(listed.stdout) as ListedRun[];
}

describe("evalgate run", () => {
  it("calls the target on every item, stores each one and exits 0 when the gate passes", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(20) });
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--name", "first"], { cwd });
    expect(result.stderr).not.toContain("unexpected error");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("100.0%");
    expect(target.requests).toBe(20);
    const [run] = await listRuns(cwd);
    expect(run).toMatchObject({ status: "passed", verdict: "pass", total: 20, passed: 20, errored: 0 });
  });

  it("exits 1 when the pass rate is below the gate's threshold, and --threshold overrides it", async () => {
    target = await startArithmeticTarget({ wrongFor: { v1: ["item-1", "item-2", "item-3", "item-4", "item-5"] } });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0.9 }), "items.jsonl": arithmeticDataset(20) });
    const strict = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`], { cwd });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/75\.0%/);
    const relaxed = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--threshold", "70"], { cwd });
    expect(relaxed.code).toBe(0);
    // The one-off threshold decided the command's exit code; the stored run keeps the gate's verdict.
    expect(relaxed.stderr).toContain("the run is stored with its experiment's gate verdict (fail)");
    const runs = await listRuns(cwd);
    expect(runs.map((r) => [r.status, r.verdict])).toEqual([["failed", "fail"], ["failed", "fail"]]);
    const shown = await runEvalgate(["runs", "show", runs[0]!.id], { cwd });
    expect(shown.stdout).toContain("(failed)");
    expect(shown.stdout).toContain("Verdict: FAIL");
  });

  it("refuses a malformed dataset line naming the file and line, exits 2 and stores nothing", async () => {
    target = await startArithmeticTarget();
    const lines = arithmeticDataset(5).split("\n");
    lines[2] = '{"id": "item-2", "input": {"question": "2+2"'; // truncated JSON on line 3
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": lines.join("\n") });
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("items.jsonl:3");
    expect(target.requests).toBe(0);
    const entries = await readdir(cwd);
    if (entries.includes(".evalgate")) expect(await listRuns(cwd)).toEqual([]);
  });

  it("names a missing environment variable and exits 2 before calling anything", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ extraTarget: 'headers: { Authorization: "Bearer ${AGENT_TOKEN}" }' }),
      "items.jsonl": arithmeticDataset(3),
    });
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd, env: { AGENT_TOKEN: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("AGENT_TOKEN");
    expect(result.stderr).toContain("experiments.arithmetic.target.headers.Authorization");
    expect(target.requests).toBe(0);
  });

  it("loses no item when the target answers 429 or 503 to a tenth of the calls, and counts the retries", async () => {
    target = await startTarget({
      failRate: 0.1,
      failStatuses: [429, 503],
      retryAfterSeconds: 0,
      respond: undefined,
    });
    const cwd = await makeWorkspace({
      "evalgate.yml": [
        "version: 1",
        "experiments:",
        "  echo:",
        "    dataset: items.jsonl",
        "    target: { type: http, url: '${EVALGATE_TARGET_URL}', timeout: 5s }",
        "    scorers: [ { name: contains, config: { value: '+' } } ]",
        "    concurrency: 16",
        "    retries: 5",
        "",
      ].join("\n"),
      "items.jsonl": arithmeticDataset(200),
    });
    const result = await runEvalgate(["run", "echo", "--target-url", target.url], { cwd });
    expect(result.stderr).not.toContain("unexpected error");
    expect(result.code).toBe(0);
    const [run] = await listRuns(cwd);
    expect(run).toMatchObject({ total: 200, passed: 200, errored: 0 });
    const shown = await runEvalgate(["runs", "show", run!.id, "--format", "json"], { cwd });
    const record = JSON.parse(shown.stdout) as { summary: { retries: number } };
    expect(record.summary.retries).toBeGreaterThanOrEqual(20);
    expect(target.requests).toBe(200 + record.summary.retries);
  });

  it("records timeouts as error items and exits 3 when the target never answers", async () => {
    target = await startTarget({ never: true });
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ timeout: "200ms", retries: 1, concurrency: 4 }),
      "items.jsonl": arithmeticDataset(6),
    });
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("could not complete");
    expect(result.stderr).toMatch(/timed out/i);
    expect(result.stderr).toContain("--resume");
    const [run] = await listRuns(cwd);
    expect(run).toMatchObject({ status: "errored", verdict: "fail", passed: 0 });
    expect(run!.errored).toBeGreaterThan(0);
  });

  it("exits 3 when the target is unreachable", async () => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ retries: 0 }), "items.jsonl": arithmeticDataset(30) });
    const result = await runEvalgate(["run", "arithmetic", "--target-url", "http://127.0.0.1:9"], { cwd });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/ECONNREFUSED|refused/);
  });
});

describe("usage errors exit 2 with a message on stderr", () => {
  const cases: [string, string[], RegExp][] = [
    ["an unknown command", ["frobnicate"], /unknown command/],
    ["an unknown option", ["run", "arithmetic", "--frobnicate"], /unknown option/],
    ["a bad --format", ["runs", "list", "--format", "xml"], /--format/],
    ["a bad --threshold", ["run", "arithmetic", "--threshold", "150"], /--threshold/],
    ["an unknown experiment", ["run", "nope"], /no experiment "nope"/],
    ["a missing config file", ["--config", "missing.yml", "run", "arithmetic"], /missing\.yml: config file not found/],
    ["an unknown run", ["runs", "show", "run-nope"], /no run "run-nope"/],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
    const result = await runEvalgate(args, { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("a bad config names the file, line and field", async () => {
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig().replace("concurrency: 8", "concurrency: many"),
      "items.jsonl": arithmeticDataset(2),
    });
    const result = await runEvalgate(["run", "arithmetic"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/evalgate\.yml:\d+/);
    expect(result.stderr).toContain("experiments.arithmetic.concurrency");
  });

  it("--help works on every command and exits 0", async () => {
    const cwd = await makeWorkspace({});
    for (const args of [["--help"], ["run", "--help"], ["runs", "compare", "--help"], ["reports", "export", "--help"], ["scores", "list", "--help"]]) {
      const result = await runEvalgate(args, { cwd });
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout).toContain("Usage: evalgate");
    }
  });
});

