import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "../../fake-github.js";
import { owner, quiet, repo, useFakeRepo } from "./fake-repo-fixture.js";

const world = useFakeRepo();

describe("fake GitHub: comments and reactions", () => {
  it("comment listing paginates with a Link header and world.octokit.paginate collects every page", async () => {
    const { number } = world.fake.addPullRequest({ owner, repo, head: "feature" });
    for (let index = 0; index < 75; index++) world.fake.addComment({ owner, repo, issueNumber: number, body: `comment ${index}` });

    const second = await world.octokit.rest.issues.listComments({ owner, repo, issue_number: number, per_page: 30, page: 2 });
    expect(second.data.map((comment) => comment.body)).toEqual(Array.from({ length: 30 }, (_, i) => `comment ${i + 30}`));
    const link = second.headers.link ?? "";
    expect(link).toContain(`${world.fake.url}/repos/acme/shop/issues/${number}/comments?per_page=30&page=3>; rel="next"`);
    expect(link).toContain('page=1>; rel="prev"');
    expect(link).toContain('page=3>; rel="last"');

    const all = await world.octokit.paginate(world.octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 30 });
    expect(all).toHaveLength(75);
    expect(new Set(all.map((comment) => comment.id)).size).toBe(75);
    const lastPage = world.fake.requests.at(-1);
    expect(lastPage?.query.page).toBe("3");
  });

  it("a created comment carries ids, urls and the token's login, and an update changes the stored body", async () => {
    const { number } = world.fake.addPullRequest({ owner, repo, head: "feature" });
    const created = await world.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: "<!-- evalgate -->\nfirst" });
    expect(created.status).toBe(201);
    expect(created.data.user?.login).toBe("github-actions[bot]");
    expect(created.data.html_url).toBe(`https://github.com/acme/shop/pull/${number}#issuecomment-${created.data.id}`);
    expect(created.data.node_id).toMatch(/^IC_/);

    await world.octokit.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: "<!-- evalgate -->\nsecond" });
    expect(world.fake.repo(owner, repo).comments.get(created.data.id)?.body).toBe("<!-- evalgate -->\nsecond");
  });

  it("a comment over 65,536 characters is refused with 422 and a comment on an unknown issue with 404", async () => {
    const { number } = world.fake.addPullRequest({ owner, repo, head: "feature" });
    await expect(world.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: "x".repeat(65_537) })).rejects.toMatchObject({ status: 422 });
    await expect(world.octokit.rest.issues.createComment({ owner, repo, issue_number: 99, body: "hi" })).rejects.toMatchObject({ status: 404 });
    expect(world.fake.repo(owner, repo).comments.size).toBe(0);
  });

  it("a reaction is stored once per user and content", async () => {
    const issueNumber = world.fake.addIssue(owner, repo);
    const comment = world.fake.addComment({ owner, repo, issueNumber, body: "/evalgate run" });
    const first = await world.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: "eyes" });
    const again = await world.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: "eyes" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(world.fake.repo(owner, repo).reactions).toMatchObject([{ commentId: comment.id, content: "eyes", user: "github-actions[bot]" }]);
  });
});

describe("fake GitHub: check runs and statuses", () => {
  it("a check run is created, completed by an update, and listed for its commit", async () => {
    const pull = world.fake.addPullRequest({ owner, repo, head: "feature" });
    const created = await world.octokit.rest.checks.create({ owner, repo, name: "evalgate", head_sha: pull.headSha, status: "in_progress" });
    expect(created.data).toMatchObject({ status: "in_progress", conclusion: null, head_sha: pull.headSha });
    await world.octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: created.data.id,
      conclusion: "failure",
      output: { title: "2 regressions", summary: "| item | before | after |" },
    });
    const listed = await world.octokit.rest.checks.listForRef({ owner, repo, ref: "feature" });
    expect(listed.data.total_count).toBe(1);
    expect(listed.data.check_runs[0]).toMatchObject({ name: "evalgate", status: "completed", conclusion: "failure", output: { title: "2 regressions" } });
  });

  it("a summary of 65,536 characters is refused with 422 and the stored run keeps its output", async () => {
    const { headSha } = world.fake.addPullRequest({ owner, repo, head: "feature" });
    const created = await world.octokit.rest.checks.create({ owner, repo, name: "evalgate", head_sha: headSha, output: { title: "t", summary: "ok" } });
    const update = world.octokit.rest.checks.update({ owner, repo, check_run_id: created.data.id, output: { title: "t", summary: "x".repeat(65_536) } });
    await expect(update).rejects.toMatchObject({ status: 422 });
    expect(world.fake.repo(owner, repo).checkRuns.get(created.data.id)?.output.summary).toBe("ok");
  });

  it("with check runs forbidden, creation answers 403 and a commit status still works", async () => {
    world.fake.setCheckRunsForbidden(true);
    const { headSha } = world.fake.addPullRequest({ owner, repo, head: "feature" });
    const refused = world.octokit.rest.checks.create({ owner, repo, name: "evalgate", head_sha: headSha });
    await expect(refused).rejects.toMatchObject({ status: 403, message: expect.stringContaining("Resource not accessible by integration") });
    await world.octokit.rest.repos.createCommitStatus({ owner, repo, sha: headSha, state: "failure", context: "evalgate", description: "2 regressions" });
    expect(world.fake.repo(owner, repo).statuses).toMatchObject([{ sha: headSha, state: "failure", context: "evalgate" }]);
  });
});

describe("fake GitHub: repositories, pulls, permissions, deployments, dispatch", () => {
  it("a fork pull request reports the fork as its head repository", async () => {
    world.fake.addRepo({ owner: "contributor", repo, parent: "acme/shop" });
    const pull = world.fake.addPullRequest({ owner, repo, head: "patch", headRepo: "contributor/shop", maintainerCanModify: true });
    const { data } = await world.octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
    expect(data.head).toMatchObject({ ref: "patch", sha: pull.headSha, repo: { full_name: "contributor/shop", fork: true } });
    expect(data.base).toMatchObject({ ref: "main", repo: { full_name: "acme/shop", default_branch: "main" } });
    expect(data.maintainer_can_modify).toBe(true);
  });

  it("collaborator permission folds maintain into write and answers 404 for an unknown user", async () => {
    world.fake.setPermission("alice", "maintain");
    world.fake.setPermission("bob", "none", { owner, repo });
    const alice = await world.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "alice" });
    expect(alice.data).toMatchObject({ permission: "write", role_name: "maintain" });
    const bob = await world.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "bob" });
    expect(bob.data.permission).toBe("none");
    await expect(world.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "mallory" })).rejects.toMatchObject({ status: 404 });
  });

  it("deployments filter by sha and environment, and their statuses come newest first", async () => {
    const sha = world.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    world.fake.addDeployment({ owner, repo, sha, environment: "Production" });
    const preview = world.fake.addDeployment({
      owner,
      repo,
      sha,
      environment: "Preview",
      statuses: [{ state: "in_progress" }, { state: "success", environmentUrl: "https://preview.example.com" }],
    });
    const listed = await world.octokit.rest.repos.listDeployments({ owner, repo, sha, environment: "Preview" });
    expect(listed.data.map((deployment) => deployment.id)).toEqual([preview.id]);
    const statuses = await world.octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: preview.id });
    expect(statuses.data.map((status) => [status.state, status.environment_url])).toEqual([
      ["success", "https://preview.example.com"],
      ["in_progress", ""],
    ]);
  });

  it("a workflow dispatch is recorded with its ref and inputs, and an unknown ref is refused", async () => {
    const sent = await world.octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: "evalgate.yml", ref: "main", inputs: { pr: "7" } });
    expect(sent.status).toBe(204);
    expect(world.fake.repo(owner, repo).workflowDispatches).toEqual([{ workflowId: "evalgate.yml", ref: "main", inputs: { pr: "7" }, user: "github-actions[bot]" }]);
    await expect(world.octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: "evalgate.yml", ref: "nope" })).rejects.toMatchObject({ status: 422 });
  });
});

describe("fake GitHub: auth, unknown routes and fault injection", () => {
  it("a request without authorization answers 401, but app token creation needs none", async () => {
    const anonymous = new Octokit({ baseUrl: world.fake.url, log: quiet });
    await expect(anonymous.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 401 });
    const token = await anonymous.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: 1 });
    expect(token.status).toBe(201);
    const asApp = new Octokit({ auth: token.data.token, baseUrl: world.fake.url, log: quiet });
    const issueNumber = world.fake.addIssue(owner, repo);
    const comment = await asApp.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "hi" });
    expect(comment.data.user?.login).toBe("evalgate[bot]");
  });

  it("an unknown route answers 404 Not Found and is listed as unmatched", async () => {
    await expect(world.octokit.request("GET /repos/{owner}/{repo}/nothing-here", { owner, repo })).rejects.toMatchObject({ status: 404 });
    expect(world.fake.unmatchedRequests().map((request) => request.path)).toEqual(["/repos/acme/shop/nothing-here"]);
  });

  it("failNext answers 502 once, then the same request succeeds", async () => {
    world.fake.failNext(1, { status: 502 });
    await expect(world.octokit.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 502 });
    const retried = await world.octokit.rest.repos.get({ owner, repo });
    expect(retried.data.default_branch).toBe("main");
    expect(world.fake.requests.map((request) => [request.status, request.injected])).toEqual([
      [502, true],
      [200, false],
    ]);
  });

  it("a secondary rate limit answers 403 with retry-after and the message throttling clients look for", async () => {
    world.fake.failNext(1, { status: 403, secondaryRateLimit: true, retryAfter: 1, match: { method: "POST" } });
    await world.octokit.rest.repos.get({ owner, repo });
    const issueNumber = world.fake.addIssue(owner, repo);
    const limited = await world.octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "x" }).catch((error: unknown) => error);
    expect(limited).toMatchObject({ status: 403, response: { headers: { "retry-after": "1" } } });
    expect(String((limited as Error).message)).toMatch(/secondary rate limit/);
    expect(world.fake.repo(owner, repo).comments.size).toBe(0);
  });

  it("failRate with the same seed fails the same requests", async () => {
    const pattern = async (): Promise<number[]> => {
      const other = await startFakeGitHub();
      other.addRepo({ owner, repo });
      other.failRate(0.5, { status: 500 }, 42);
      const client = new Octokit({ auth: "t", baseUrl: other.url, log: quiet });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++) {
        statuses.push(await client.rest.repos.get({ owner, repo }).then((response) => response.status, (error: { status: number }) => error.status));
      }
      await other.close();
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it("a fault applied after handling keeps the write although the client saw 502", async () => {
    const issueNumber = world.fake.addIssue(owner, repo);
    world.fake.failNext(1, { status: 502, afterHandling: true });
    await expect(world.octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "once" })).rejects.toMatchObject({ status: 502 });
    expect([...world.fake.repo(owner, repo).comments.values()].map((comment) => comment.body)).toEqual(["once"]);
  });
});
