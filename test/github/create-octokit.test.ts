import { describe, expect, it } from "vitest";
import { getPullRequest } from "../../src/github/pull-request-info.js";
import { owner, repo, token, useFakeGitHub } from "./github-fixture.js";

const gh = useFakeGitHub();
const pullsGet = "GET /repos/{owner}/{repo}/pulls/{pull_number}";

/** What the client said about rate limits (Octokit's request log says more, per request). */
function waitMessages(): string[] {
  return gh.log.messages.filter((message) => message.includes("rate limit"));
}

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
    gh.fake.failNext(1, { status, secondaryRateLimit: true, retryAfter: 7 });

    const info = await getPullRequest(gh.client(), { owner, repo, number: pull.number });

    expect(info.headSha).toBe(pull.headSha);
    expect(pullRequestsSent()).toBe(2);
    expect(waitMessages()).toEqual([`info: GitHub secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: retrying in 7 s.`]);
  });

  it("without retry-after waits the minimum (a minute by default), then exponentially longer", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(3, { status: 403, secondaryRateLimit: true });

    await getPullRequest(gh.client(), { owner, repo, number: pull.number });

    expect(pullRequestsSent()).toBe(4);
    expect(waitMessages().map((message) => /retrying in (\d+) s/.exec(message)?.[1])).toEqual(["60", "120", "240"]);
  });

  it("the minimum wait is an option, so tests need not wait a minute", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(1, { status: 403, secondaryRateLimit: true });

    await getPullRequest(gh.client({ secondaryRateLimitMinWaitSeconds: 5 }), { owner, repo, number: pull.number });

    expect(waitMessages()).toEqual([`info: GitHub secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: retrying in 5 s.`]);
  });

  it("with the quota exhausted and no retry-after, waits until x-ratelimit-reset", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    const reset = Math.floor(Date.now() / 1000) + 30;
    const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) };
    gh.fake.failNext(1, { status: 403, secondaryRateLimit: true, headers });
    gh.fake.failNext(1, { status: 429, message: "API rate limit exceeded", headers });

    await getPullRequest(gh.client(), { owner, repo, number: pull.number });

    expect(pullRequestsSent()).toBe(3);
    const waits = waitMessages().map((message) => Number(/retrying in (\d+) s/.exec(message)?.[1]));
    // 30 s to the reset plus one; the clock may tick a second between the answer and the sum.
    expect(waits[0]).toBeGreaterThanOrEqual(30);
    expect(waits[0]).toBeLessThanOrEqual(31);
    expect(waitMessages()[1]).toMatch(/^info: GitHub rate limit on GET .*: retrying in \d+ s\.$/);
  });

  it("gives up once the waits would pass the job's rate-limit budget, saying why", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(10, { status: 403, secondaryRateLimit: true, retryAfter: 1 });

    await expect(getPullRequest(gh.client({ rateLimitBudgetSeconds: 10 }), { owner, repo, number: pull.number })).rejects.toMatchObject({ status: 403 });

    // Waits of 1, 2 and 4 s fit in 10 s; 8 more would not.
    expect(pullRequestsSent()).toBe(4);
    expect(gh.log.messages.at(-1)).toBe(
      "warning: GitHub secondary rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}: waiting 8 s more would pass the 10 s this job may wait for rate limits (7 s so far); giving up.",
    );
  });

  it("fails at once rather than wait longer than the budget", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(1, { status: 403, secondaryRateLimit: true, retryAfter: 3600 });

    await expect(getPullRequest(gh.client({ rateLimitBudgetSeconds: 600 }), { owner, repo, number: pull.number })).rejects.toMatchObject({ status: 403 });

    expect(pullRequestsSent()).toBe(1);
    expect(gh.log.messages.at(-1)).toContain("waiting 3600 s more would pass the 600 s");
  });

  it("a 403 that is no rate limit (a refused write) is sent once and surfaces at once", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failNext(1, { status: 403, message: "Resource not accessible by integration" });

    await expect(getPullRequest(gh.client(), { owner, repo, number: pull.number })).rejects.toMatchObject({ status: 403 });

    expect(pullRequestsSent()).toBe(1);
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
