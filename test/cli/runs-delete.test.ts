import { spawn, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { inspectDataset, readDataset } from "../../src/engine/dataset-file.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { openPostgresStore } from "../../src/store/postgres/index.js";
import type { RunStore } from "../../src/store/run-store.js";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import { describeWithPostgres, freshDatabase, type FreshDatabase } from "../helpers/postgres.js";
import type { TargetServer } from "../helpers/target-server.js";
import { storedItems, waitForStored } from "./stored-runs.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/**
 * Stores the dataset file's version as a run does when it starts (a no-op once the run has
 * stored it), read through the dataset loader so the version is the one runs record.
 */
async function storeDatasetVersion(store: RunStore, cwd: string, file = "items.jsonl"): Promise<string> {
  const info = await inspectDataset(path.join(cwd, file), file, { quoteContent: true });
  const record = { version: info.version, dataset_path: file, item_count: info.item_count, created_at: new Date().toISOString() };
  await store.putDatasetVersion(record, readDataset(path.join(cwd, file), file, { quoteContent: true }));
  return info.version;
}

/** Three runs: two over the first version of items.jsonl, one over an edited version. */
async function threeRuns(cwd: string, url: string, openStore: () => Promise<RunStore>, env: Record<string, string> = {}) {
  const ids: string[] = [];
  const versions: string[] = [];
  for (const count of [4, 4, 5]) {
    await writeFile(path.join(cwd, "items.jsonl"), arithmeticDataset(count));
    const run = await runEvalgate(["run", "arithmetic", "--target-url", url, "--format", "json"], { cwd, env });
    expect(run.code).toBe(0);
    ids.push((JSON.parse(run.stdout) as { id: string }[])[0]!.id);
    const store = await openStore();
    try {
      versions.push(await storeDatasetVersion(store, cwd));
    } finally {
      await store.close();
    }
  }
  expect(versions[0]).toBe(versions[1]);
  return { ids, shared: versions[0]!, edited: versions[2]! };
}

interface ListedVersion {
  version: string;
  runs: number;
}

async function datasetRuns(cwd: string, env: Record<string, string> = {}): Promise<Record<string, number>> {
  const listed = await runEvalgate(["datasets", "list", "--format", "json"], { cwd, env });
  return Object.fromEntries((JSON.parse(listed.stdout) as ListedVersion[]).map((version) => [version.version, version.runs]));
}

describe("runs delete on the embedded store", () => {
  it("refuses without a terminal or --force (saying what would go); with --force keeps a dataset version another run uses, and removes it with its last run", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig() });
    const { ids, shared, edited } = await threeRuns(cwd, target.url, () => openEmbeddedStore(path.join(cwd, ".evalgate")));
    expect(await datasetRuns(cwd)).toEqual({ [shared]: 2, [edited]: 1 });

    const refused = await runEvalgate(["runs", "delete", ids[0]!], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain(`run ${ids[0]} (arithmetic, passed, started `);
    expect(refused.stdout).toContain("  - the run and its 4 items, with their scores\n");
    expect(refused.stdout).toContain(`  - dataset version ${shared} (items.jsonl, 4 items): kept, 1 other run uses it\n`);
    expect(refused.stderr).toContain(`nothing was deleted: runs delete asks first, and stdin is not a terminal; pass --force to delete run ${ids[0]} without asking`);
    expect(JSON.parse((await runEvalgate(["runs", "list", "--format", "json"], { cwd })).stdout)).toHaveLength(3);

    const deleted = await runEvalgate(["runs", "delete", ids[0]!, "--force"], { cwd });
    expect(deleted.stderr).toBe("");
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`deleted run ${ids[0]}: 4 items; dataset version ${shared} kept\n`);
    expect((await runEvalgate(["runs", "show", ids[0]!], { cwd })).code).toBe(2);
    expect(await datasetRuns(cwd)).toEqual({ [shared]: 1, [edited]: 1 });
    // The version kept is whole: it still exports and diffs against the edited one.
    const diffed = JSON.parse((await runEvalgate(["datasets", "diff", shared, edited, "--format", "json"], { cwd })).stdout);
    expect(diffed).toMatchObject({ added: ["item-4"], removed: [], changed: [], unchanged: 4 });

    const last = await runEvalgate(["runs", "delete", ids[1]!.slice(0, -1), "--force"], { cwd });
    expect(last.stdout).toContain(`  - dataset version ${shared} (items.jsonl, 4 items): removed too, no other run uses it\n`);
    expect(last.stdout).toContain(`deleted run ${ids[1]}: 4 items; dataset version ${shared} removed too\n`);
    expect(await datasetRuns(cwd)).toEqual({ [edited]: 1 });
    expect((await runEvalgate(["runs", "list", "--format", "json"], { cwd })).stdout).toContain(ids[2]!);
  }, 90_000);

  it("refuses a run whose owner is alive, naming it", async () => {
    target = await startArithmeticTarget({ latencyMs: 100 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }), "items.jsonl": arithmeticDataset(400) });
    const runner = spawnEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    runner.stdin.end();
    const exited = collect(runner);
    try {
      await waitForStored(cwd, 2);
      const { runId } = await storedItems(cwd);
      const refused = await runEvalgate(["runs", "delete", runId, "--force"], { cwd });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`run ${runId} is being run right now (pid ${runner.pid} on ${os.hostname()}, heartbeat `);
      expect(refused.stderr).toContain(`stop it first with \`evalgate runs cancel ${runId}\`, then delete it`);
      expect((await runEvalgate(["runs", "show", runId], { cwd })).code).toBe(0);
    } finally {
      runner.kill("SIGKILL");
      await exited;
    }
  }, 60_000);

  // A pseudo-terminal comes from util-linux `script`; a machine without it skips this one.
  it.skipIf(spawnSync("script", ["--version"]).status !== 0)("on a terminal, asks and deletes only on yes", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
    const run = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--format", "json"], { cwd });
    const id = (JSON.parse(run.stdout) as { id: string }[])[0]!.id;
    const declined = await onTerminal(["runs", "delete", id], "n\n", cwd);
    expect(declined.output).toContain("Delete? [y/N]");
    expect(declined.output).toContain("nothing was deleted");
    expect((await runEvalgate(["runs", "show", id], { cwd })).code).toBe(0);
    const accepted = await onTerminal(["runs", "delete", id], "y\n", cwd);
    expect(accepted.output).toContain(`deleted run ${id}: 2 items`);
    expect((await runEvalgate(["runs", "show", id], { cwd })).code).toBe(2);
  }, 60_000);
});

/**
 * The real CLI with a pseudo-terminal for stdin and stdout (util-linux `script`), typing `input`
 * once the question is on screen.
 */
async function onTerminal(args: string[], input: string, cwd: string): Promise<{ code: number | null; output: string }> {
  const entry = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
  const command = [process.execPath, "--import", import.meta.resolve("tsx"), entry, ...args].map(shellQuoted).join(" ");
  const terminal = spawn("script", ["-qec", command, "/dev/null"], { cwd, stdio: "pipe" });
  let output = "";
  let typed = false;
  terminal.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (!typed && output.includes("Delete? [y/N]")) {
      terminal.stdin.write(input);
      typed = true;
    }
  });
  const code = await new Promise<number | null>((resolve) => terminal.on("close", resolve));
  return { code, output };
}

function shellQuoted(word: string): string {
  return `'${word.replace(/'/g, "'\\''")}'`;
}

describeWithPostgres("runs delete on a PostgreSQL store", () => {
  let database: FreshDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it("keeps a dataset version another run still uses, and removes it with its last run", async () => {
    database = await freshDatabase();
    target = await startArithmeticTarget();
    const env = { EVALGATE_STORE_URL: database.url };
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig() });
    const url = database.url;
    const { ids, shared, edited } = await threeRuns(cwd, target.url, () => openPostgresStore(url), env);
    const deleted = await runEvalgate(["runs", "delete", ids[0]!, "--force"], { cwd, env });
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`dataset version ${shared} (items.jsonl, 4 items): kept, 1 other run uses it`);
    expect(await datasetRuns(cwd, env)).toEqual({ [shared]: 1, [edited]: 1 });
    const last = await runEvalgate(["runs", "delete", ids[1]!, "--force"], { cwd, env });
    expect(last.stdout).toContain(`deleted run ${ids[1]}: 4 items; dataset version ${shared} removed too`);
    expect(await datasetRuns(cwd, env)).toEqual({ [edited]: 1 });
  }, 90_000);
});
