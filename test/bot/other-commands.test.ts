import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkRequestsAgainstOpenApi, loadOpenApiOperations } from "../helpers/openapi-check.js";
import { commentEvent, OWNER, REPO, startWorld, type Bot } from "./bot-harness.js";

describe("the bot's other commands and what it ignores", () => {
  let bot: Bot;
  let number: number;

  beforeAll(() => loadOpenApiOperations(), 60_000);
  beforeEach(async () => {
    ({ bot } = await startWorld());
    number = bot.fake.addPullRequest({ owner: OWNER, repo: REPO, head: "feature" }).number;
  });
  afterEach(async () => {
    await bot.close();
    await bot.fake.close();
    expect(bot.fake.unmatchedRequests()).toEqual([]);
    expect(checkRequestsAgainstOpenApi(bot.fake.requests)).toEqual([]);
  });

  /** Requests the bot sent, beyond fetching its installation token. */
  const apiCalls = () => bot.fake.requests.filter((request) => !request.path.startsWith("/app/"));

  it("/eval help replies with the commands and who may use them", async () => {
    const { comment } = await bot.comment("/eval help", { pullRequest: number });
    const reply = bot.botReplies(number)[0]?.body ?? "";
    expect(reply).toContain("`/eval regression [--run-item-id ID]... [--name NAME]`");
    expect(reply).toContain("`/eval run --variant NAME`");
    expect(reply).toContain("Only people with write access to this repository can use these commands.");
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "rocket"]);
  });

  it("/eval bogus answers with the help text and a confused reaction", async () => {
    const { comment } = await bot.comment("/eval bogus", { pullRequest: number });
    const reply = bot.botReplies(number)[0]?.body ?? "";
    expect(reply).toMatch(/^I could not run that: unknown command "bogus"\./);
    expect(reply).toContain("`/eval help`: shows this help.");
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "confused"]);
  });

  it("a bad flag is answered with the help, and a user-provided value in it is escaped", async () => {
    await bot.comment("/eval regression --name @everyone<img>", { pullRequest: number });
    const reply = bot.botReplies(number)[0]?.body ?? "";
    expect(reply).toContain("@&#8203;everyone&lt;img&gt;");
    expect(reply).not.toContain("@everyone");
  });

  it("/eval run dispatches the evaluation workflow at the pull request's branch", async () => {
    const { comment } = await bot.comment("/eval run", { pullRequest: number });
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toEqual([
      { workflowId: "evalgate.yml", ref: "feature", inputs: { "pull-request": String(number) }, user: "evalgate[bot]" },
    ]);
    expect(bot.botReplies(number)[0]?.body).toContain("Started the evaluation workflow `evalgate.yml` for this pull request (at `feature`)");
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "rocket"]);
  });

  it("/eval run --variant NAME passes the variant to the workflow's inputs", async () => {
    await bot.comment("/eval run --variant gpt4o", { pullRequest: number });
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toEqual([
      { workflowId: "evalgate.yml", ref: "feature", inputs: { "pull-request": String(number), variant: "gpt4o" }, user: "evalgate[bot]" },
    ]);
    expect(bot.botReplies(number)[0]?.body).toContain("(at `feature`) with variant `gpt4o`");
  });

  it("/eval run explains a missing workflow", async () => {
    bot.fake.failNext(1, { status: 404, message: "Not Found", match: { path: /\/actions\/workflows\// } });
    const { comment } = await bot.comment("/eval run", { pullRequest: number });
    expect(bot.botReplies(number)[0]?.body).toContain(".github/workflows/evalgate.yml was not found on the default branch");
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "confused"]);
  });

  it("an edited comment is ignored", async () => {
    const comment = bot.fake.addComment({ owner: OWNER, repo: REPO, issueNumber: number, body: "/eval run", user: "writer" });
    expect(await bot.deliver(commentEvent({ comment, pullRequest: number, action: "edited" }))).toBe(200);
    expect(apiCalls()).toEqual([]);
  });

  it("the bot's own comments and other bots' are ignored", async () => {
    await bot.comment("/eval run", { pullRequest: number, user: "evalgate[bot]", userType: "Bot" });
    await bot.comment("/eval run", { pullRequest: number, user: "dependabot[bot]", userType: "Bot" });
    expect(apiCalls()).toEqual([]);
  });

  it("a comment on an issue, or one not starting with /eval, is ignored", async () => {
    const issue = bot.fake.addIssue(OWNER, REPO);
    const onIssue = bot.fake.addComment({ owner: OWNER, repo: REPO, issueNumber: issue, body: "/eval run", user: "writer" });
    await bot.deliver(commentEvent({ comment: onIssue, pullRequest: issue, onPullRequest: false }));
    await bot.comment("Looks good. /eval run", { pullRequest: number });
    await bot.comment("/evaluate this", { pullRequest: number });
    expect(apiCalls()).toEqual([]);
  });
});
