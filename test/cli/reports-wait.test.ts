import os from "node:os";
import path from "node:path";
import { Octokit } from "@octokit/rest";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { openPostgresStore } from "../../src/store/postgres/index.js";
import { publishRun, ResultsBranchStore } from "../../src/store/results-branch/index.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate, type CliResult } from "../helpers/cli.js";
import { describeWithPostgres, freshDatabase, type FreshDatabase } from "../helpers/postgres.js";
import type { TargetServer } from "../helpers/target-server.js";
import { storedItems, waitForStored } from "./stored-runs.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
let runner: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  if (runner !== undefined && runner.exitCode === null && runner.signalCode === null) runner.kill("SIGKILL");
  runner = undefined;
  await target?.close();
  target = undefined;
});

/** Starts `evalgate run` in a process of its own; resolves when it exits, noting the time. */
function startRun(args: string[], cwd: string, env: Record<string, string> = {}): { exited: Promise<CliResult & { at: number }> } {
  runner = spawnEvalgate(["run", "arithmetic", ...args], { cwd, env });
  runner.stdin.end();
  return { exited: collect(runner).then((result) => ({ ...result, at: Date.now() })) };
}

describe("reports wait on the embedded store", () => {
  it("a run another process finished: the verdict's exit code at once, as reports ci gives it", async () => {
    target = await startArithmeticTarget({ wrongFor: { v1: ["item-1"] } });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 1 }), "items.jsonl": arithmeticDataset(4) });
    for (const [version, code, line] of [
      ["v1", 1, "ended failed: FAIL, 3 of 4 items passed: "],
      ["v2", 0, "ended passed: PASS, 4 of 4 items passed"],
    ] as const) {
      const run = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/${version}`, "--format", "json"], { cwd });
      expect(run.code).toBe(code);
      const id = (JSON.parse(run.stdout) as { id: string }[])[0]!.id;
      const waited = await runEvalgate(["reports", "wait", id.slice(0, -1)], { cwd });
      expect(waited.stderr).toBe("");
      expect(waited.code).toBe(code);
      expect(waited.stdout).toContain(`run ${id} ${line}`);
      expect(waited.stdout.split("\n")).toHaveLength(2);
      expect((await runEvalgate(["reports", "ci", id], { cwd })).code).toBe(code);
    }
  }, 60_000);

  it("a run still running: waits until it ends, then exits with its verdict's code", async () => {
    // 40 items at 150 ms, 2 at a time: about 3 s of running after the first items are stored.
    target = await startArithmeticTarget({ latencyMs: 150 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }), "items.jsonl": arithmeticDataset(40) });
    const { exited } = startRun(["--target-url", target.url], cwd);
    await waitForStored(cwd, 2);
    const { runId } = await storedItems(cwd);
    const listed = JSON.parse((await runEvalgate(["runs", "list", "--format", "json"], { cwd })).stdout);
    expect(listed[0]).toMatchObject({ id: runId, status: "running" });

    const waited = await runEvalgate(["reports", "wait", runId], { cwd });
    const waitedAt = Date.now();
    const ran = await exited;
    expect(ran.code).toBe(0);
    expect(ran.at).toBeLessThanOrEqual(waitedAt);
    expect(waited.code).toBe(0);
    expect(waited.stdout).toBe(`run ${runId} ended passed: PASS, 40 of 40 items passed\n`);
    // Not a terminal: no progress line on stderr.
    expect(waited.stderr).toBe("");
  }, 60_000);

  it("past its timeout exits 5 at once; when the running process is killed, wait says the run was interrupted and exits 3", async () => {
    // 400 items at 100 ms, 2 at a time: 20 s, far longer than the wait.
    target = await startArithmeticTarget({ latencyMs: 100 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }), "items.jsonl": arithmeticDataset(400) });
    const { exited } = startRun(["--target-url", target.url], cwd);
    await waitForStored(cwd, 2);
    const { runId } = await storedItems(cwd);

    const started = Date.now();
    const timedOut = await runEvalgate(["reports", "wait", runId, "--timeout", "1s"], { cwd });
    expect(timedOut.code).toBe(5);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(timedOut.stdout).toMatch(
      new RegExp(`^run ${runId} is still running after 1s \\(pid ${runner!.pid} on ${os.hostname()}, heartbeat \\d+ s ago\\), \\d+ of 400 items stored: stopped waiting\\. Wait again with: evalgate reports wait ${runId}\\n$`),
    );

    runner!.kill("SIGKILL");
    await exited;
    const interrupted = await runEvalgate(["reports", "wait", runId], { cwd });
    expect(interrupted.code).toBe(3);
    expect(interrupted.stdout).toContain(`run ${runId} was interrupted: the process running it is gone (pid ${runner!.pid} on ${os.hostname()}, last heartbeat `);
    expect(interrupted.stdout).toContain(`Resume it with: evalgate run arithmetic --resume ${runId}`);
  }, 60_000);

  it("a run cancelled while its process runs: waits for that process to stop, then gives the counts the run ends with", async () => {
    // 400 items at 100 ms, 2 at a time: the process stores items until its next heartbeat (≤ 5 s) sees the cancel.
    target = await startArithmeticTarget({ latencyMs: 100 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }), "items.jsonl": arithmeticDataset(400) });
    const { exited } = startRun(["--target-url", target.url], cwd);
    await waitForStored(cwd, 2);
    const { runId } = await storedItems(cwd);
    const waiter = spawnEvalgate(["reports", "wait", runId, "--timeout", "60s"], { cwd });
    waiter.stdin.end();
    const waited = collect(waiter).then((result) => ({ ...result, at: Date.now() }));

    expect((await runEvalgate(["runs", "cancel", runId], { cwd })).code).toBe(0);
    const ran = await exited;
    const result = await waited;
    expect(ran.code).toBe(3);
    expect(ran.at).toBeLessThanOrEqual(result.at);
    const final = JSON.parse((await runEvalgate(["runs", "show", runId, "--format", "json"], { cwd })).stdout) as { summary: { total: number } };
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`run ${runId} ended cancelled: FAIL, ${final.summary.total} of ${final.summary.total} items passed`);
    expect(result.stdout).toContain(`the run was cancelled after ${final.summary.total} of 400 items`);
  }, 60_000);

  it("refuses a timeout without a unit, and a run the store does not have", async () => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
    const unitless = await runEvalgate(["reports", "wait", "x", "--timeout", "15"], { cwd });
    expect(unitless.code).toBe(2);
    expect(unitless.stderr).toContain('--timeout: "15" is not a duration; write one with a unit, e.g. 90s, 15m or 1h');
    const zero = await runEvalgate(["reports", "wait", "x", "--timeout", "0s"], { cwd });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--timeout: "0s" waits no time; give a duration above zero, e.g. 90s');
    const unknown = await runEvalgate(["reports", "wait", "nope", "--timeout", "1h30m"], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no run "nope" in this store');
  });

  it("a run left running that no process holds is interrupted (exit 3, as reports ci says), not timed out", async () => {
    const server = await startArithmeticTarget();
    try {
      const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
      const ran = await runEvalgate(["run", "arithmetic", "--target-url", `${server.url}/v1`, "--format", "json"], { cwd });
      const runId = (JSON.parse(ran.stdout) as { id: string }[])[0]!.id;
      // As a crash between storing its items and ending it leaves it: running, and nobody's.
      const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
      await store.reopenRun(runId);
      await store.close();
      const ci = await runEvalgate(["reports", "ci", runId], { cwd });
      const waited = await runEvalgate(["reports", "wait", runId, "--timeout", "1s"], { cwd });
      expect(ci.code).toBe(3);
      expect(waited.code).toBe(3);
      expect(waited.stdout + waited.stderr).toMatch(/was interrupted: no process holds it/);
    } finally {
      await server.close();
    }
  });
});

describe("reports wait on a results branch", () => {
  it("waits for a run that is not on the branch yet, and exits with its code once it is published there", async () => {
    const fake = await startFakeGitHub();
    try {
      fake.addRepo({ owner: "acme", repo: "shop" });
      target = await startArithmeticTarget({ wrongFor: { v1: ["item-1"] } });
      const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(4) });
      const run = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--format", "json"], { cwd });
      expect(run.code).toBe(1);
      const id = (JSON.parse(run.stdout) as { id: string }[])[0]!.id;

      const waiter = spawnEvalgate(["--store", "github:acme/shop", "reports", "wait", id], {
        cwd: await makeWorkspace({}),
        env: { GITHUB_API_URL: fake.url, GITHUB_TOKEN: "t" },
      });
      waiter.stdin.end();
      const waited = collect(waiter);
      let noted = "";
      waiter.stderr.on("data", (chunk: Buffer) => (noted += chunk.toString()));
      for (let attempt = 0; attempt < 400 && !noted.includes("not on the results branch yet"); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(noted).toContain(`run ${id} is not on the results branch yet: a run in progress elsewhere appears there when it ends; waiting up to 15m`);

      const local = await openEmbeddedStore(path.join(cwd, ".evalgate"));
      const branch = new ResultsBranchStore({ octokit: new Octokit({ auth: "t", baseUrl: fake.url }), owner: "acme", repo: "shop", stagingDir: path.join(cwd, "staging") });
      await publishRun(local, id, branch);
      await local.close();
      const result = await waited;
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`run ${id} ended failed: FAIL, 3 of 4 items passed`);
    } finally {
      await fake.close();
    }
  }, 60_000);
});

describeWithPostgres("reports wait on a PostgreSQL store", () => {
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it("another folder waits with only EVALGATE_STORE_URL for a run another process is running, and gets its exit code", async () => {
    database = await freshDatabase();
    // The gate fails: item-3 is answered wrong.
    target = await startArithmeticTarget({ latencyMs: 150, wrongFor: { v1: ["item-3"] } });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }), "items.jsonl": arithmeticDataset(40) });
    const env = { EVALGATE_STORE_URL: database.url };
    const { exited } = startRun(["--target-url", `${target.url}/v1`], cwd, env);
    const runId = await runningRunIn(database.url);

    const waited = await runEvalgate(["reports", "wait", runId], { cwd: await makeWorkspace({}), env });
    const waitedAt = Date.now();
    const ran = await exited;
    expect(ran.code).toBe(1);
    expect(ran.at).toBeLessThanOrEqual(waitedAt);
    expect(waited.code).toBe(1);
    expect(waited.stdout).toContain(`run ${runId} ended failed: FAIL, 39 of 40 items passed`);
  }, 60_000);
});

/** The id of the first run the PostgreSQL store holds, once it is running with an item stored. */
async function runningRunIn(url: string): Promise<string> {
  const store = await openPostgresStore(url);
  try {
    for (let attempt = 0; attempt < 400; attempt++) {
      const [run] = await store.listRuns();
      if (run !== undefined && (await store.runItemStatuses(run.id)).size > 0) {
        expect(run.status).toBe("running");
        return run.id;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await store.close();
  }
  throw new Error("no run started in time");
}
