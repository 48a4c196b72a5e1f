import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../../fake-github.js";
import { checkRequestsAgainstOpenApi, loadOpenApiOperations } from "../../openapi-check.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const owner = "acme";
const repo = "shop";

let fake: FakeGitHub;
let octokit: Octokit;

// Parsing the 73 MB description takes seconds on a busy machine: do it once, with room to spare.
const SLOW = 60_000;

beforeAll(async () => {
  loadOpenApiOperations();
  fake = await startFakeGitHub();
  fake.addRepo({ owner, repo });
  octokit = new Octokit({ auth: "t", baseUrl: fake.url, log: quiet });
}, SLOW);
afterAll(async () => {
  await fake.close();
});

/** One pass over every route the Action and the bot use, as Octokit sends them. */
async function exerciseEveryRoute(): Promise<void> {
  const pull = fake.addPullRequest({ owner, repo, head: "feature" });
  const deployment = fake.addDeployment({ owner, repo, sha: pull.headSha, statuses: [{ state: "success", environmentUrl: "https://x.example" }] });
  fake.setPermission("alice", "admin");
  const rest = octokit.rest;
  await rest.repos.get({ owner, repo });
  await rest.pulls.get({ owner, repo, pull_number: pull.number });
  await rest.pulls.list({ owner, repo, head: "acme:feature" });
  await rest.repos.getCommit({ owner, repo, ref: pull.headSha });
  await rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `main...${pull.headSha}` });
  await rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "alice" });
  const comment = await rest.issues.createComment({ owner, repo, issue_number: pull.number, body: "report" });
  await rest.issues.updateComment({ owner, repo, comment_id: comment.data.id, body: "report 2" });
  await rest.issues.getComment({ owner, repo, comment_id: comment.data.id });
  await rest.issues.listComments({ owner, repo, issue_number: pull.number, per_page: 100 });
  await rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.data.id, content: "rocket" });
  const run = await rest.checks.create({ owner, repo, name: "evalgate", head_sha: pull.headSha, status: "in_progress" });
  await rest.checks.update({ owner, repo, check_run_id: run.data.id, conclusion: "success", output: { title: "ok", summary: "ok" } });
  await rest.checks.listForRef({ owner, repo, ref: pull.headSha });
  await rest.repos.createCommitStatus({ owner, repo, sha: pull.headSha, state: "success", context: "evalgate" });
  await rest.repos.listDeployments({ owner, repo, sha: pull.headSha });
  await rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: deployment.id });
  await rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: "evalgate.yml", ref: "main", inputs: { pr: "1" } });
  const blob = await rest.git.createBlob({ owner, repo, content: "{}", encoding: "utf-8" });
  await rest.git.getBlob({ owner, repo, file_sha: blob.data.sha });
  const tree = await rest.git.createTree({ owner, repo, tree: [{ path: "runs/a/b.json", mode: "100644", type: "blob", sha: blob.data.sha }] });
  await rest.git.getTree({ owner, repo, tree_sha: tree.data.sha, recursive: "1" });
  const commit = await rest.git.createCommit({ owner, repo, message: "run", tree: tree.data.sha, parents: [] });
  await rest.git.getCommit({ owner, repo, commit_sha: commit.data.sha });
  await rest.git.createRef({ owner, repo, ref: "refs/heads/evalgate-results", sha: commit.data.sha });
  await rest.git.getRef({ owner, repo, ref: "heads/evalgate-results" });
  await rest.git.listMatchingRefs({ owner, repo, ref: "heads/evalgate" });
  await rest.git.updateRef({ owner, repo, ref: "heads/evalgate-results", sha: commit.data.sha, force: false });
  await rest.repos.createOrUpdateFileContents({ owner, repo, path: "runs/c.json", message: "c", content: "e30=", branch: "evalgate-results" });
  await rest.repos.getContent({ owner, repo, path: "runs/c.json", ref: "evalgate-results" });
  await rest.pulls.create({ owner, repo, title: "Results", head: "evalgate-results", base: "main" });
  await rest.apps.getRepoInstallation({ owner, repo });
  await rest.apps.createInstallationAccessToken({ installation_id: 1 });
}

describe("OpenAPI check of recorded requests", () => {
  it("every request Octokit sent for the routes we use conforms to GitHub's OpenAPI description", async () => {
    await exerciseEveryRoute();
    expect(fake.requests.filter((request) => request.status >= 400)).toEqual([]);
    expect(fake.requests.length).toBeGreaterThan(30);
    expect(checkRequestsAgainstOpenApi(fake.requests)).toEqual([]);
  }, SLOW);

  it("a check run with an unknown conclusion or a 65,536-character summary is reported", () => {
    const problems = checkRequestsAgainstOpenApi([
      { method: "POST", path: "/repos/acme/shop/check-runs", body: { name: "evalgate", head_sha: "abc", conclusion: "great" } },
      { method: "PATCH", path: "/repos/acme/shop/check-runs/5", body: { output: { title: "t", summary: "x".repeat(65_536) } } },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^POST \/repos\/acme\/shop\/check-runs \(checks\/create\): body\.conclusion must be equal to one of the allowed values/);
    expect(problems[1]).toMatch(/checks\/update.*body\.output\.summary must NOT have more than 65535 characters/);
  });

  it("a request to a path GitHub does not have, or without a required body field, is reported", () => {
    const problems = checkRequestsAgainstOpenApi([
      { method: "GET", path: "/repos/acme/shop/nothing-here" },
      { method: "POST", path: "/repos/acme/shop/issues/1/comments", body: { text: "wrong field" } },
      { method: "POST", path: "/repos/acme/shop/git/refs" },
    ]);
    expect(problems).toEqual([
      "GET /repos/acme/shop/nothing-here: no operation in GitHub's REST API matches",
      "POST /repos/acme/shop/issues/1/comments (issues/create-comment): body must have required property 'body'",
      "POST /repos/acme/shop/git/refs (git/create-ref): sends no body, but the operation requires one",
    ]);
  });

  it("a wrong request sent through the fake is caught from its recording", async () => {
    const { headSha } = fake.addPullRequest({ owner, repo, head: "other" });
    const before = fake.requests.length;
    // Octokit's types would refuse this body, so send it as an untyped client would.
    await fetch(`${fake.url}/repos/${owner}/${repo}/check-runs`, {
      method: "POST",
      headers: { authorization: "token t", "content-type": "application/json" },
      body: JSON.stringify({ name: "evalgate", head_sha: headSha, status: "done" }),
    });
    const problems = checkRequestsAgainstOpenApi(fake.requests.slice(before));
    expect(problems).toEqual([
      "POST /repos/acme/shop/check-runs (checks/create): body.status must be equal to one of the allowed values (queued, in_progress, completed)",
    ]);
  });

  it("with validateRequests, the fake itself refuses a body GitHub's schema rejects and stores nothing", async () => {
    const strict = await startFakeGitHub({ validateRequests: true });
    try {
      strict.addRepo({ owner, repo });
      const { headSha } = strict.addPullRequest({ owner, repo, head: "feature" });
      const client = new Octokit({ auth: "t", baseUrl: strict.url, log: quiet });
      const tooLong = client.rest.checks.create({ owner, repo, name: "evalgate", head_sha: headSha, output: { title: "t", summary: "x".repeat(65_536) } });
      await expect(tooLong).rejects.toMatchObject({ status: 422, message: expect.stringContaining("body.output.summary must NOT have more than 65535 characters") });
      expect(strict.repo(owner, repo).checkRuns.size).toBe(0);
      const fine = await client.rest.checks.create({ owner, repo, name: "evalgate", head_sha: headSha, output: { title: "t", summary: "ok" } });
      expect(fine.status).toBe(201);
    } finally {
      await strict.close();
    }
  }, SLOW);
});
