import path from "node:path";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { publishRun, ResultsBranchStore } from "../../src/store/results-branch/index.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let fake: FakeGitHub;
let target: TargetServer;
const ids: string[] = [];

/** Two runs made with the CLI, then published to a repository's results branch as the Action does. */
beforeAll(async () => {
  fake = await startFakeGitHub();
  fake.addRepo({ owner: "acme", repo: "shop" });
  target = await startArithmeticTarget({ wrongFor: { v1: ["item-1"], v2: ["item-2"] } });
  const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0.5, maxRegressions: 0 }), "items.jsonl": arithmeticDataset(8) });
  for (const version of ["v1", "v2"]) {
    const run = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/${version}`, "--format", "json"], { cwd });
    ids.push((JSON.parse(run.stdout) as { id: string }[])[0]!.id);
  }
  const local = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  const branch = new ResultsBranchStore({
    octokit: new Octokit({ auth: "t", baseUrl: fake.url }),
    owner: "acme",
    repo: "shop",
    stagingDir: path.join(cwd, "staging"),
  });
  for (const id of ids) await publishRun(local, id, branch);
  await local.close();
});
afterAll(async () => {
  await target.close();
  await fake.close();
});

describe("evalgate --store github:OWNER/REPO", () => {
  const env = () => ({ GITHUB_API_URL: fake.url, GITHUB_TOKEN: "t" });

  it("lists and compares the runs on a repository's results branch", async () => {
    const cwd = await makeWorkspace({});
    const listed = await runEvalgate(["--store", "github:acme/shop", "runs", "list", "--format", "json"], { cwd, env: env() });
    expect(listed.stderr).toBe("");
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((run) => run.id).sort()).toEqual([...ids].sort());
    const compared = await runEvalgate(["--store", "github:acme/shop", "runs", "compare", ids[0]!, ids[1]!, "--format", "json"], { cwd, env: env() });
    expect(compared.code).toBe(1);
    const { comparison } = JSON.parse(compared.stdout);
    expect(comparison.regressions.items.map((item: { item_id: string }) => item.item_id)).toEqual(["item-2"]);
    expect(comparison.fixes.items.map((item: { item_id: string }) => item.item_id)).toEqual(["item-1"]);
  });

  it("asks for a token when none is set", async () => {
    const cwd = await makeWorkspace({});
    const result = await runEvalgate(["--store", "github:acme/shop", "runs", "list"], {
      cwd,
      env: { GITHUB_API_URL: fake.url, GITHUB_TOKEN: undefined, GH_TOKEN: undefined },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("GITHUB_TOKEN");
  });
});
