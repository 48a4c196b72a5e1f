import { readdir } from "node:fs/promises";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";

/** A 127.0.0.1 port nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("--store", () => {
  it("a PostgreSQL URL whose server is unreachable: exit 2 naming the URL with its password hidden, and no folder", async () => {
    const cwd = await makeWorkspace({});
    const url = `postgres://evalgate:s3cret-pw@127.0.0.1:${await closedPort()}/evals`;
    const result = await runEvalgate(["--store", url, "runs", "list"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(url.replace("s3cret-pw", "***"));
    expect(result.stderr).not.toContain("s3cret-pw");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each(["s3://bucket/runs", "foo:bar"])("refuses the unknown scheme of %s, naming the stores it takes", async (spec) => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["--store", spec, "runs", "list"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--store: evalgate cannot open a "${spec.slice(0, spec.indexOf(":"))}:" store`);
    expect(result.stderr).toContain("github:OWNER/REPO[@BRANCH]");
    expect(result.stderr).toContain("postgres://USER@HOST/DB");
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each(["runs/2026:11", "./foo:bar", "C:\\evalgate-runs"])("takes %s as a directory", async (spec) => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["--store", spec, "runs", "list"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("(none)\n");
    expect((await readdir(cwd)).length).toBe(1);
  });
});

describe("EVALGATE_STORE_URL", () => {
  it("names the store when --store is not given, and a refusal names the variable, not the secret", async () => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["runs", "list"], { cwd, env: { EVALGATE_STORE_URL: "s3://key:s3cret-pw@bucket/runs" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('EVALGATE_STORE_URL: evalgate cannot open a "s3:" store');
    expect(result.stderr).not.toContain("s3cret-pw");
    expect(await readdir(cwd)).toEqual([]);
  });

  it("gives way to an explicit --store, even --store .evalgate (the default's own value)", async () => {
    const cwd = await makeWorkspace({});
    const unreachable = `postgres://evalgate:s3cret-pw@127.0.0.1:${await closedPort()}/evals`;
    const result = await runEvalgate(["runs", "list", "--store", ".evalgate"], { cwd, env: { EVALGATE_STORE_URL: unreachable } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("(none)\n");
    expect(await readdir(cwd)).toEqual([".evalgate"]);
  });

  it("set but blank (a CI secret that does not exist) reads as unset: the embedded store in .evalgate", async () => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["runs", "list"], { cwd, env: { EVALGATE_STORE_URL: "  " } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await readdir(cwd)).toEqual([".evalgate"]);
  });
});
