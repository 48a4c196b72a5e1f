import { describe, expect, it } from "vitest";
import { getPullRequest } from "../../src/github/pull-request-info.js";
import { owner, repo, token, useFakeGitHub } from "./github-fixture.js";

const gh = useFakeGitHub();
const pullsGet = "GET /repos/{owner}/{repo}/pulls/{pull_number}";

function pullRequestsSent(): number {
  return gh.fake.requests.filter((request) => request.route === pullsGet).length;
}

describe("createOctokit", () => {
  it("retries a 502 and returns the answer that follows", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(2, { status: 502 });

    const info = await getPullRequest(gh.client(), { owner, repo, number: pull.number });

    expect(info.headSha).toBe(pull.headSha);
    expect(gh.fake.requests.map((request) => request.status)).toEqual([502, 502, 200]);
  });

  it("gives up after `retries` retries with GitHub's error", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(10, { status: 503 });

    await expect(getPullRequest(gh.client({ retries: 2 }), { owner, repo, number: pull.number })).rejects.toMatchObject({ status: 503 });

    expect(pullRequestsSent()).toBe(3);
  });

  it("a request can turn retries off, so a test can count what was sent", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(1, { status: 502 });
    const octokit = gh.client();

    await expect(octokit.rest.pulls.get({ owner, repo, pull_number: pull.number, request: { retries: 0 } })).rejects.toMatchObject({ status: 502 });

    expect(pullRequestsSent()).toBe(1);
  });

  it("does not retry what GitHub refused for good (404)", async () => {
    await expect(getPullRequest(gh.client(), { owner, repo, number: 404 })).rejects.toMatchObject({ status: 404 });
    expect(pullRequestsSent()).toBe(1);
  });

  it.each([403, 429])("waits out a secondary rate limit (%i) as long as retry-after says, then retries", async (status) => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(2, { status, secondaryRateLimit: true, retryAfter: 7 });

    const info = await getPullRequest(gh.client(), { owner, repo, number: pull.number });

    expect(info.headSha).toBe(pull.headSha);
    expect(pullRequestsSent()).toBe(3);
    expect(gh.log.messages).toContain(`info: GitHub secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: retrying in 7 s (retry 1 of 3).`);
  });

  it("fails after `retries` secondary rate limits in a row, saying why", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(10, { status: 403, secondaryRateLimit: true, retryAfter: 1 });

    await expect(getPullRequest(gh.client({ retries: 2 }), { owner, repo, number: pull.number })).rejects.toMatchObject({ status: 403 });

    expect(pullRequestsSent()).toBe(3);
    expect(gh.log.messages.at(-1)).toMatch(/^warning: GitHub secondary rate limit on GET .*: giving up after 2 retries\.$/);
  });

  it("fails at once rather than wait longer than maxRateLimitWaitSeconds", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(1, { status: 403, secondaryRateLimit: true, retryAfter: 3600 });

    await expect(getPullRequest(gh.client({ maxRateLimitWaitSeconds: 600 }), { owner, repo, number: pull.number })).rejects.toMatchObject({ status: 403 });

    expect(pullRequestsSent()).toBe(1);
    expect(gh.log.messages.at(-1)).toContain("resets in 3600 s, longer than the 600 s we wait");
  });

  it("retries 0 turns rate-limit retries off too", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(1, { status: 403, secondaryRateLimit: true, retryAfter: 1 });
    await expect(getPullRequest(gh.client({ retries: 0 }), { owner, repo, number: pull.number })).rejects.toMatchObject({ status: 403 });
    expect(pullRequestsSent()).toBe(1);
  });

  it("authenticates with the token, names itself, and keeps the token out of the log", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(1, { status: 502 });
    gh.fake.failNext(1, { status: 403, secondaryRateLimit: true, retryAfter: 1 });

    await getPullRequest(gh.client({ baseUrl: `${gh.fake.url}/` }), { owner, repo, number: pull.number });

    const sent = gh.fake.requests.at(-1);
    expect(sent?.headers.authorization).toBe(`token ${token}`);
    expect(sent?.headers["user-agent"]).toMatch(/^evalgate /);
    expect(gh.log.messages.length).toBeGreaterThan(1);
    expect(gh.log.messages.join("\n")).not.toContain(token);
  });
});
