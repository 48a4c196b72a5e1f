import { readdir } from "node:fs/promises";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { describeWithPostgres, freshDatabase, type FreshDatabase } from "../helpers/postgres.js";

describeWithPostgres("evalgate store migrate on PostgreSQL", () => {
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it("migrates a fresh database from version 0, then says it is already there (idempotent)", async () => {
    database = await freshDatabase();
    const cwd = await makeWorkspace({});
    const first = await runEvalgate(["store", "migrate", "--store", database.url], { cwd });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const migrated = /^PostgreSQL store (\S+): schema version 0 → (\d+)\n$/.exec(first.stdout);
    expect(migrated?.[1]).toBe(database.url);
    const version = Number(migrated?.[2]);
    expect(version).toBeGreaterThanOrEqual(1);

    const again = await runEvalgate(["store", "migrate"], { cwd, env: { EVALGATE_STORE_URL: database.url } });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`PostgreSQL store ${database.url}: already at schema version ${version}\n`);
    // Nothing was written beside the user's files.
    expect(await readdir(cwd)).toEqual([]);
  });

  it("shows a URL's password as ***", async () => {
    database = await freshDatabase();
    const url = new URL(database.url);
    // The test cluster trusts local logins, so any password is accepted and must still never be shown.
    url.password = "s3cret-pw";
    const result = await runEvalgate(["store", "migrate", "--store", url.toString()], { cwd: await makeWorkspace({}) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`PostgreSQL store ${url.toString().replace("s3cret-pw", "***")}: schema version 0 →`);
    expect(result.stdout + result.stderr).not.toContain("s3cret-pw");
  });
});

describe("evalgate store migrate without a PostgreSQL store", () => {
  it("an unreachable server: exit 2 with the URL (password hidden) and the reason", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `postgres://evalgate:s3cret-pw@127.0.0.1:${port}/evals`;
    const result = await runEvalgate(["store", "migrate", "--store", url], { cwd: await makeWorkspace({}) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`postgres://evalgate:***@127.0.0.1:${port}/evals`);
    expect(result.stderr).toMatch(/ECONNREFUSED|refused/);
    expect(result.stderr).not.toContain("s3cret-pw");
    expect(result.stdout).toBe("");
  });

  it("no store named at all (EVALGATE_STORE_URL blank, as an unset CI secret): exit 2, never a silent success", async () => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["store", "migrate"], { cwd, env: { EVALGATE_STORE_URL: "" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("store migrate needs a PostgreSQL store: pass --store postgres://USER@HOST/DB or set EVALGATE_STORE_URL");
    expect(await readdir(cwd)).toEqual([]);
  });

  it("a directory named on purpose: nothing to migrate (it upgrades itself when opened), exit 0, nothing created", async () => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["store", "migrate", "--store", "runs"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "nothing to migrate: the embedded store in runs upgrades itself whenever evalgate opens it; store migrate is for a PostgreSQL store (postgres://…)\n",
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it("an unknown scheme: exit 2 naming only the scheme", async () => {
    const result = await runEvalgate(["store", "migrate", "--store", "s3://key:s3cret-pw@bucket/x"], { cwd: await makeWorkspace({}) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('evalgate knows no "s3:" store');
    expect(result.stderr).not.toContain("s3cret-pw");
  });
});
