import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { findCandidateUrl } from "../../src/github/find-candidate-url.js";
import { owner, repo, useFakeGitHub } from "./github-fixture.js";

interface WebhookExamples {
  name: string;
  examples: Array<Record<string, unknown> & { deployment_status: Record<string, unknown>; deployment: Record<string, unknown> }>;
}

const examples: WebhookExamples["examples"] | undefined = (createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as WebhookExamples[]).find(
  (event) => event.name === "deployment_status",
)?.examples;
if (!examples) throw new Error("@octokit/webhooks-examples has no deployment_status examples");
const gh = useFakeGitHub();

/** GitHub's own example of a successful deployment_status event, moved onto `sha`. */
function successEvent(sha: string, change: (event: WebhookExamples["examples"][number]) => void = () => {}) {
  const original = examples?.find((example) => example.deployment_status.state === "success" && example.deployment_status.environment_url === undefined);
  if (!original) throw new Error("no successful deployment_status example without environment_url");
  const event = structuredClone(original);
  event.deployment.sha = sha;
  change(event);
  return event;
}

describe("findCandidateUrl", () => {
  it("GitHub's examples carry no usable environment_url, as many providers' payloads do", () => {
    expect(examples).toHaveLength(4);
    expect(examples.filter((example) => !("environment_url" in example.deployment_status))).toHaveLength(3);
    expect(examples.map((example) => example.deployment_status.environment_url ?? "")).toEqual(["", "", "", ""]);
  });

  it("takes target_url from a deployment_status event without environment_url, calling no API", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    const event = successEvent(sha, (payload) => {
      payload.deployment_status.target_url = "https://shop-git-feature.vercel.app";
    });

    const found = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 0, pollMs: 10, event });

    expect(found).toEqual({ url: "https://shop-git-feature.vercel.app", source: "deployment_status event", deploymentId: event.deployment.id });
    expect(gh.fake.requests).toEqual([]);
  });

  it("prefers environment_url over target_url in the event", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    const event = successEvent(sha, (payload) => {
      payload.deployment_status.environment_url = "https://preview.example";
      payload.deployment_status.target_url = "https://logs.example";
    });
    const found = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 0, pollMs: 10, event });
    expect(found?.url).toBe("https://preview.example");
  });

  it("an event with no URL at all (GitHub's own example) falls back to the Deployments API", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    const deployment = gh.fake.addDeployment({ owner, repo, sha, statuses: [{ state: "success", environmentUrl: "https://api-found.example" }] });

    const found = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 0, pollMs: 10, event: successEvent(sha) });

    expect(found).toEqual({ url: "https://api-found.example", source: "deployments API", deploymentId: deployment.id });
  });

  it("ignores an event about another commit and takes the newest successful deployment of ours", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    const event = successEvent("f".repeat(40), (payload) => {
      payload.deployment_status.target_url = "https://other-commit.example";
    });
    gh.fake.addDeployment({ owner, repo, sha, statuses: [{ state: "success", targetUrl: "https://older.example" }] });
    const newer = gh.fake.addDeployment({ owner, repo, sha, statuses: [{ state: "in_progress" }, { state: "success", targetUrl: "https://newer.example" }] });
    gh.fake.addDeployment({ owner, repo, sha: "e".repeat(40), statuses: [{ state: "success", targetUrl: "https://someone-else.example" }] });

    const found = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 0, pollMs: 10, event });

    expect(found).toEqual({ url: "https://newer.example", source: "deployments API", deploymentId: newer.id });
  });

  it("only looks in the requested environment", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    gh.fake.addDeployment({ owner, repo, sha, environment: "Production", statuses: [{ state: "success", environmentUrl: "https://prod.example" }] });
    gh.fake.addDeployment({ owner, repo, sha, environment: "Preview", statuses: [{ state: "success", environmentUrl: "https://preview.example" }] });
    gh.fake.addDeployment({ owner, repo, sha, environment: "Storybook", statuses: [{ state: "success", environmentUrl: "https://storybook.example" }] });

    const found = await findCandidateUrl(gh.client(), { owner, repo, sha, environment: "Preview", timeoutMs: 0, pollMs: 10 });

    expect(found?.url).toBe("https://preview.example");
  });

  it("waits for a pending deployment that turns successful while it polls", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    const deployment = gh.fake.addDeployment({ owner, repo, sha, statuses: [{ state: "pending" }] });
    const listings = () => gh.fake.requests.filter((request) => request.route === "GET /repos/{owner}/{repo}/deployments").length;
    const finish = setInterval(() => {
      if (listings() >= 3) {
        clearInterval(finish);
        gh.fake.addDeploymentStatus(owner, repo, deployment.id, { state: "success", environmentUrl: "https://ready.example" });
      }
    }, 5);

    const found = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 20_000, pollMs: 20, log: gh.log });

    clearInterval(finish);
    expect(found).toEqual({ url: "https://ready.example", source: "deployments API", deploymentId: deployment.id });
    expect(listings()).toBeGreaterThanOrEqual(3);
    expect(gh.log.messages.join("\n")).toContain("to finish");
  });

  it("gives up with undefined when nothing is deployed within the timeout", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    const found = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 100, pollMs: 20, log: gh.log });
    expect(found).toBeUndefined();
    expect(gh.log.messages.at(-1)).toMatch(/^warning: No successful deployment of/);
  });

  it("with a URL to fall back on, answers at once for a commit never deployed but still awaits a deployment under way", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    const never = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 60_000, pollMs: 10_000, waitForNewDeployment: false, log: gh.log });
    expect(never).toBeUndefined();
    expect(gh.fake.requests.filter((request) => request.route === "GET /repos/{owner}/{repo}/deployments")).toHaveLength(1);

    const deployment = gh.fake.addDeployment({ owner, repo, sha, statuses: [{ state: "in_progress" }] });
    setTimeout(() => gh.fake.addDeploymentStatus(owner, repo, deployment.id, { state: "success", environmentUrl: "https://ready.example" }), 30);
    const running = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 20_000, pollMs: 20, waitForNewDeployment: false });
    expect(running?.url).toBe("https://ready.example");
  });

  it("stops waiting at once when every deployment of the commit failed", async () => {
    const sha = gh.fake.addPullRequest({ owner, repo, head: "feature" }).headSha;
    gh.fake.addDeployment({ owner, repo, sha, statuses: [{ state: "in_progress" }, { state: "failure" }] });

    const found = await findCandidateUrl(gh.client(), { owner, repo, sha, timeoutMs: 60_000, pollMs: 10_000, log: gh.log });

    expect(found).toBeUndefined();
    expect(gh.fake.requests.filter((request) => request.route === "GET /repos/{owner}/{repo}/deployments")).toHaveLength(1);
    expect(gh.log.messages.join("\n")).toContain("ended without success");
  });
});
