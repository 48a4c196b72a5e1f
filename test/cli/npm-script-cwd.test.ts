import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, collect, makeWorkspace, type CliResult } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const rootStore = path.join(root, ".evalgate");

let target: TargetServer;
let rootHadStore: boolean;
const madeInCheckout: string[] = [];

beforeAll(async () => {
  target = await startArithmeticTarget();
  rootHadStore = existsSync(rootStore);
});

afterEach(() => {
  // The bug under test writes the package root's .evalgate/: never leave one behind.
  if (!rootHadStore && existsSync(rootStore)) {
    rm(rootStore, { recursive: true, force: true }).catch(() => {});
    expect.fail(`the command wrote ${rootStore}`);
  }
});

afterAll(async () => {
  await target?.close();
  for (const dir of madeInCheckout) await rm(dir, { recursive: true, force: true });
  // Only when empty: tmp/ may hold someone else's files.
  await rmdir(path.join(root, "tmp")).catch(() => {});
});

/** `npm [--prefix CHECKOUT] run -s evalgate -- ARGS`, typed in `cwd`, as a user types it. */
function npmEvalgate(args: string[], options: { cwd: string; prefix?: string }): Promise<CliResult> {
  const npmArgs = [...(options.prefix ? ["--prefix", options.prefix] : []), "run", "-s", "evalgate", "--", ...args];
  const child = spawn("npm", npmArgs, { cwd: options.cwd, env: process.env, stdio: "pipe" });
  child.stdin.end();
  return collect(child);
}

async function project(dir: string): Promise<void> {
  await writeFile(path.join(dir, "evalgate.yml"), arithmeticConfig());
  await writeFile(path.join(dir, "items.jsonl"), arithmeticDataset(3));
}

describe("npm run -s evalgate runs where the user typed it", () => {
  it("from a project outside the checkout (npm --prefix): reads its evalgate.yml and keeps .evalgate/ there", async () => {
    const cwd = await makeWorkspace({});
    await project(cwd);
    const ran = await npmEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd, prefix: root });
    expect(ran.stderr).not.toContain("config file not found");
    expect(ran.code).toBe(0);
    expect((await readdir(cwd)).toSorted()).toEqual([".evalgate", "evalgate.yml", "items.jsonl"]);
    const listed = await npmEvalgate(["runs", "list", "--format", "jsonl"], { cwd, prefix: root });
    expect(listed.code).toBe(0);
    expect(listed.stdout.trimEnd().split("\n")).toHaveLength(1);
  });

  it("from a sub-folder of the checkout: the sub-folder's evalgate.yml and .evalgate/, not the package root's", async () => {
    // tmp/ is ignored by git: other work in the checkout does not see the folder.
    await mkdir(path.join(root, "tmp"), { recursive: true });
    const cwd = await mkdtemp(path.join(root, "tmp", "npm-script-cwd-"));
    madeInCheckout.push(cwd);
    await project(cwd);
    const ran = await npmEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    expect(ran.code).toBe(0);
    expect(existsSync(path.join(cwd, ".evalgate"))).toBe(true);
  });

  it("shows the CLI's own errors through npm -s, from outside the checkout", async () => {
    const cwd = await makeWorkspace({});
    const result = await npmEvalgate(["runz", "list"], { cwd, prefix: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'runz'");
  });
});
