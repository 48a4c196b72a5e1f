import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { describeWithPostgres, freshDatabase, type FreshDatabase } from "../helpers/postgres.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

describeWithPostgres("the CLI with a PostgreSQL store", () => {
  let database: FreshDatabase;
  let target: TargetServer;
  let workspace: string;
  const ids: string[] = [];

  /** Two runs made with `--store postgres://…`: the baseline (v1) gets item-1 wrong, the candidate (v2) item-2. */
  beforeAll(async () => {
    database = await freshDatabase();
    target = await startArithmeticTarget({ wrongFor: { v1: ["item-1"], v2: ["item-2"] } });
    workspace = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0.5, maxRegressions: 0 }), "items.jsonl": arithmeticDataset(8) });
    for (const version of ["v1", "v2"]) {
      const run = await runEvalgate(["run", "arithmetic", "--store", database.url, "--target-url", `${target.url}/${version}`, "--name", version, "--format", "json"], {
        cwd: workspace,
      });
      expect(run.stderr).not.toContain("evalgate:");
      expect(run.code).toBe(0);
      ids.push((JSON.parse(run.stdout) as { id: string }[])[0]!.id);
    }
  }, 60_000);
  afterAll(async () => {
    await target?.close();
    await database?.drop();
  });

  it("keeps the runs in PostgreSQL, not in an embedded store", () => {
    expect(existsSync(path.join(workspace, ".evalgate", "evalgate.db"))).toBe(false);
  });

  it("runs list, runs show and runs compare read them back from another folder with only the URL", async () => {
    const cwd = await makeWorkspace({});
    const listed = await runEvalgate(["runs", "list", "--store", database.url, "--format", "json"], { cwd });
    expect(listed.stderr).toBe("");
    const runs = JSON.parse(listed.stdout) as { id: string; label: string; status: string }[];
    expect(runs.map((run) => run.id).sort()).toEqual([...ids].sort());
    expect(runs.map((run) => run.label).sort()).toEqual(["v1", "v2"]);

    const shown = await runEvalgate(["runs", "show", ids[0]!, "--store", database.url], { cwd });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(ids[0]!);
    expect(shown.stdout).toMatch(/7 of 8|87\.5/);

    const compared = await runEvalgate(["runs", "compare", ids[0]!, ids[1]!, "--store", database.url, "--format", "json"], { cwd });
    expect(compared.code).toBe(1);
    const { comparison } = JSON.parse(compared.stdout);
    expect(comparison.regressions.items.map((item: { item_id: string }) => item.item_id)).toEqual(["item-2"]);
    expect(comparison.fixes.items.map((item: { item_id: string }) => item.item_id)).toEqual(["item-1"]);
    expect(existsSync(path.join(cwd, ".evalgate"))).toBe(false);
  });

  it("EVALGATE_STORE_URL opens the same store when --store is not given", async () => {
    const cwd = await makeWorkspace({});
    const env = { EVALGATE_STORE_URL: database.url };
    const listed = await runEvalgate(["runs", "list", "--format", "json"], { cwd, env });
    expect(listed.stderr).toBe("");
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((run) => run.id).sort()).toEqual([...ids].sort());
    const compared = await runEvalgate(["runs", "compare", ids[0]!, ids[1]!, "--format", "json"], { cwd, env });
    expect(JSON.parse(compared.stdout).comparison.regressions.count).toBe(1);
    // An explicit --store still wins: this folder's embedded store has no runs.
    const local = await runEvalgate(["runs", "list", "--store", ".evalgate"], { cwd, env });
    expect(local.stdout).toBe("(none)\n");
  });

  it("a run into EVALGATE_STORE_URL lands there", async () => {
    const run = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--name", "from-env", "--format", "json"], {
      cwd: workspace,
      env: { EVALGATE_STORE_URL: database.url },
    });
    expect(run.code).toBe(0);
    const id = (JSON.parse(run.stdout) as { id: string }[])[0]!.id;
    const listed = await runEvalgate(["runs", "list", "--store", database.url, "--format", "json"], { cwd: await makeWorkspace({}) });
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((run) => run.id)).toContain(id);
    expect(existsSync(path.join(workspace, ".evalgate", "evalgate.db"))).toBe(false);
  });
});
