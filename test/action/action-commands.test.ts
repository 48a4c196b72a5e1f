import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.js";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { runBuiltAction } from "../helpers/run-action.js";
import {
  OWNER,
  REPO,
  arithmeticConfig,
  arithmeticDataset,
  comments,
  createWorld,
  examplePayload,
  inputsFor,
  openPr,
  pushBaseline,
  runOnPr,
  type OpenedPr,
  type World,
} from "./action-world.js";

let world: World | undefined;
afterEach(async () => {
  if (world) {
    expect(checkRequestsAgainstOpenApi(world.fake.requests)).toEqual([]);
    await world.close();
  }
  world = undefined;
});

async function commentEvent(pr: OpenedPr, body: string, login = "Codertocat") {
  const payload = await examplePayload("issue_comment", (example) => example.action === "created");
  payload.issue.number = pr.number;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${pr.number}` };
  const seeded = world!.fake.addComment({ owner: OWNER, repo: REPO, issueNumber: pr.number, body, user: login });
  payload.comment.id = seeded.id;
  payload.comment.body = body;
  payload.comment.user.login = login;
  payload.comment.user.type = "User";
  payload.repository.default_branch = "main";
  return payload;
}

async function runCommand(pr: OpenedPr, body: string, login?: string) {
  return runBuiltAction({
    apiUrl: world!.fake.url,
    workspace: world!.workspace,
    eventName: "issue_comment",
    payload: await commentEvent(pr, body, login),
    repository: `${OWNER}/${REPO}`,
    sha: world!.mainSha(),
    ref: "refs/heads/main",
    inputs: await inputsFor({}),
    env: { GITHUB_WORKFLOW_REF: `${OWNER}/${REPO}/.github/workflows/evalgate.yml@refs/heads/main` },
  });
}

describe("/eval commands through the built Action (no server)", () => {
  it("/eval regression by a writer commits a regression dataset and experiment, dispatches a rerun and replies", async () => {
    world = await createWorld({ wrongFor: { v1: ["item-3"], v2: ["item-3", "item-5", "item-6"] } });
    world.fake.addCommit({
      owner: OWNER,
      repo: REPO,
      branch: "main",
      files: { "evalgate.yml": `# our evals\n${arithmeticConfig()}`, "items.jsonl": arithmeticDataset(20) },
    });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    expect((await runOnPr(world, pr, "v2", { inputs: { "fail-on-gate": "false" } })).code).toBe(0);
    world.fake.setPermission("Codertocat", "write");

    const result = await runCommand(pr, "/eval regression");
    expect(result.stdout).not.toContain("::error::");
    expect(result.code).toBe(0);
    const dataset = world.fake.readFile(OWNER, REPO, pr.headRef, "evals/regressions/arithmetic-regressions.jsonl")!.toString();
    const ids = dataset.trim().split("\n").map((line) => (JSON.parse(line) as { id: string }).id).sort();
    expect(ids).toEqual(["item-3", "item-5", "item-6"]);
    const config = world.fake.readFile(OWNER, REPO, pr.headRef, "evalgate.yml")!.toString();
    expect(config.startsWith("# our evals")).toBe(true);
    expect(Object.keys(parseConfig(config, "evalgate.yml").experiments)).toEqual(["arithmetic", "arithmetic-regressions"]);
    const repo = world.fake.repo(OWNER, REPO);
    expect(repo.workflowDispatches).toHaveLength(1);
    expect(repo.workflowDispatches[0]).toMatchObject({ ref: pr.headRef, inputs: { "pull-request": String(pr.number) } });
    const reply = comments(world).at(-1)!;
    expect(reply.body).toMatch(/3 items?/);
    expect(repo.reactions.map((reaction) => reaction.content)).toEqual(expect.arrayContaining(["eyes", "rocket"]));

    const again = await runCommand(pr, "/eval regression");
    expect(again.code).toBe(0);
    expect(comments(world).at(-1)!.body).toMatch(/nothing new/i);
    expect(repo.workflowDispatches).toHaveLength(1);
  });

  it("a read-only user gets one refusal and nothing else happens", async () => {
    world = await createWorld();
    const pr = openPr(world);
    world.fake.setPermission("reader", "read");
    const before = world.fake.repo(OWNER, REPO).refs.get(`refs/heads/${pr.headRef}`);
    const result = await runCommand(pr, "/eval run", "reader");
    expect(result.code).toBe(0);
    const repo = world.fake.repo(OWNER, REPO);
    const [command, refusal, ...more] = comments(world);
    expect(command!.body).toBe("/eval run");
    expect(refusal!.body).toMatch(/write/i);
    expect(more).toHaveLength(0);
    expect(repo.reactions).toHaveLength(0);
    expect(repo.workflowDispatches).toHaveLength(0);
    expect(repo.refs.get(`refs/heads/${pr.headRef}`)).toBe(before);
  });
});
