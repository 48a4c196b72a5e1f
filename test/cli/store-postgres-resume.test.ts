import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import { describeWithPostgres, freshDatabase, type FreshDatabase } from "../helpers/postgres.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const ITEMS = 200;

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function storedCount(url: string): Promise<number> {
  const rows = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM evalgate.run_items").catch(() => [{ n: 0 }]);
  return rows[0]?.n ?? 0;
}

describeWithPostgres("a PostgreSQL run resumed on another machine", () => {
  let database: FreshDatabase | undefined;
  let target: TargetServer | undefined;
  afterEach(async () => {
    await target?.close();
    await database?.drop();
  });

  it("killed with SIGKILL on one machine, refused while its owner looks alive, then resumed from another folder with only EVALGATE_STORE_URL", { timeout: 90_000 }, async () => {
    database = await freshDatabase();
    target = await startArithmeticTarget({ latencyMs: 15, wrongFor: { v1: ["item-7"] } });
    const url = `${target.url}/v1`;
    const files = { "evalgate.yml": arithmeticConfig({ threshold: 0.9, concurrency: 4 }), "items.jsonl": arithmeticDataset(ITEMS) };
    const env = { EVALGATE_STORE_URL: database.url };

    const first = await makeWorkspace(files);
    const child = spawnEvalgate(["run", "arithmetic", "--target-url", url], { cwd: first, env });
    child.stdin.end();
    const exited = collect(child);
    for (let attempt = 0; attempt < 400 && (await storedCount(database.url)) < 50; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
    child.kill("SIGKILL");
    expect((await exited).code).toBeNull();
    const [run] = await query<{ id: string; status: string }>(database.url, "SELECT id, status FROM evalgate.runs");
    expect(run?.status).toBe("running");
    const stored = await storedCount(database.url);
    expect(stored).toBeGreaterThanOrEqual(50);
    expect(stored).toBeLessThan(ITEMS);

    // As another machine sees it: the owner ran elsewhere, and its last heartbeat is recent.
    await query(database.url, "UPDATE evalgate.run_leases SET host = 'ci-runner-7', heartbeat_at = $1", [new Date().toISOString()]);
    const second = await makeWorkspace(files);
    const refused = await runEvalgate(["run", "arithmetic", "--target-url", url, "--resume", run!.id], { cwd: second, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("ci-runner-7");

    // Its heartbeat is now older than the lease's 30 s: that machine is gone, and the run can be taken over.
    await query(database.url, "UPDATE evalgate.run_leases SET heartbeat_at = $1", [new Date(Date.now() - 45_000).toISOString()]);
    const requestsBefore = target.requests;
    const resumed = await runEvalgate(["run", "arithmetic", "--target-url", url, "--resume", run!.id, "--format", "json"], { cwd: second, env });
    expect(resumed.stderr).not.toContain("unexpected error");
    expect(resumed.code).toBe(0);
    expect(target.requests - requestsBefore).toBe(ITEMS - stored);
    const [summary] = JSON.parse(resumed.stdout) as { id: string; total: number; passed: number }[];
    expect(summary).toMatchObject({ id: run!.id, total: ITEMS, passed: ITEMS - 1 });
    expect(await query(database.url, "SELECT count(DISTINCT item_id)::int AS n, count(*)::int AS rows FROM evalgate.run_items")).toEqual([{ n: ITEMS, rows: ITEMS }]);
    expect(await query(database.url, "SELECT status FROM evalgate.runs")).toEqual([{ status: "passed" }]);
  });
});
