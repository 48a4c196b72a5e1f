import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseConfig } from "../../src/core/config/load.js";
import { runItemId } from "../../src/core/model/ids.js";
import type { PullRequest } from "../helpers/fake-github.js";
import { checkRequestsAgainstOpenApi, loadOpenApiOperations } from "../helpers/openapi-check.js";
import { CONFIG, OWNER, REPO, seedCandidateRun, startWorld, type Bot } from "./bot-harness.js";

const RUN_ID = "run-20261125-120301-7f3a";
const DATASET_PATH = "evals/regressions/support-agent-quality-regressions.jsonl";
const HEAD = "feature/order-lookup";

function linesOf(text: string | undefined): Array<Record<string, unknown>> {
  return (text ?? "").trimEnd().split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every line of `original` is still in `edited`, in the same order and byte for byte. */
function keepsEveryLine(original: string, edited: string): boolean {
  const editedLines = edited.split("\n");
  let at = 0;
  for (const line of original.split("\n")) {
    const found = editedLines.indexOf(line, at);
    if (found === -1) return false;
    at = found + 1;
  }
  return true;
}

describe("/eval regression", () => {
  let bot: Bot;
  let pull: PullRequest;

  beforeAll(() => loadOpenApiOperations(), 60_000);
  beforeEach(async () => {
    ({ bot } = await startWorld());
    pull = bot.fake.addPullRequest({ owner: OWNER, repo: REPO, head: HEAD, files: { "prompts/agent.txt": "Be brief.\n" } });
    // item-0001 and item-0004 failed, item-0003 errored.
    await seedCandidateRun(bot.fake, { runId: RUN_ID, pullRequest: pull.number, headSha: pull.headSha, statuses: ["passed", "failed", "passed", "error", "failed"] });
  });
  afterEach(async () => {
    await bot.close();
    const requests = bot.fake.requests;
    await bot.fake.close();
    expect(bot.fake.unmatchedRequests()).toEqual([]);
    expect(checkRequestsAgainstOpenApi(requests)).toEqual([]);
  });

  const branchHead = () => bot.fake.repo(OWNER, REPO).refs.get(`refs/heads/${HEAD}`);
  const readOnBranch = (file: string) => bot.fake.readFile(OWNER, REPO, HEAD, file)?.toString("utf8");

  it("by a writer commits the failed and errored items and the experiment in one commit, starts a rerun and replies", async () => {
    const { status, comment } = await bot.comment("/eval regression\nThese should never fail again.");
    expect(status).toBe(200);

    const head = branchHead() ?? "";
    const commit = bot.fake.repo(OWNER, REPO).commits.get(head);
    expect(commit?.parents).toEqual([pull.headSha]);
    expect(commit?.message).toMatch(/^evalgate: add regression items to support-agent-quality-regressions/);

    const items = linesOf(readOnBranch(DATASET_PATH));
    expect(items.map((item) => item.id)).toEqual(["item-0001", "item-0003", "item-0004"]);
    const first = items[0] as { input: unknown; expected: unknown; metadata: Record<string, unknown> };
    expect(first.input).toEqual({ question: expect.stringContaining("Where is my order item-0001?"), customer: "c-1042" });
    expect(first.expected).toEqual({ order_id: "ORD-item-0001", action: "lookup" });
    expect(first.metadata.split).toBe("train");
    expect(first.metadata.evalgate_regression).toEqual({
      source_run: RUN_ID,
      experiment: "support-agent-quality",
      run_item_id: runItemId(RUN_ID, "item-0001"),
      status: "failed",
      pull_request: pull.number,
      added_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect((items[1] as { metadata: { evalgate_regression: { status: string } } }).metadata.evalgate_regression.status).toBe("error");

    const config = readOnBranch("evalgate.yml") ?? "";
    expect(keepsEveryLine(CONFIG, config)).toBe(true);
    expect(config).toContain("# keep this comment");
    expect(config).toContain("dataset: evals/support.jsonl            # JSONL, CSV or a JSON array");
    const parsed = parseConfig(config, "evalgate.yml");
    const source = parsed.experiments["support-agent-quality"];
    const regression = parsed.experiments["support-agent-quality-regressions"];
    expect(regression?.dataset).toBe(DATASET_PATH);
    expect(regression?.target).toEqual(source?.target);
    expect(regression?.scorers).toEqual(source?.scorers);
    expect(regression?.gate).toEqual(source?.gate);
    // The raw text keeps ${NAME} placeholders: secrets are read at run time, never written.
    expect(parseDocument(config).getIn(["experiments", "support-agent-quality-regressions", "target", "headers", "Authorization"])).toBe("Bearer ${AGENT_TOKEN}");

    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toEqual([
      { workflowId: "evalgate.yml", ref: HEAD, inputs: { "pull-request": String(pull.number) }, user: "evalgate[bot]" },
    ]);
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "rocket"]);
    const replies = bot.botReplies(pull.number);
    expect(replies).toHaveLength(1);
    const reply = replies[0]?.body ?? "";
    expect(reply).toContain(`](https://github.com/${OWNER}/${REPO}/commit/${head})`);
    expect(reply).toContain(`](https://github.com/${OWNER}/${REPO}/blob/feature/order-lookup/${DATASET_PATH})`);
    expect(reply).toContain("3 items (`item-0001`, `item-0003`, `item-0004`)");
    expect(reply).toContain("New experiment `support-agent-quality-regressions`");
    expect(reply).toContain("A rerun of the evaluation has started.");
  });

  it("a maintainer may run it too (maintain reads as write)", async () => {
    await bot.comment("/eval regression", { user: "maintainer" });
    expect(linesOf(readOnBranch(DATASET_PATH))).toHaveLength(3);
  });

  it("run again, it makes no second commit and says nothing is new", async () => {
    await bot.comment("/eval regression");
    const afterFirst = branchHead();
    const { comment } = await bot.comment("/eval regression");
    expect(branchHead()).toBe(afterFirst);
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toHaveLength(1);
    const replies = bot.botReplies(pull.number);
    expect(replies).toHaveLength(2);
    expect(replies[1]?.body).toMatch(/^Nothing new: all 3 selected items are already in `evals\/regressions\/support-agent-quality-regressions.jsonl`/);
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "rocket"]);
  });

  it("with --run-item-id adds only the named item, and a later plain run adds only the rest", async () => {
    const named = runItemId(RUN_ID, "item-0003");
    await bot.comment(`/eval regression --run-item-id ${named} --name checkout-regressions`);
    const file = "evals/regressions/checkout-regressions.jsonl";
    expect(linesOf(readOnBranch(file)).map((item) => item.id)).toEqual(["item-0003"]);
    expect(parseConfig(readOnBranch("evalgate.yml") ?? "", "evalgate.yml").experiments["checkout-regressions"]?.dataset).toBe(file);

    await bot.comment("/eval regression --name checkout-regressions");
    expect(linesOf(readOnBranch(file)).map((item) => item.id)).toEqual(["item-0003", "item-0001", "item-0004"]);
    expect(bot.botReplies(pull.number)[1]?.body).toContain("2 items (`item-0001`, `item-0004`)");
    expect(bot.botReplies(pull.number)[1]?.body).toContain("1 already there");
  });

  it("an unknown --run-item-id changes nothing and the reply lists the ids that exist", async () => {
    const before = branchHead();
    const { comment } = await bot.comment("/eval regression --run-item-id ri_000000000000");
    expect(branchHead()).toBe(before);
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toEqual([]);
    const reply = bot.botReplies(pull.number)[0]?.body ?? "";
    expect(reply).toContain("This run item id is not in this pull request's latest run (`run-20261125-120301-7f3a`): `ri_000000000000`.");
    expect(reply).toContain(`\`${runItemId(RUN_ID, "item-0001")}\``);
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "confused"]);
  });

  it("by a read-only user gets one short refusal and nothing else", async () => {
    const before = branchHead();
    const { comment } = await bot.comment("/eval regression", { user: "reader" });
    expect(branchHead()).toBe(before);
    expect(bot.reactionsOn(comment.id)).toEqual([]);
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toEqual([]);
    expect(bot.botReplies(pull.number).map((reply) => reply.body)).toEqual([
      "Sorry, only people with write access to this repository can use `/eval` commands.",
    ]);
    const writes = bot.fake.requests.filter((request) => request.method !== "GET" && !request.path.startsWith("/app/"));
    expect(writes.filter((request) => request.path.startsWith(`/repos/${OWNER}/${REPO}/git/`) && request.headers.authorization !== "token seed-token")).toEqual([]);
  });

  it("someone who is not a collaborator at all is refused too", async () => {
    await bot.comment("/eval regression", { user: "drive-by" });
    expect(bot.botReplies(pull.number)).toHaveLength(1);
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toEqual([]);
  });

  it("the same delivery received twice acts once", async () => {
    const { comment } = await bot.comment("/eval regression", { delivery: "delivery-1" });
    const afterFirst = branchHead();
    const requestsAfterFirst = bot.fake.requests.length;
    const { commentEvent } = await import("./bot-harness.js");
    const status = await bot.deliver(commentEvent({ comment, pullRequest: pull.number }), { delivery: "delivery-1" });
    expect(status).toBe(200);
    expect(bot.fake.requests.length).toBe(requestsAfterFirst);
    expect(branchHead()).toBe(afterFirst);
    expect(bot.botReplies(pull.number)).toHaveLength(1);
  });
});

describe("/eval regression without a run", () => {
  let bot: Bot;
  beforeEach(async () => {
    ({ bot } = await startWorld());
  });
  afterEach(async () => {
    await bot.close();
    await bot.fake.close();
    expect(checkRequestsAgainstOpenApi(bot.fake.requests)).toEqual([]);
  });

  it("says no run was found yet and how to get one", async () => {
    const pull = bot.fake.addPullRequest({ owner: OWNER, repo: REPO, head: "no-runs" });
    const { comment } = await bot.comment("/eval regression", { pullRequest: pull.number });
    expect(bot.botReplies(pull.number).map((reply) => reply.body)).toEqual([
      "No evalgate run found for this pull request yet; push a commit or use `/eval run`.",
    ]);
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "confused"]);
  });

  it("a run of another pull request at the same commit is not this pull request's run", async () => {
    const pull = bot.fake.addPullRequest({ owner: OWNER, repo: REPO, head: "shared-commit" });
    await seedCandidateRun(bot.fake, { runId: RUN_ID, pullRequest: pull.number + 10, headSha: pull.headSha, statuses: ["failed"] });
    await bot.comment("/eval regression", { pullRequest: pull.number });
    expect(bot.botReplies(pull.number)[0]?.body).toMatch(/^No evalgate run found for this pull request yet/);
  });

  it("when every item passed there is nothing to add and no commit", async () => {
    const pull = bot.fake.addPullRequest({ owner: OWNER, repo: REPO, head: "all-green" });
    await seedCandidateRun(bot.fake, { runId: RUN_ID, pullRequest: pull.number, headSha: pull.headSha, statuses: ["passed", "passed"] });
    await bot.comment("/eval regression", { pullRequest: pull.number });
    expect(bot.fake.repo(OWNER, REPO).refs.get("refs/heads/all-green")).toBe(pull.headSha);
    expect(bot.botReplies(pull.number)[0]?.body).toMatch(/^Nothing new: every item of this pull request's latest run passed/);
  });
});
