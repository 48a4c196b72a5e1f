import { describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/create-octokit.js";
import { upsertPrComment, type UpsertPrCommentInput } from "../../src/github/upsert-pr-comment.js";
import { owner, repo, useFakeGitHub } from "./github-fixture.js";

const MARKER = "<!-- evalgate:report -->";
// The fake's default token writes as the GitHub Actions bot, as GITHUB_TOKEN does.
const US = "github-actions[bot]";
const gh = useFakeGitHub();

function report(text: string, headSha: string, overrides: Partial<UpsertPrCommentInput> = {}): UpsertPrCommentInput {
  return { owner, repo, issueNumber: 1, body: `${MARKER}\n${text}`, isOurs: (body) => body.startsWith(MARKER), author: US, headSha, mode: "always", ...overrides };
}

function bodiesOn(issueNumber: number): string[] {
  return [...gh.fake.repo(owner, repo).comments.values()].filter((comment) => comment.issueNumber === issueNumber).map((comment) => comment.body);
}

describe("upsertPrComment", () => {
  it("creates the comment once, then updates it in place", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    const octokit = gh.client();

    const first = await upsertPrComment(octokit, report("first run", pull.headSha));
    const second = await upsertPrComment(octokit, report("second run", pull.headSha));

    expect(first.action).toBe("created");
    expect(second).toEqual({ action: "updated", id: first.id, url: first.url });
    expect(first.url).toBe(`https://github.com/acme/shop/pull/1#issuecomment-${first.id}`);
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\nsecond run`]);
  });

  it("finds our comment on the third page of 250 and leaves everyone else's alone", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    for (let index = 0; index < 230; index++) gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `chatter ${index}` });
    const ours = gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nold report`, user: US });
    for (let index = 0; index < 19; index++) gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `more chatter ${index}` });

    const result = await upsertPrComment(gh.client(), report("new report", pull.headSha));

    expect(result).toMatchObject({ action: "updated", id: ours.id });
    const bodies = bodiesOn(pull.number);
    expect(bodies).toHaveLength(250);
    expect(bodies.filter((body) => body.startsWith(MARKER))).toEqual([`${MARKER}\nnew report`]);
    const listed = gh.fake.requests.filter((request) => request.route === "GET /repos/{owner}/{repo}/issues/{issue_number}/comments");
    expect(listed.map((request) => request.query.page ?? "1")).toEqual(["1", "2", "3"]);
  });

  it("writes nothing once the pull request's head has moved on", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nreport of the newer head`, user: US });
    gh.fake.addCommit({ owner, repo, branch: "feature", files: { "newer.txt": "newer\n" } });

    const result = await upsertPrComment(gh.client(), report("report of the older head", pull.headSha, { log: gh.log }));

    expect(result).toEqual({ action: "skipped-stale" });
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\nreport of the newer head`]);
    expect(gh.fake.requests.filter((request) => request.method !== "GET")).toEqual([]);
    expect(gh.log.messages.join("\n")).toContain("head moved");
  });

  it("on-change leaves the comment alone when the caller says nothing changed, and hands it the previous body", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    const existing = gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\n<!-- digest:abc -->`, user: US });
    const seen: Array<string | undefined> = [];

    const result = await upsertPrComment(
      gh.client(),
      report("<!-- digest:abc --> rendered again", pull.headSha, {
        mode: "on-change",
        shouldPost: (previous) => {
          seen.push(previous);
          return !previous?.includes("digest:abc");
        },
      }),
    );

    expect(result).toMatchObject({ action: "skipped-unchanged", id: existing.id });
    expect(seen).toEqual([`${MARKER}\n<!-- digest:abc -->`]);
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\n<!-- digest:abc -->`]);
  });

  it("on-change without a predicate posts a first comment and skips an identical body", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    const octokit = gh.client();
    const first = await upsertPrComment(octokit, report("same", pull.headSha, { mode: "on-change" }));
    const second = await upsertPrComment(octokit, report("same", pull.headSha, { mode: "on-change" }));
    expect([first.action, second.action]).toEqual(["created", "skipped-unchanged"]);
    expect(bodiesOn(pull.number)).toHaveLength(1);
  });

  it("two calls at once leave exactly one comment, holding the later body", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    const octokit = gh.client();

    const results = await Promise.all([upsertPrComment(octokit, report("one", pull.headSha)), upsertPrComment(octokit, report("two", pull.headSha))]);

    expect(results.map((result) => result.action)).toEqual(["created", "updated"]);
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\ntwo`]);
  });

  it("a create that landed although GitHub answered 502 leaves one comment after the retry", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(1, { status: 502, afterHandling: true, match: { method: "POST", path: /\/comments$/ } });

    const result = await upsertPrComment(gh.client(), report("report", pull.headSha));

    const comments = [...gh.fake.repo(owner, repo).comments.values()];
    expect(comments.map((comment) => comment.body)).toEqual([`${MARKER}\nreport`]);
    expect(result).toMatchObject({ action: "created", id: comments[0]?.id });
    expect(gh.fake.requests.filter((request) => request.method === "POST")).toHaveLength(2);
  });

  it("with several of ours from a past race, updates the newest and leaves the others", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nolder`, user: US });
    const newest = gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nnewer`, user: US });

    const result = await upsertPrComment(gh.client(), report("latest", pull.headSha));

    expect(result).toMatchObject({ action: "updated", id: newest.id });
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\nolder`, `${MARKER}\nlatest`]);
  });

  it("never edits a human's comment that starts with the marker: ours is created beside it", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    const human = gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nI copied your marker`, user: "octocat" });

    const first = await upsertPrComment(gh.client(), report("report", pull.headSha));
    const second = await upsertPrComment(gh.client(), report("report again", pull.headSha));

    expect(first.action).toBe("created");
    expect(second).toMatchObject({ action: "updated", id: first.id });
    const comments = [...gh.fake.repo(owner, repo).comments.values()];
    expect(comments.map((comment) => [comment.user, comment.body])).toEqual([
      ["octocat", `${MARKER}\nI copied your marker`],
      [US, `${MARKER}\nreport again`],
    ]);
    expect(gh.fake.requests.filter((request) => request.path.endsWith(`/comments/${human.id}`))).toEqual([]);
  });

  it("another bot's comment with the marker is not ours either, and is never folded away", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nsome other app`, user: "other-app[bot]" });

    const result = await upsertPrComment(gh.client(), report("report", pull.headSha));

    expect(result.action).toBe("created");
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\nsome other app`, `${MARKER}\nreport`]);
    expect(gh.fake.requests.filter((request) => request.method === "DELETE" || request.method === "PATCH")).toEqual([]);
  });

  it("an app's installation token finds the comments of its own bot user", async () => {
    const appToken = "ghs_installation";
    const app = createOctokit({ token: appToken, baseUrl: gh.fake.url, retryAfterBaseValue: 1 });
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nby GITHUB_TOKEN`, user: US });
    const ours = gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nold`, user: "evalgate[bot]" });
    gh.fake.state.issuedTokens.push({ installationId: 1, token: appToken, expiresAt: "2099-01-01T00:00:00Z" });

    const result = await upsertPrComment(app, report("new", pull.headSha, { author: "evalgate[bot]" }));

    expect(result).toMatchObject({ action: "updated", id: ours.id });
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\nby GITHUB_TOKEN`, `${MARKER}\nnew`]);
  });

  it("refuses a body over GitHub's 65,536 characters before sending anything", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    await expect(upsertPrComment(gh.client(), report("x".repeat(65_536), pull.headSha))).rejects.toThrow(/at most 65536/);
    expect(gh.fake.requests).toEqual([]);
  });
});
