import { writeFile } from "node:fs/promises";
import path from "node:path";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { publishRun, ResultsBranchStore } from "../../src/store/results-branch/index.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const ITEMS = 250;
let fake: FakeGitHub;
let target: TargetServer;
let cwd: string;
let baselineId: string;
let candidateId: string;

const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join("\n") + "\n";
const env = () => ({ GITHUB_API_URL: fake.url, GITHUB_TOKEN: "t" });
/** Every CLI call is a machine of its own: `--store github:` stages in a fresh temporary directory each time. */
const onBranch = (args: string[]) => runEvalgate(["--store", "github:acme/shop", ...args], { cwd, env: env() });

function branchHead(): string | undefined {
  return fake.repo("acme", "shop").refs.get("refs/heads/evalgate-results");
}

/**
 * Two runs made with the CLI and published to the results branch as the Action publishes them;
 * the candidate was annotated in the local store before it was published.
 */
beforeAll(async () => {
  fake = await startFakeGitHub();
  fake.addRepo({ owner: "acme", repo: "shop" });
  target = await startArithmeticTarget({ wrongFor: { v2: ["item-2"] } });
  cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0, concurrency: 32 }), "items.jsonl": arithmeticDataset(ITEMS) });
  const ids: string[] = [];
  for (const version of ["v1", "v2"]) {
    const run = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/${version}`, "--format", "json"], { cwd });
    ids.push((JSON.parse(run.stdout) as { id: string }[])[0]!.id);
  }
  [baselineId, candidateId] = ids as [string, string];
  await writeFile(path.join(cwd, "before.jsonl"), jsonl([{ item_id: "item-0", name: "quality", metric: 0.1, author: "ana" }]));
  const local = await runEvalgate(["runs", "annotate", candidateId, "--file", "before.jsonl"], { cwd });
  expect(local.code, local.stderr).toBe(0);

  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  const branch = new ResultsBranchStore({ octokit: new Octokit({ auth: "t", baseUrl: fake.url }), owner: "acme", repo: "shop", stagingDir: path.join(cwd, "staging") });
  for (const id of ids) await publishRun(store, id, branch);
  await store.close();
  await branch.close();
}, 60_000);
afterAll(async () => {
  await target.close();
  await fake.close();
});

describe("evalgate runs annotate --store github:OWNER/REPO", () => {
  it("puts a published run's annotations on the branch, a commit per batch of 1,000, and another machine reads them", async () => {
    const names = Array.from({ length: 10 }, (_, index) => `rater-${index}`);
    const records = [];
    for (let item = 0; item < ITEMS; item += 1) for (const name of names) records.push({ item_id: `item-${item}`, name, metric: item });
    await writeFile(path.join(cwd, "many.jsonl"), jsonl(records));
    const headBefore = branchHead();

    const result = await onBranch(["runs", "annotate", baselineId, "--file", "many.jsonl"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${baselineId}: 2,500 annotations written, 250 run items touched\n`);

    const messages: string[] = [];
    const repo = fake.repo("acme", "shop");
    for (let sha = branchHead(); sha !== undefined && sha !== headBefore; sha = repo.commits.get(sha)?.parents[0]) messages.push(repo.commits.get(sha)!.message);
    expect(messages).toEqual([
      `evalgate: annotate run ${baselineId} (500 annotations)`,
      `evalgate: annotate run ${baselineId} (1000 annotations)`,
      `evalgate: annotate run ${baselineId} (1000 annotations)`,
    ]);
    const files = fake.listFiles("acme", "shop", "evalgate-results").filter((file) => file.startsWith(`annotations/${baselineId}/`));
    expect(files).toHaveLength(3);
    for (const file of files) expect(file).toMatch(/^annotations\/run-[\w-]+\/\d{8}T\d{9}Z-[0-9a-f]{8}\.jsonl\.gz$/);

    const shown = await onBranch(["runs", "show", baselineId, "--format", "json"]);
    expect(shown.code, shown.stderr).toBe(0);
    const { annotations } = JSON.parse(shown.stdout) as { annotations: { name: string; count: number; mean: number }[] };
    // Every rater gave item-i the value i: the mean of 0 … 249 is 124.5.
    expect(annotations).toEqual(names.map((name) => ({ name, kind: "metric", count: ITEMS, mean: 124.5, min: 0, max: ITEMS - 1 })));
  });

  it("what was annotated before publishing travels with the run, and a later annotation of the same item and name replaces it", async () => {
    const published = await onBranch(["runs", "show", candidateId, "--format", "json"]);
    expect((JSON.parse(published.stdout) as { annotations: unknown[] }).annotations).toEqual([{ name: "quality", kind: "metric", count: 1, mean: 0.1, min: 0.1, max: 0.1 }]);
    expect(fake.listFiles("acme", "shop", "evalgate-results")).toContain(`annotations/${candidateId}/0-published.jsonl.gz`);

    await writeFile(path.join(cwd, "again.jsonl"), jsonl([{ item_id: "item-0", name: "quality", metric: 0.9 }, { item_id: "item-2", name: "verdict", label: "wrong sum" }]));
    const again = await onBranch(["runs", "annotate", candidateId, "--file", "again.jsonl"]);
    expect(again.code, again.stderr).toBe(0);

    const compared = await onBranch(["runs", "compare", baselineId, candidateId, "--format", "json"]);
    const { annotations } = JSON.parse(compared.stdout) as { annotations: { candidate: unknown[] } };
    expect(annotations.candidate).toEqual([
      { name: "quality", kind: "metric", count: 1, mean: 0.9, min: 0.9, max: 0.9 },
      { name: "verdict", kind: "label", count: 1, labels: [{ label: "wrong sum", count: 1 }] },
    ]);
    const listed = await onBranch(["scores", "list", "--run-id", candidateId, "--format", "json"]);
    const rows = (JSON.parse(listed.stdout) as Record<string, unknown>[]).filter((row) => row["source"] === "annotation");
    expect(rows.map((row) => [row["item_id"], row["scorer"], row["score"] ?? row["label"], row["author"]])).toEqual([
      ["item-0", "quality", 0.9, null],
      ["item-2", "verdict", "wrong sum", null],
    ]);
  });

  it("bad input adds no commit to the branch", async () => {
    await writeFile(path.join(cwd, "bad.jsonl"), jsonl([{ item_id: "item-0", name: "x", metric: 1 }, { item_id: "item-9999", name: "x", metric: 1 }]));
    const headBefore = branchHead();
    const result = await onBranch(["runs", "annotate", baselineId, "--file", "bad.jsonl"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`bad.jsonl:2: item_id: "item-9999" has no run item in run ${baselineId}`);
    expect(branchHead()).toBe(headBefore);
  });
});
