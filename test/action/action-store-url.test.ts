import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { afterEach, beforeAll, expect, it } from "vitest";
import { openPostgresStore } from "../../src/store/postgres/index.js";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { describeWithPostgres, freshDatabase, type FreshDatabase } from "../helpers/postgres.js";
import { ACTION_FROM_SOURCE, BUILT_ACTION, runBuiltAction, type ActionResult } from "../helpers/run-action.js";
import {
  OWNER,
  REPO,
  arithmeticConfig,
  arithmeticDataset,
  checkRuns,
  comments,
  createWorld,
  examplePayload,
  inputsFor,
  openPr,
  pushBaseline,
  runOnPr,
  storedRunFiles,
  type OpenedPr,
  type World,
} from "./action-world.js";

// v1 is production (item-3, item-4 wrong); v2 a candidate with two regressions (item-5, item-6).
const wrongFor = { v1: ["item-3", "item-4"], v2: ["item-3", "item-4", "item-5", "item-6"] };
const PASSWORD = "s3cret-pw";

let world: World | undefined;
let database: FreshDatabase | undefined;
afterEach(async () => {
  if (world) {
    // Every request the Action sent must be one GitHub's OpenAPI description allows.
    expect(checkRequestsAgainstOpenApi(world.fake.requests)).toEqual([]);
    await world.close();
  }
  world = undefined;
  await database?.drop();
  database = undefined;
});

beforeAll(() => {
  if (!ACTION_FROM_SOURCE && !existsSync(BUILT_ACTION)) throw new Error("dist/index.js is missing: run `npm run build`");
});

/** The database's URL with a password in it (the test cluster trusts local logins, so any is accepted). */
function withPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = PASSWORD;
  return parsed.toString();
}

/** The job's log without the `::add-mask::` commands, which hand the secret to the runner to mask. */
function logOf(result: ActionResult): string {
  return (result.stdout + result.stderr)
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
}

/** Git Data API writes: how a run reaches the results branch. */
function resultsBranchWrites(world: World): string[] {
  return world.fake.requests.filter((request) => request.method !== "GET" && /\/git\//.test(request.path)).map((request) => `${request.method} ${request.path}`);
}

describeWithPostgres("the Action with store-url", () => {
  it("stores the baseline in PostgreSQL, finds it for the pull request, comments and checks, and never touches the results branch", async () => {
    world = await createWorld({ wrongFor });
    database = await freshDatabase();
    const storeUrl = withPassword(database.url);

    const baseline = await pushBaseline(world, "v1", world.mainSha(), { "store-url": storeUrl });
    expect(baseline.stderr).toBe("");
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).toContain(`::add-mask::${storeUrl}`);
    expect(baseline.stdout).toContain(`::add-mask::${PASSWORD}`);
    expect(baseline.stdout).toContain("on the PostgreSQL store (store-url)");

    // The run is kept with this repository's name: another repository sharing the database does not see it.
    const mine = await openPostgresStore(database.url, { repository: `${OWNER}/${REPO}` });
    const other = await openPostgresStore(database.url, { repository: `${OWNER}/another` });
    try {
      const found = await mine.findRuns({ experiment: "arithmetic", role: "baseline" });
      expect(found.map((ref) => [ref.runId, ref.commit])).toEqual([[baseline.outputs["run-id"], world.mainSha()]]);
      expect(await other.findRuns({ experiment: "arithmetic", role: "baseline" })).toEqual([]);
    } finally {
      await mine.close();
      await other.close();
    }

    const pr = openPr(world);
    const candidate = await runOnPr(world, pr, "v2", { inputs: { "store-url": storeUrl } });
    expect(candidate.code).toBe(1);
    expect(candidate.outputs).toMatchObject({ verdict: "fail", regressions: "2", fixes: "0", "pass-rate": "0.8000", "baseline-pass-rate": "0.9000" });
    const [comment, ...more] = comments(world);
    expect(more).toHaveLength(0);
    expect(comment!.body).toContain("item-5");
    expect(comment!.body).toContain(baseline.outputs["run-id"]!);
    expect(checkRuns(world)[0]).toMatchObject({ name: "evalgate / arithmetic", headSha: pr.headSha, status: "completed", conclusion: "failure" });

    const reader = await openPostgresStore(database.url, { repository: `${OWNER}/${REPO}` });
    try {
      const candidates = await reader.findRuns({ experiment: "arithmetic", role: "candidate" });
      expect(candidates.map((ref) => [ref.runId, ref.commit])).toEqual([[candidate.outputs["run-id"], pr.headSha]]);
      expect((await reader.getRun(candidate.outputs["run-id"]!))?.pull_request).toBe(pr.number);
    } finally {
      await reader.close();
    }

    expect(storedRunFiles(world)).toEqual([]);
    expect(world.fake.repo(OWNER, REPO).refs.get("refs/heads/evalgate-results")).toBeUndefined();
    expect(resultsBranchWrites(world)).toEqual([]);
    for (const result of [baseline, candidate]) {
      expect(logOf(result)).not.toContain(PASSWORD);
      expect(result.summary).not.toContain(PASSWORD);
    }
  });
});

describeWithPostgres("shards with store-url", () => {
  it("two shard jobs run at once publish to PostgreSQL; the merge job finds both there and concludes the check", { timeout: 120_000 }, async () => {
    world = await createWorld({ wrongFor });
    database = await freshDatabase();
    const storeUrl = withPassword(database.url);
    expect((await pushBaseline(world, "v1", world.mainSha(), { "store-url": storeUrl })).code).toBe(0);
    const pr = openPr(world);
    const shards = await Promise.all(["1/2", "2/2"].map((shard) => runOnPr(world!, pr, "v2", { inputs: { "store-url": storeUrl, shard } })));
    for (const shard of shards) {
      expect(shard.code).toBe(0);
      expect(shard.summary).toContain("Stored on the PostgreSQL store (store-url)");
    }
    const merge = await runOnPr(world, pr, "v2", { inputs: { "store-url": storeUrl, mode: "merge", "candidate-url": "" } });
    expect(merge.outputs).toMatchObject({ verdict: "fail", regressions: "2", "pass-rate": "0.8000", "baseline-pass-rate": "0.9000" });
    expect(checkRuns(world)).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
    expect(comments(world)).toHaveLength(1);
    expect(storedRunFiles(world)).toEqual([]);
  });
});

/** `/eval regression` commented by a writer, answered by the Action on `issue_comment` (no server). */
async function runRegressionCommand(world: World, pr: OpenedPr, storeUrl: string): Promise<ActionResult> {
  const payload = await examplePayload("issue_comment", (example) => example.action === "created");
  payload.issue.number = pr.number;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${pr.number}` };
  const seeded = world.fake.addComment({ owner: OWNER, repo: REPO, issueNumber: pr.number, body: "/eval regression", user: "Codertocat" });
  Object.assign(payload.comment, { id: seeded.id, body: "/eval regression" });
  Object.assign(payload.comment.user, { login: "Codertocat", type: "User" });
  payload.repository.default_branch = "main";
  return runBuiltAction({
    apiUrl: world.fake.url,
    workspace: world.workspace,
    eventName: "issue_comment",
    payload,
    repository: `${OWNER}/${REPO}`,
    sha: world.mainSha(),
    ref: "refs/heads/main",
    inputs: await inputsFor({ "store-url": storeUrl }),
    env: { GITHUB_WORKFLOW_REF: `${OWNER}/${REPO}/.github/workflows/evalgate.yml@refs/heads/main` },
  });
}

describeWithPostgres("/eval regression through the Action with store-url", () => {
  it("takes the failed items of the pull request's run from PostgreSQL", async () => {
    world = await createWorld({ wrongFor });
    database = await freshDatabase();
    const storeUrl = withPassword(database.url);
    world.fake.addCommit({ owner: OWNER, repo: REPO, branch: "main", files: { "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(20) } });
    const pr = openPr(world);
    expect((await runOnPr(world, pr, "v2", { inputs: { "store-url": storeUrl, "fail-on-gate": "false" } })).code).toBe(0);
    world.fake.setPermission("Codertocat", "write");

    const result = await runRegressionCommand(world, pr, storeUrl);
    expect(result.stdout).not.toContain("::error::");
    expect(result.code).toBe(0);
    const dataset = world.fake.readFile(OWNER, REPO, pr.headRef, "evals/regressions/arithmetic-regressions.jsonl")?.toString() ?? "";
    expect(dataset.trim().split("\n").map((line) => (JSON.parse(line) as { id: string }).id).sort()).toEqual(["item-3", "item-4", "item-5", "item-6"]);
    expect(storedRunFiles(world)).toEqual([]);
    expect(logOf(result)).not.toContain(PASSWORD);
  });
});

it("an unreachable store-url fails the step naming the URL with its password hidden, before calling any target", async () => {
  world = await createWorld({ wrongFor });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const storeUrl = `postgres://evalgate:${PASSWORD}@127.0.0.1:${port}/evals`;
  const result = await pushBaseline(world, "v1", world.mainSha(), { "store-url": storeUrl });
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/::error::evalgate: .*PostgreSQL store/);
  expect(logOf(result)).not.toContain(PASSWORD);
  expect(world.target.requests).toBe(0);
});

it("a store-url that is no PostgreSQL URL is refused without quoting it", async () => {
  world = await createWorld({ wrongFor });
  const result = await pushBaseline(world, "v1", world.mainSha(), { "store-url": `mysql://evalgate:${PASSWORD}@db/evals` });
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("::error::evalgate: invalid inputs:%0A  store-url: not a PostgreSQL URL");
  expect(logOf(result)).not.toContain(PASSWORD);
  expect(logOf(result)).not.toContain("mysql://");
});
