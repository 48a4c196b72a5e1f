import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.js";
import { checkRequestsAgainstOpenApi, loadOpenApiOperations } from "../helpers/openapi-check.js";
import { CONFIG, OWNER, REPO, REPO_FILES, seedCandidateRun, startWorld, type Bot } from "./bot-harness.js";

const FORK_OWNER = "contributor";
const HEAD = "fix-prompt";
const DATASET_PATH = "evals/regressions/support-agent-quality-regressions.jsonl";
const FALLBACK_BRANCH = (number: number) => `evalgate/regressions-pr-${number}`;

function ids(text: string | undefined): string[] {
  return (text ?? "").trimEnd().split("\n").filter((line) => line !== "").map((line) => (JSON.parse(line) as { id: string }).id);
}

describe("/eval regression on a fork's pull request", () => {
  let bot: Bot;

  beforeAll(() => loadOpenApiOperations(), 60_000);
  beforeEach(async () => {
    ({ bot } = await startWorld());
  });
  afterEach(async () => {
    await bot.close();
    await bot.fake.close();
    expect(bot.fake.unmatchedRequests()).toEqual([]);
    expect(checkRequestsAgainstOpenApi(bot.fake.requests)).toEqual([]);
  });

  /** A fork holding the head branch, and the pull request from it; the candidate run is at the fork's head. */
  async function forkPullRequest(options: { maintainerCanModify: boolean; baseFiles?: Record<string, string | null> }) {
    const { fake } = bot;
    if (options.baseFiles) fake.addCommit({ owner: OWNER, repo: REPO, branch: "main", files: options.baseFiles });
    fake.addRepo({ owner: FORK_OWNER, repo: REPO, parent: `${OWNER}/${REPO}`, files: REPO_FILES });
    const forkHead = fake.addCommit({ owner: FORK_OWNER, repo: REPO, branch: HEAD, files: { "prompts/agent.txt": "Be brief.\n" } });
    const pull = fake.addPullRequest({
      owner: OWNER,
      repo: REPO,
      head: HEAD,
      headRepo: `${FORK_OWNER}/${REPO}`,
      maintainerCanModify: options.maintainerCanModify,
      files: { "prompts/agent.txt": "Be brief.\n", "evalgate.yml": CONFIG },
    });
    await seedCandidateRun(fake, { runId: "run-20261125-120301-7f3a", pullRequest: pull.number, headSha: forkHead, statuses: ["failed", "passed", "failed"] });
    return { pull, forkHead };
  }

  it("commits to the fork's branch when maintainers may edit it, and reruns from the base branch", async () => {
    const { pull, forkHead } = await forkPullRequest({ maintainerCanModify: true });
    const { comment } = await bot.comment("/eval regression", { pullRequest: pull.number });

    const fork = bot.fake.repo(FORK_OWNER, REPO);
    const head = fork.refs.get(`refs/heads/${HEAD}`) ?? "";
    expect(fork.commits.get(head)?.parents).toEqual([forkHead]);
    expect(ids(bot.fake.readFile(FORK_OWNER, REPO, HEAD, DATASET_PATH)?.toString())).toEqual(["item-0000", "item-0002"]);
    expect(Object.keys(parseConfig(bot.fake.readFile(FORK_OWNER, REPO, HEAD, "evalgate.yml")?.toString() ?? "", "evalgate.yml").experiments)).toContain(
      "support-agent-quality-regressions",
    );
    // The fork's branch is not in the base repository: the rerun runs at the base branch and finds the head by number.
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toEqual([
      { workflowId: "evalgate.yml", ref: "main", inputs: { "pull-request": String(pull.number) }, user: "evalgate[bot]" },
    ]);
    expect(bot.botReplies(pull.number)[0]?.body).toContain("on the fork's branch `fix-prompt`");
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "rocket"]);
  });

  it("opens a pull request from a new branch of the base repository when maintainers may not edit the fork", async () => {
    const { pull } = await forkPullRequest({ maintainerCanModify: false });
    await bot.comment("/eval regression", { pullRequest: pull.number });

    const base = bot.fake.repo(OWNER, REPO);
    const branch = FALLBACK_BRANCH(pull.number);
    const mainHead = base.refs.get("refs/heads/main") ?? "";
    expect(base.commits.get(base.refs.get(`refs/heads/${branch}`) ?? "")?.parents).toEqual([mainHead]);
    expect(ids(bot.fake.readFile(OWNER, REPO, branch, DATASET_PATH)?.toString())).toEqual(["item-0000", "item-0002"]);
    const opened = [...base.pulls.values()].filter((candidate) => candidate.headRef === branch);
    expect(opened.map((candidate) => ({ base: candidate.baseRef, user: candidate.user }))).toEqual([{ base: "main", user: "evalgate[bot]" }]);
    expect(base.workflowDispatches).toEqual([]);
    // Nothing was written to the fork.
    expect(bot.fake.requests.filter((request) => request.path.startsWith(`/repos/${FORK_OWNER}/`))).toEqual([]);
    const reply = bot.botReplies(pull.number)[0]?.body ?? "";
    expect(reply).toContain(`https://github.com/${OWNER}/${REPO}/pull/${opened[0]?.number}`);
    expect(reply).toContain("in a fork evalgate cannot push to");

    await bot.comment("/eval regression", { pullRequest: pull.number });
    expect([...base.pulls.values()].filter((candidate) => candidate.headRef === branch)).toHaveLength(1);
    expect(bot.botReplies(pull.number)[1]?.body).toMatch(/^Nothing new/);
  });

  it("falls back to a pull request when the fork refuses the push", async () => {
    const { pull, forkHead } = await forkPullRequest({ maintainerCanModify: true });
    bot.fake.failNext(1, { status: 403, message: "Resource not accessible by integration", match: { path: new RegExp(`^/repos/${FORK_OWNER}/`) } });
    await bot.comment("/eval regression", { pullRequest: pull.number });
    expect(bot.fake.repo(FORK_OWNER, REPO).refs.get(`refs/heads/${HEAD}`)).toBe(forkHead);
    expect(ids(bot.fake.readFile(OWNER, REPO, FALLBACK_BRANCH(pull.number), DATASET_PATH)?.toString())).toEqual(["item-0000", "item-0002"]);
    expect(bot.botReplies(pull.number)[0]?.body).toContain("in a fork evalgate cannot push to");
  });

  it("replies with the files in a collapsed block when no branch can take them", async () => {
    // The base branch has no evalgate.yml yet (the pull request adds it), so a branch from it cannot hold the experiment.
    const { pull } = await forkPullRequest({ maintainerCanModify: false, baseFiles: { "evalgate.yml": null } });
    const { comment } = await bot.comment("/eval regression", { pullRequest: pull.number });
    const base = bot.fake.repo(OWNER, REPO);
    expect(base.refs.has(`refs/heads/${FALLBACK_BRANCH(pull.number)}`)).toBe(false);
    expect([...base.pulls.values()]).toHaveLength(1);
    const reply = bot.botReplies(pull.number)[0]?.body ?? "";
    expect(reply).toContain("Commit these files yourself");
    expect(reply).toContain(`<summary>evals/regressions/support-agent-quality-regressions.jsonl</summary>`);
    expect(reply).toContain('"id":"item-0002"');
    expect(reply).toContain("support-agent-quality-regressions:");
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "rocket"]);
  });
});
