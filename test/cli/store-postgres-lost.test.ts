import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import { describeWithPostgres } from "../helpers/postgres.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const ITEMS = 300;
const CLUSTER_SCRIPT = fileURLToPath(new URL("../../scripts/postgres-cluster.sh", import.meta.url));

/** `scripts/postgres-cluster.sh start|stop DIR`: the URL it prints on start. */
function cluster(action: "start" | "stop", dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", [CLUSTER_SCRIPT, action, dir], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`postgres-cluster.sh ${action} failed: ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const storedCount = async (url: string): Promise<number> =>
  (await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM evalgate.run_items").catch(() => [{ n: 0 }]))[0]?.n ?? 0;

// A cluster of its own (the suite's shared one must not be stopped), so it needs PostgreSQL's
// server binaries here: describeWithPostgres skips, or fails under EVALGATE_REQUIRE_POSTGRES=1, without them.
describeWithPostgres("a PostgreSQL server lost mid-run", () => {
  let dir: string | undefined;
  let target: TargetServer | undefined;
  afterEach(async () => {
    await target?.close();
    if (dir !== undefined) {
      await cluster("stop", dir).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("ends the run with one line naming it and its resume command (exit 3), and the resume once the server is back calls only what is missing", { timeout: 120_000 }, async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-pg-lost-"));
    const url = await cluster("start", dir);
    target = await startArithmeticTarget({ latencyMs: 20 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 4 }), "items.jsonl": arithmeticDataset(ITEMS) });

    const child = spawnEvalgate(["--store", url, "run", "arithmetic", "--target-url", target.url], { cwd });
    child.stdin.end();
    const exited = collect(child);
    for (let attempt = 0; attempt < 400 && (await storedCount(url)) < 40; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
    await cluster("stop", dir);
    const lost = await exited;

    expect(lost.code).toBe(3);
    const lines = lost.stderr.split("\n").filter((line) => line.startsWith("evalgate:"));
    expect(lines).toHaveLength(1);
    const [, runId] = /run (run-\S+) was interrupted: lost the PostgreSQL store /.exec(lines[0]!) ?? [];
    expect(runId).toBeDefined();
    expect(lines[0]).toContain(`once the store is back, continue it with: evalgate run arithmetic --resume ${runId}`);
    expect(lost.stderr).not.toMatch(/^\s+at /m);

    // The server is back (on another free port): the items it kept are not called again.
    const again = await cluster("start", dir);
    const kept = await storedCount(again);
    expect(kept).toBeGreaterThanOrEqual(40);
    expect(kept).toBeLessThan(ITEMS);
    const callsBefore = target.requests;
    const resumed = await runEvalgate(["--store", again, "run", "arithmetic", "--target-url", target.url, "--resume", runId!], { cwd });
    expect(resumed.stderr).not.toContain("unexpected error");
    expect(resumed.code).toBe(0);
    expect(target.requests - callsBefore).toBe(ITEMS - kept);
    const [run] = await query<{ status: string; items: number }>(
      again,
      "SELECT status, (SELECT count(*)::int FROM evalgate.run_items) AS items FROM evalgate.runs",
    );
    expect(run).toEqual({ status: "passed", items: ITEMS });
  });

  it("reports wait rides out a server restart (one line saying so), then ends at its timeout as a run still running elsewhere would (exit 5)", { timeout: 120_000 }, async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-pg-lost-"));
    const url = await cluster("start", dir);
    target = await startArithmeticTarget({ latencyMs: 20 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }), "items.jsonl": arithmeticDataset(ITEMS) });
    const runner = spawnEvalgate(["--store", url, "run", "arithmetic", "--target-url", target.url], { cwd });
    runner.stdin.end();
    const killed = collect(runner);
    for (let attempt = 0; attempt < 400 && (await storedCount(url)) < 10; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
    runner.kill("SIGKILL");
    await killed;
    // As if another machine were running it: a live heartbeat from elsewhere.
    const [{ id: runId } = { id: "" }] = await query<{ id: string }>(url, "SELECT id FROM evalgate.runs");
    await query(url, `UPDATE evalgate.run_leases SET host = 'ci-runner-7', heartbeat_at = '${new Date().toISOString()}'`);

    const waiter = spawnEvalgate(["--store", url, "reports", "wait", runId, "--timeout", "8s"], { cwd });
    waiter.stdin.end();
    const waited = collect(waiter);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await cluster("stop", dir);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await cluster("start", dir)).toBe(url);
    await query(url, `UPDATE evalgate.run_leases SET heartbeat_at = '${new Date().toISOString()}'`);
    const result = await waited;

    expect(result.stderr).not.toContain("unexpected error");
    expect(result.stderr).toMatch(/^evalgate: lost the PostgreSQL store \S+: .+; waiting for it until the timeout$/m);
    expect(result.stderr.match(/lost the PostgreSQL store/g)).toHaveLength(1);
    expect(result.code).toBe(5);
    expect(result.stdout).toContain(`run ${runId} is still running after 8s`);
  });
});
