import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";

describe("--store", () => {
  it("refuses a PostgreSQL URL with exit 2, naming what is supported, and creates no folder", async () => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["--store", "postgres://user:s3cret@db.example/evals", "runs", "list"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('evalgate cannot open a "postgres:" store (a PostgreSQL store is not available yet)');
    expect(result.stderr).toContain("--store takes a directory");
    expect(result.stderr).toContain("github:OWNER/REPO[@BRANCH]");
    expect(result.stderr).not.toContain("s3cret");
    expect(result.stdout).toBe("");
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each(["s3://bucket/runs", "foo:bar"])("refuses the unknown scheme of %s", async (spec) => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["--store", spec, "runs", "list"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot open a "${spec.slice(0, spec.indexOf(":"))}:" store`);
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
