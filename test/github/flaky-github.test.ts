import { describe, expect, it } from "vitest";
import { finishCheck, startCheck } from "../../src/github/publish-check.js";
import { upsertPrComment } from "../../src/github/upsert-pr-comment.js";
import { owner, repo, useFakeGitHub } from "./github-fixture.js";

const gh = useFakeGitHub();
const MARKER = "<!-- evalgate:report -->";

describe("a flaky GitHub", () => {
  it("with 502s (some after the write landed) and secondary rate limits on a fifth of calls, leaves one comment and one check run", async () => {
    const { headSha, number } = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.failRate(0.1, { status: 502, afterHandling: true }, 7);
    gh.fake.failRate(0.1, { status: 403, secondaryRateLimit: true, retryAfter: 2 }, 11);
    const octokit = gh.client();
    const check = await startCheck(octokit, { owner, repo, name: "evalgate", headSha });
    const comment = (text: string) =>
      upsertPrComment(octokit, { owner, repo, issueNumber: number, body: `${MARKER}\n${text}`, isOurs: (body) => body.startsWith(MARKER), author: check.actor, headSha, mode: "always" });

    await comment("running");
    await comment("2 regressions");
    await finishCheck(octokit, check, { conclusion: "failure", title: "2 regressions", summary: "report" });
    await comment("2 regressions, final");

    const state = gh.fake.repo(owner, repo);
    expect([...state.comments.values()].map((stored) => stored.body)).toEqual([`${MARKER}\n2 regressions, final`]);
    expect([...state.checkRuns.values()].map((run) => [run.name, run.status, run.conclusion])).toEqual([["evalgate", "completed", "failure"]]);
    const injected = gh.fake.requests.filter((request) => request.injected);
    expect(injected.filter((request) => request.status === 502).length).toBeGreaterThan(0);
    expect(injected.filter((request) => request.status === 403).length).toBeGreaterThan(0);
    expect(injected.filter((request) => request.method !== "GET").length).toBeGreaterThan(0);
  });
});
