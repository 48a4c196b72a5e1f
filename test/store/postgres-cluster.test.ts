import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { describeWithPostgres, freshDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";

/** The first value of a one-row, one-column query, over its own connection. */
async function queryOne(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql);
    return Object.values(result.rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

describeWithPostgres("the test PostgreSQL cluster", () => {
  const databases: FreshDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it("gives each caller a database of its own, reachable by its URL, and drops it with its sessions", async () => {
    const first = await freshDatabase();
    const second = await freshDatabase();
    databases.push(first, second);

    expect(String(await queryOne(first.url, "SHOW server_version"))).toMatch(/^\d/);
    expect(await queryOne(first.url, "SELECT current_database()")).toBe(first.name);
    expect(await queryOne(second.url, "SELECT current_database()")).toBe(second.name);
    expect(first.url).not.toBe(second.url);

    // Where the server has ICU, a fresh database sorts linguistically ('a' before 'B'), unlike
    // code-point order ('B' is 66, 'a' 97): the store's own COLLATE "C" is what orders its ids.
    const hasIcu = Number(await queryOne(first.url, "SELECT count(*) FROM pg_collation WHERE collprovider = 'i'")) > 0;
    if (hasIcu) {
      expect(await queryOne(first.url, "SELECT 'a' < 'B'")).toBe(true);
      expect(await queryOne(first.url, `SELECT 'a' < 'B' COLLATE "C"`)).toBe(false);
    }

    // A table in one is not in the other.
    await queryOne(first.url, "CREATE TABLE only_in_first (id int)");
    expect(await queryOne(second.url, "SELECT to_regclass('only_in_first') IS NULL")).toBe(true);

    // A session still open (a pool a test forgot to close) does not keep the database alive.
    const lingering = new pg.Client({ connectionString: first.url });
    lingering.on("error", () => {});
    await lingering.connect();
    await first.drop();
    await first.drop();
    await lingering.end().catch(() => {});
    const exists = await queryOne(
      String(postgresUrl()),
      `SELECT count(*)::int FROM pg_database WHERE datname = '${first.name}'`,
    );
    expect(exists).toBe(0);
  });
});

