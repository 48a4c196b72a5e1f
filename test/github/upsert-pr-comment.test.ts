import { describe, expect, it } from "vitest";
import { upsertPrComment, type UpsertPrCommentInput } from "../../src/github/upsert-pr-comment.js";
import { owner, repo, useFakeGitHub } from "./github-fixture.js";

const MARKER = "<!-- evalgate:report -->";
const gh = useFakeGitHub();

function report(text: string, headSha: string, overrides: Partial<UpsertPrCommentInput> = {}): UpsertPrCommentInput {
  return { owner, repo, issueNumber: 1, body: `${MARKER}\n${text}`, isOurs: (body) => body.startsWith(MARKER), headSha, mode: "always", ...overrides };
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
    const ours = gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nold report`, user: "github-actions[bot]" });
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
    gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nreport of the newer head` });
    gh.fake.addCommit({ owner, repo, branch: "feature", files: { "newer.txt": "newer\n" } });

    const result = await upsertPrComment(gh.client(), report("report of the older head", pull.headSha, { log: gh.log }));

    expect(result).toEqual({ action: "skipped-stale" });
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\nreport of the newer head`]);
    expect(gh.fake.requests.filter((request) => request.method !== "GET")).toEqual([]);
    expect(gh.log.messages.join("\n")).toContain("head moved");
  });

  it("on-change leaves the comment alone when the caller says nothing changed, and hands it the previous body", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    const existing = gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\n<!-- digest:abc -->` });
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
    gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nolder` });
    const newest = gh.fake.addComment({ owner, repo, issueNumber: pull.number, body: `${MARKER}\nnewer` });

    const result = await upsertPrComment(gh.client(), report("latest", pull.headSha));

    expect(result).toMatchObject({ action: "updated", id: newest.id });
    expect(bodiesOn(pull.number)).toEqual([`${MARKER}\nolder`, `${MARKER}\nlatest`]);
  });

  it("refuses a body over GitHub's 65,536 characters before sending anything", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    await expect(upsertPrComment(gh.client(), report("x".repeat(65_536), pull.headSha))).rejects.toThrow(/at most 65536/);
    expect(gh.fake.requests).toEqual([]);
  });
});
