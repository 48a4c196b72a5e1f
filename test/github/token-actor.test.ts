import { describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/create-octokit.js";
import { startCheck } from "../../src/github/publish-check.js";
import { owner, repo, useFakeGitHub } from "./github-fixture.js";

const gh = useFakeGitHub();
const name = "evalgate / arithmetic";

/** `GET /user` is refused to installation tokens: who we write as is read from what we wrote. */
describe("the check handle names the login the token writes comments as", () => {
  it("GITHUB_TOKEN: the check run belongs to the GitHub Actions app, so github-actions[bot]", async () => {
    const { headSha } = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    const handle = await startCheck(gh.client(), { owner, repo, name, headSha });
    expect(handle.actor).toBe("github-actions[bot]");
    expect(gh.fake.requests.map((request) => request.path)).not.toContain("/user");
  });

  it("an app's installation token: the app's bot user", async () => {
    const { headSha } = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.state.issuedTokens.push({ installationId: 1, token: "ghs_app", expiresAt: "2099-01-01T00:00:00Z" });
    const handle = await startCheck(createOctokit({ token: "ghs_app", baseUrl: gh.fake.url, retryAfterBaseValue: 1 }), { owner, repo, name, headSha });
    expect(handle.actor).toBe("evalgate[bot]");
  });

  it("a token without checks: write falls back to a commit status, whose creator is who we are", async () => {
    const { headSha } = gh.fake.addPullRequest({ owner, repo, head: "feature" });
    gh.fake.setCheckRunsForbidden(true);
    const handle = await startCheck(gh.client(), { owner, repo, name, headSha });
    expect(handle).toMatchObject({ kind: "commit-status", actor: "github-actions[bot]" });
  });
});
