import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { ACTION_INPUTS, parseSettings } from "../../src/action/settings.js";
import { detectMode } from "../../src/action/detect-mode.js";
import { readWorkflowEnv } from "../../src/action/read-workflow-env.js";
import { examplePayload } from "./action-world.js";

const actionYml = fileURLToPath(new URL("../../action.yml", import.meta.url));

async function defaults(): Promise<Record<string, string>> {
  const action = parseYaml(await readFile(actionYml, "utf8")) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? ""]));
}

describe("Action inputs", () => {
  it("action.yml declares exactly the inputs the settings schema reads", async () => {
    expect(Object.keys(await defaults()).sort()).toEqual(Object.keys(ACTION_INPUTS).sort());
  });

  it("parses action.yml's defaults into typed settings", async () => {
    const inputs: Record<string, string> = { ...(await defaults()), "github-token": "t" };
    const settings = parseSettings((name) => inputs[name] ?? "");
    expect(settings).toMatchObject({
      config: "evalgate.yml",
      "results-branch": "evalgate-results",
      comment: "always",
      "fail-on-gate": true,
      "deployment-timeout": 600_000,
    });
    expect(settings["candidate-url"]).toBeUndefined();
  });

  it("takes a variant for the candidate's runs, none by default", async () => {
    const inputs: Record<string, string> = { ...(await defaults()), "github-token": "t" };
    expect(parseSettings((name) => inputs[name] ?? "").variant).toBeUndefined();
    expect(parseSettings((name) => ({ ...inputs, variant: " gpt4o " })[name] ?? "").variant).toBe("gpt4o");
  });

  it("names every bad input in one message", async () => {
    const inputs: Record<string, string> = { ...(await defaults()), "github-token": "t", comment: "sometimes", "fail-on-gate": "yes" };
    expect(() => parseSettings((name) => inputs[name] ?? "")).toThrow(/comment: write always, on-change or never[\s\S]*fail-on-gate: write true or false/);
  });
});

describe("the runner's environment", () => {
  it("is read once into typed values", () => {
    const workflow = readWorkflowEnv({ GITHUB_REPOSITORY: "octo/repo", GITHUB_EVENT_NAME: "merge_group", EVALGATE_POLL_MS: "50", GITHUB_RUN_ID: "" });
    expect(workflow).toMatchObject({ owner: "octo", repo: "repo", eventName: "merge_group", deploymentPollMs: 50, serverUrl: "https://github.com" });
    expect(workflow.runId).toBeUndefined();
    expect(readWorkflowEnv({ GITHUB_REPOSITORY: "octo/repo" }).deploymentPollMs).toBe(10_000);
  });

  it("offers the artifact service only with both of its variables, and not on GitHub Enterprise Server", () => {
    const service = { GITHUB_REPOSITORY: "octo/repo", ACTIONS_RUNTIME_TOKEN: "jwt", ACTIONS_RESULTS_URL: "https://results.example/" };
    expect(readWorkflowEnv(service).artifactService).toBe(true);
    expect(readWorkflowEnv({ ...service, GITHUB_SERVER_URL: "https://octo.ghe.com" }).artifactService).toBe(true);
    expect(readWorkflowEnv({ ...service, ACTIONS_RUNTIME_TOKEN: "" }).artifactService).toBe(false);
    expect(readWorkflowEnv({ ...service, ACTIONS_RESULTS_URL: undefined }).artifactService).toBe(false);
    expect(readWorkflowEnv({ ...service, GITHUB_SERVER_URL: "https://github.example.com" }).artifactService).toBe(false);
  });

  it("counts re-runs: GITHUB_RUN_ATTEMPT, 1 when absent or not a positive whole number", () => {
    expect(readWorkflowEnv({ GITHUB_REPOSITORY: "octo/repo", GITHUB_RUN_ATTEMPT: "3" }).runAttempt).toBe(3);
    expect(readWorkflowEnv({ GITHUB_REPOSITORY: "octo/repo" }).runAttempt).toBe(1);
    expect(readWorkflowEnv({ GITHUB_REPOSITORY: "octo/repo", GITHUB_RUN_ATTEMPT: "0" }).runAttempt).toBe(1);
  });

  it("names what is wrong with it", () => {
    expect(() => readWorkflowEnv({})).toThrow(/GITHUB_REPOSITORY is not set: run evalgate as a step of a GitHub workflow/);
    expect(() => readWorkflowEnv({ GITHUB_REPOSITORY: "octo/repo", EVALGATE_POLL_MS: "soon" })).toThrow(/EVALGATE_POLL_MS: "soon" is not a number/);
  });
});

describe("what the Action does for each event", () => {
  const base = { ref: "refs/heads/main", sha: "abc", baselineBranch: "main" };
  it.each([
    ["push", {}, "refs/heads/main", "baseline"],
    ["push", {}, "refs/heads/feature", "skip"],
    ["pull_request", { pull_request: { number: 3, head: { sha: "h" } } }, "refs/pull/3/merge", "candidate"],
    ["deployment_status", { deployment_status: { state: "success" }, deployment: { sha: "h" } }, "refs/heads/x", "candidate-for-sha"],
    ["deployment_status", { deployment_status: { state: "failure" }, deployment: { sha: "h" } }, "refs/heads/x", "skip"],
    ["workflow_dispatch", { inputs: { "pull-request": "7" } }, "refs/heads/feature", "candidate"],
    ["workflow_run", { workflow_run: { head_sha: "h", event: "pull_request", pull_requests: [] } }, "refs/heads/main", "candidate-for-sha"],
    ["merge_group", { action: "checks_requested", merge_group: { head_sha: "h", base_sha: "b" } }, "refs/heads/gh-readonly-queue/main/pr-1-b", "merge-group"],
    ["merge_group", { action: "destroyed", merge_group: { head_sha: "h", base_sha: "b" } }, "refs/heads/gh-readonly-queue/main/pr-1-b", "skip"],
    ["issue_comment", {}, "refs/heads/main", "command"],
    ["release", {}, "refs/heads/main", "skip"],
  ])("%s (%#) → %s", (eventName, payload, ref, kind) => {
    expect(detectMode({ ...base, eventName, payload, ref }).kind).toBe(kind);
  });

  it("merge_group: the group's head is the candidate and its base commit names the baseline", async () => {
    const payload = await examplePayload("merge_group", (example) => example.action === "checks_requested");
    const group = payload.merge_group as { head_sha: string; head_ref: string; base_sha: string };
    expect(detectMode({ ...base, eventName: "merge_group", payload, ref: group.head_ref, sha: group.head_sha })).toEqual({
      kind: "merge-group",
      headSha: group.head_sha,
      headRef: group.head_ref.replace("refs/heads/", ""),
      baseSha: group.base_sha,
    });
  });
});
