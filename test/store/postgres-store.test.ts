import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { UserError } from "../../src/core/errors.js";
import { RunItemSchema } from "../../src/core/model/run-item.js";
import { runItemId } from "../../src/core/model/ids.js";
import { migratePostgresStore, openPostgresStore, type PostgresRunStore } from "../../src/store/postgres/index.js";
import { POSTGRES_SCHEMA_VERSION } from "../../src/store/postgres/postgres-schema.js";
import { describeWithPostgres, freshDatabase, type FreshDatabase } from "../helpers/postgres.js";
import { itemIds, makeRun, makeRunItem, makeSummary } from "./fixtures/make-run.js";
import { describeRunStoreContract } from "./run-store.contract.js";
import { DATASET_TABLES } from "./fixtures/count-sqlite-rows.js";

const PUT_ITEMS = fileURLToPath(new URL("./fixtures/put-items.ts", import.meta.url));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

function startPutItems(url: string, runId: string, count: number) {
  return spawn(process.execPath, ["--import", "tsx", PUT_ITEMS, url, runId, String(count)], { stdio: ["ignore", "pipe", "pipe"] });
}

function exited(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describeWithPostgres("PostgresRunStore", () => {
  describeRunStoreContract("PostgresRunStore", async () => {
    const database = await freshDatabase();
    return {
      store: await openPostgresStore(database.url),
      reopen: () => openPostgresStore(database.url),
      cleanup: () => database.drop(),
      countRows: async () => {
        const counts = await Promise.all(
          DATASET_TABLES.map(async (table) => [table, (await sql<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM evalgate.${table}`))[0]!.n] as const),
        );
        return Object.fromEntries(counts);
      },
    };
  });

  describe("PostgresRunStore beyond the contract", () => {
    let database: FreshDatabase;
    beforeEach(async () => {
      database = await freshDatabase();
    });
    afterEach(async () => {
      await database.drop();
    });

    it("a fresh database is migrated on first open, once, by processes opening it at once, and store migrate then has nothing to do", async () => {
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(database.url)));
      expect(await sql(database.url, "SELECT version FROM evalgate.schema_version")).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      await Promise.all(stores.map((store) => store.close()));
      expect(await migratePostgresStore(database.url)).toEqual({ from: POSTGRES_SCHEMA_VERSION, to: POSTGRES_SCHEMA_VERSION });
    });

    it("store migrate on an empty database creates the schema from version 0", async () => {
      expect(await migratePostgresStore(database.url)).toEqual({ from: 0, to: POSTGRES_SCHEMA_VERSION });
      const tables = await sql<{ table_name: string }>(database.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'evalgate' ORDER BY 1");
      expect(tables.map((row) => row.table_name)).toEqual([
        "annotations", "dataset_items", "dataset_version_items", "dataset_versions", "experiment_states", "experiment_versions",
        "run_items", "run_leases", "runs", "schema_version", "scores",
      ]);
    });

    it("a database with a newer schema is refused with a user error naming the versions", async () => {
      await migratePostgresStore(database.url);
      await sql(database.url, "UPDATE evalgate.schema_version SET version = 99");
      const opening = openPostgresStore(database.url);
      await expect(opening).rejects.toBeInstanceOf(UserError);
      await expect(opening).rejects.toThrow(`schema version 99, but this evalgate knows up to ${POSTGRES_SCHEMA_VERSION}`);
    });

    it("an unreachable server and a missing database are user errors that never show the password", async () => {
      const closed = new URL(database.url);
      closed.password = "s3cret-pw";
      closed.port = "1";
      const unreachable = openPostgresStore(closed.toString());
      await expect(unreachable).rejects.toBeInstanceOf(UserError);
      await expect(unreachable).rejects.toThrow(/cannot open the PostgreSQL store postgres:\/\/evalgate:\*\*\*@127\.0\.0\.1:1\/.*is the server running/);
      const missing = new URL(database.url);
      missing.pathname = "/no_such_database";
      missing.password = "s3cret-pw";
      const error = await openPostgresStore(missing.toString()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UserError);
      expect(String(error)).toMatch(/database does not exist/);
      expect(String(error)).not.toContain("s3cret-pw");
      // libpq's other spelling: the password as a query parameter.
      const query = new URL(missing.toString());
      query.password = "";
      query.searchParams.set("password", "q-s3cret");
      const queried = await openPostgresStore(query.toString()).catch((caught: unknown) => caught);
      expect(String(queried)).toContain("password=***");
      expect(String(queried)).not.toContain("q-s3cret");
      // Unencoded special characters: a clear hint, never the text.
      const invalid = await openPostgresStore("postgres://evalgate:p:ss-w0rd@127.0.0.1:99999/db").catch((caught: unknown) => caught);
      expect(invalid).toBeInstanceOf(UserError);
      expect(String(invalid)).toMatch(/not a valid PostgreSQL URL.*percent-encoded/);
      expect(String(invalid)).not.toContain("w0rd");
    });

    it("ids sort in code point order even where the database's own collation would not", async () => {
      // The fresh database's default collation is linguistic where the server has ICU ("a" < "Z").
      const store = await openPostgresStore(database.url);
      const run = makeRun();
      await store.createRun(run);
      for (const id of ["a", "Z", "é", "e\u0301", "\u{1F600}", "\uFF5A"]) await store.putRunItem(makeRunItem(run.id, id));
      expect((await collect(store.runItems(run.id))).map((item) => item.item_id)).toEqual(["Z", "a", "e\u0301", "é", "\uFF5A", "\u{1F600}"]);
      await store.close();
    });

    it("a writer killed with SIGKILL mid-run keeps every item it reported as stored, uncorrupted", async () => {
      const runId = makeRun().id;
      const child = startPutItems(database.url, runId, 1_000_000);
      const exit = exited(child);
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const reported: string[] = [];
      for await (const line of createInterface({ input: child.stdout })) {
        reported.push(line);
        if (reported.length === 300) child.kill("SIGKILL");
      }
      expect(await exit).toEqual({ code: null, signal: "SIGKILL" });
      expect(stderr).toBe("");
      expect(reported.length).toBeGreaterThanOrEqual(300);

      const store = await openPostgresStore(database.url);
      const stored = await collect(store.runItems(runId));
      await store.close();
      const storedIds = new Set(stored.map((item) => item.item_id));
      expect(reported.filter((id) => !storedIds.has(id))).toEqual([]);
      for (const item of stored) expect(RunItemSchema.parse(item)).toStrictEqual(makeRunItem(runId, item.item_id));
    });

    it("four processes writing runs at once all keep every item", async () => {
      const runIds = ["aaaa", "bbbb", "cccc", "dddd"].map((suffix) => `run-20261125-120301-${suffix}`);
      const results = await Promise.all(
        runIds.map((runId) => {
          const child = startPutItems(database.url, runId, 300);
          let stderr = "";
          child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
          return exited(child).then((exit) => ({ runId, exit, stderr }));
        }),
      );
      const store = await openPostgresStore(database.url);
      for (const { runId, exit, stderr } of results) {
        expect({ exit, stderr }).toEqual({ exit: { code: 0, signal: null }, stderr: "" });
        expect([...(await store.runItemStatuses(runId)).keys()].sort()).toEqual(itemIds(300));
      }
      expect(await sql(database.url, "SELECT count(*)::int AS n FROM evalgate.run_items")).toEqual([{ n: 1200 }]);
      await store.close();
    });

    it("a run one process started is finished by another process with only the URL", async () => {
      const runId = makeRun().id;
      expect(await exited(startPutItems(database.url, runId, 120))).toEqual({ code: 0, signal: null });
      const other = await openPostgresStore(database.url);
      expect((await other.runItemStatuses(runId)).size).toBe(120);
      for (const id of itemIds(150).slice(120)) await other.putRunItem(makeRunItem(runId, id));
      await other.endRun(runId, { status: "passed", ended_at: "2026-11-25T12:10:00.000Z", summary: makeSummary(150, 150), verdict: "pass" });
      await other.close();
      const third = await openPostgresStore(database.url);
      expect((await collect(third.runItems(runId))).map((item) => item.item_id)).toEqual(itemIds(150));
      expect((await third.getRun(runId))?.status).toBe("passed");
      await third.close();
    });

    it("an item of a run that was never created is refused while items stored in the same batch are kept", async () => {
      const store = await openPostgresStore(database.url);
      const run = makeRun();
      await store.createRun(run);
      const [orphan, kept, nul] = await Promise.allSettled([
        store.putRunItem(makeRunItem("run-20261125-999999-dead", "item-0001")),
        store.putRunItem(makeRunItem(run.id, "item-0001")),
        store.putRunItem(makeRunItem(run.id, "bad\u0000id")),
      ]);
      expect(orphan.status).toBe("rejected");
      expect(kept.status).toBe("fulfilled");
      expect(nul).toMatchObject({ status: "rejected", reason: { message: expect.stringContaining("U+0000") } });
      expect(await store.runItemStatuses(run.id)).toEqual(new Map([["item-0001", "passed"]]));
      await store.close();
    });

    it("lists the newest 50 of 10,000 runs through an index, not a scan and a sort", async () => {
      const store = await openPostgresStore(database.url);
      await sql(
        database.url,
        "INSERT INTO evalgate.runs (id, experiment, experiment_version, dataset_path, dataset_version, item_count, target, started_at, status) " +
          "SELECT 'run-' || lpad(i::text, 5, '0'), CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END, 'v1', 'd.jsonl', 'dv1', 3, 'http://t', " +
          "to_char(timestamp '2026-01-01' + i * interval '1 minute', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), 'passed' FROM generate_series(1, 10000) AS i",
      );
      await sql(database.url, "ANALYZE evalgate.runs");
      const newest = await store.listRuns();
      expect(newest.map((run) => run.id)).toEqual(Array.from({ length: 50 }, (_, index) => `run-${String(10_000 - index).padStart(5, "0")}`));
      const odd = await store.listRuns({ experiment: "odd", limit: 3 });
      expect(odd.map((run) => run.id)).toEqual(["run-09999", "run-09997", "run-09995"]);
      for (const where of ["", "WHERE experiment = 'odd'", "WHERE status = 'passed'"]) {
        const [plan] = await sql<{ "QUERY PLAN": unknown }>(
          database.url,
          `EXPLAIN (FORMAT JSON) SELECT id FROM evalgate.runs ${where} ORDER BY started_at DESC, id DESC LIMIT 50`,
        );
        const text = JSON.stringify(plan?.["QUERY PLAN"]);
        expect(text).toMatch(/Index (Only )?Scan/);
        expect(text).not.toMatch(/"Node Type":"Sort"/);
      }
      await store.close();
    });

    it("a 100,000-item dataset version is stored in batched statements, not one per item, and streams back in id order", async () => {
      const store = await openPostgresStore(database.url);
      const ids = Array.from({ length: 100_000 }, (_, index) => `item-${String((index * 7919) % 100_000).padStart(6, "0")}`);
      const statements = vi.spyOn(pg.Client.prototype, "query");
      try {
        const items = ids.map((id) => ({ id, input: { question: `q ${id}` } }));
        expect(await store.putDatasetVersion({ version: "4e2f8a90c1b3", dataset_path: "big.jsonl", item_count: 100_000, created_at: "2026-11-25T12:00:00.000Z" }, items)).toBe(true);
        expect(statements.mock.calls.length).toBeLessThan(200);
      } finally {
        statements.mockRestore();
      }
      let count = 0;
      let previous = "";
      for await (const item of store.datasetVersionItems("4e2f8a90c1b3")) {
        expect(item.id > previous).toBe(true);
        previous = item.id;
        count += 1;
      }
      expect(count).toBe(100_000);
      await store.close();
    });

    it("publishing runs from another store copies their dataset version once", async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-local-"));
      const local = await openEmbeddedStore(dir);
      const shared = await openPostgresStore(database.url, { repository: "octo/shop" });
      const record = { version: "4e2f8a90c1b3", dataset_path: "evals/support.jsonl", item_count: 2, created_at: "2026-11-25T11:00:00.000Z" };
      const items = [{ id: "a", input: "first" }, { id: "b", input: { nested: [1, 2] } }];
      await local.putDatasetVersion(record, items);
      for (const id of ["run-20261125-120301-0001", "run-20261125-130301-0002"]) {
        await local.createRun(makeRun({ id, dataset_version: record.version }));
        await local.endRun(id, { status: "passed", ended_at: "2026-11-25T14:00:00.000Z" });
      }
      await shared.publishFrom(local, "run-20261125-120301-0001");
      const counted = async () => sql<{ n: number }>(database.url, "SELECT (SELECT count(*) FROM evalgate.dataset_items) + (SELECT count(*) FROM evalgate.dataset_version_items) AS n");
      const rows = await counted();
      await shared.publishFrom(local, "run-20261125-130301-0002");
      await shared.publishFrom(local, "run-20261125-120301-0001");

      expect(await counted()).toEqual(rows);
      expect(await shared.getDatasetVersion(record.version)).toStrictEqual(record);
      expect(await collect(shared.datasetVersionItems(record.version))).toStrictEqual(items);
      expect((await shared.listDatasetVersions()).map((use) => [use.version, use.runs])).toEqual([[record.version, 2]]);
      await Promise.all([local.close(), shared.close()]);
      await rm(dir, { recursive: true, force: true });
    });

    it("publishes a finished run from another store with its items, experiment version and annotations, and finds it by role and commit in its repository only", async () => {
      const local = await openPostgresStore(database.url, { repository: "octo/local" });
      const shared: PostgresRunStore = await openPostgresStore(database.url, { repository: "octo/shop" });
      const elsewhere = await openPostgresStore(database.url, { repository: "octo/other" });
      const run = makeRun({ id: "run-20261125-120301-1111", role: "baseline" });
      await local.saveExperimentVersion({ experiment: run.experiment, version: run.experiment_version, definition: { target: "http" }, created_at: run.started_at });
      await local.createRun(run);
      for (const id of itemIds(3)) await local.putRunItem(makeRunItem(run.id, id));
      await expect(shared.publishFrom(local, run.id)).rejects.toThrow(/still running/);
      await local.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:10:00.000Z", summary: makeSummary(3, 3), verdict: "pass" });
      const [first] = itemIds(1);
      const note = { run_id: run.id, run_item_id: runItemId(run.id, first!), item_id: first!, name: "tone", kind: "label" as const, value: "curt", updated_at: "2026-11-25T12:11:00.000Z" };
      await local.putAnnotations([note]);
      const ref = await shared.publishFrom(local, run.id);
      // Published again after a reviewer changed the label on the shared store: the newer label stays.
      await shared.putAnnotations([{ ...note, value: "kind", updated_at: "2026-11-25T12:12:00.000Z" }]);
      expect(ref).toEqual({ runId: run.id, experiment: run.experiment, datasetVersion: run.dataset_version, commit: run.git_commit, role: "baseline" });
      expect(await shared.publishFrom(local, run.id)).toEqual(ref);
      expect(await shared.findRuns({ experiment: run.experiment, role: "baseline", commit: run.git_commit! })).toEqual([ref]);
      expect(await shared.findRuns({ experiment: run.experiment, role: "candidate" })).toEqual([]);
      expect(await elsewhere.findRuns({ experiment: run.experiment })).toEqual([]);
      expect((await collect(shared.runItems(run.id))).map((item) => item.item_id)).toEqual(itemIds(3));
      expect(await shared.getExperimentVersion(run.experiment, run.experiment_version)).toMatchObject({ definition: { target: "http" } });
      expect((await shared.runAnnotations(run.id)).map((annotation) => annotation.value)).toEqual(["kind"]);
      expect(await shared.getRun(run.id)).toStrictEqual(await local.getRun(run.id));
      await Promise.all([local.close(), shared.close(), elsewhere.close()]);
    });
  });
});
