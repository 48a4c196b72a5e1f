import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { arithmeticConfig, startArithmeticTarget } from "../cli/workspace-config.js";
import { arithmeticDataset, makeWorkspace } from "../helpers/cli.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { startFakeArtifactService, type FakeArtifactService } from "../helpers/fake-github/artifact-service.js";
import { actionDefaults, readmeWorkflowInputs, runBuiltAction, type ActionResult } from "../helpers/run-action.js";
import type { TargetServer } from "../helpers/target-server.js";

const require = createRequire(import.meta.url);
const examplesFile = require.resolve("@octokit/webhooks-examples/api.github.com/index.json");

export const OWNER = "Codertocat";
export const REPO = "Hello-World";

type Payload = Record<string, any>;

/** A real payload from @octokit/webhooks-examples, cloned so a test may adapt it. */
export async function examplePayload(event: string, pick: (example: Payload) => boolean = () => true): Promise<Payload> {
  const all = JSON.parse(await readFile(examplesFile, "utf8")) as { name: string; examples: Payload[] }[];
  const example = all.find((entry) => entry.name === event)?.examples.find(pick);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${event} example`);
  return structuredClone(example);
}

/** A repository on the fake GitHub, a target with versions (/v1, /v2, …), and the user's workspace. */
export interface World {
  fake: FakeGitHub;
  /** The runner's artifact service, when the world has one (`createWorld({ artifacts: true })`). */
  artifacts?: FakeArtifactService;
  target: TargetServer;
  workspace: string;
  mainSha(): string;
  close(): Promise<void>;
}

export async function createWorld(options: {
  wrongFor?: Record<string, string[]>;
  /** A target of the test's own instead of the arithmetic one. */
  target?: () => Promise<TargetServer>;
  items?: number;
  config?: string;
  files?: Record<string, string>;
  /** Give the jobs the runner's artifact service, as GitHub-hosted runners do; without it they run as under act. */
  artifacts?: boolean;
} = {}): Promise<World> {
  const fake = await startFakeGitHub();
  const artifacts = options.artifacts ? await startFakeArtifactService() : undefined;
  fake.addRepo({ owner: OWNER, repo: REPO, defaultBranch: "main" });
  const target = options.target
    ? await options.target()
    : await startArithmeticTarget(options.wrongFor ? { wrongFor: options.wrongFor } : {});
  const workspace = await makeWorkspace({
    "evalgate.yml": options.config ?? arithmeticConfig({ threshold: 0.8, maxRegressions: 0 }),
    "items.jsonl": arithmeticDataset(options.items ?? 20),
    ...options.files,
  });
  return {
    fake,
    ...(artifacts ? { artifacts } : {}),
    target,
    workspace,
    mainSha: () => fake.repo(OWNER, REPO).refs.get("refs/heads/main")!,
    close: async () => {
      await target.close();
      await fake.close();
      await artifacts?.close();
    },
  };
}

/** The inputs a user's run gets: action.yml's defaults, the README workflow's `with:`, then overrides. */
export async function inputsFor(overrides: Record<string, string>): Promise<Record<string, string>> {
  const defaults = await actionDefaults();
  const readme = await readmeWorkflowInputs({ "secrets.AGENT_TOKEN": "agent-token" });
  return { ...defaults, "github-token": "test-token", ...readme, ...overrides };
}

export async function pushBaseline(world: World, version: string, sha = world.mainSha(), extra: Record<string, string> = {}): Promise<ActionResult> {
  const payload = await examplePayload("push");
  payload.ref = "refs/heads/main";
  payload.after = sha;
  payload.repository.default_branch = "main";
  return runBuiltAction({
    apiUrl: world.fake.url,
    workspace: world.workspace,
    eventName: "push",
    payload,
    repository: `${OWNER}/${REPO}`,
    sha,
    ref: "refs/heads/main",
    inputs: await inputsFor({ "production-url": `${world.target.url}/${version}`, ...extra }),
    ...(world.artifacts ? { artifacts: world.artifacts } : {}),
  });
}

export interface OpenedPr {
  number: number;
  headSha: string;
  headRef: string;
  fork: boolean;
}

export function openPr(world: World, options: { number?: number; head?: string; fork?: boolean } = {}): OpenedPr {
  const headRef = options.head ?? "feature";
  const pull = world.fake.addPullRequest({
    owner: OWNER,
    repo: REPO,
    head: headRef,
    ...(options.number ? { number: options.number } : {}),
    ...(options.fork ? { headRepo: `forker/${REPO}` } : {}),
    files: { "agent.txt": `change ${Math.random()}` },
  });
  return { number: pull.number, headSha: pull.headSha, headRef, fork: Boolean(options.fork) };
}

export async function pullRequestPayload(pr: OpenedPr): Promise<Payload> {
  const payload = await examplePayload("pull_request", (example) => example.action === "opened");
  payload.number = pr.number;
  payload.pull_request.number = pr.number;
  payload.pull_request.head.sha = pr.headSha;
  payload.pull_request.head.ref = pr.headRef;
  payload.pull_request.base.ref = "main";
  payload.repository.default_branch = "main";
  if (pr.fork) {
    payload.pull_request.head.repo.full_name = `forker/${REPO}`;
    payload.pull_request.head.repo.fork = true;
  }
  return payload;
}

export async function runOnPr(
  world: World,
  pr: OpenedPr,
  version: string,
  extra: { inputs?: Record<string, string>; env?: Record<string, string>; workspace?: string } = {},
): Promise<ActionResult> {
  return runBuiltAction({
    apiUrl: world.fake.url,
    workspace: extra.workspace ?? world.workspace,
    eventName: "pull_request",
    payload: await pullRequestPayload(pr),
    repository: `${OWNER}/${REPO}`,
    sha: pr.headSha,
    ref: `refs/pull/${pr.number}/merge`,
    inputs: await inputsFor({ "candidate-url": `${world.target.url}/${version}`, ...extra.inputs }),
    ...(extra.env ? { env: extra.env } : {}),
    ...(world.artifacts ? { artifacts: world.artifacts } : {}),
  });
}

export interface MergeGroup {
  headSha: string;
  headRef: string;
  baseSha: string;
}

/** What GitHub's merge queue does for a queued pull request: a commit on a gh-readonly-queue/… branch on top of the base. */
export function enqueue(world: World, baseSha: string): MergeGroup {
  const pr = openPr(world);
  const headRef = `gh-readonly-queue/main/pr-${pr.number}-${baseSha}`;
  const headSha = world.fake.addCommit({
    owner: OWNER,
    repo: REPO,
    branch: headRef,
    parents: [baseSha],
    message: `Merge pull request #${pr.number}`,
    files: { "agent.txt": "queued change" },
  });
  return { headSha, headRef, baseSha };
}

export async function runOnMergeGroup(world: World, group: MergeGroup, inputs: Record<string, string>): Promise<ActionResult> {
  const payload = await examplePayload("merge_group", (example) => example.action === "checks_requested");
  payload.merge_group.head_sha = group.headSha;
  payload.merge_group.head_ref = `refs/heads/${group.headRef}`;
  payload.merge_group.base_sha = group.baseSha;
  payload.merge_group.base_ref = "refs/heads/main";
  payload.repository.default_branch = "main";
  // GitHub runs merge_group workflows on the group's head: GITHUB_SHA and GITHUB_REF name it.
  return runBuiltAction({
    apiUrl: world.fake.url,
    workspace: world.workspace,
    eventName: "merge_group",
    payload,
    repository: `${OWNER}/${REPO}`,
    sha: group.headSha,
    ref: `refs/heads/${group.headRef}`,
    inputs: await inputsFor(inputs),
    ...(world.artifacts ? { artifacts: world.artifacts } : {}),
  });
}

export function comments(world: World) {
  return [...world.fake.repo(OWNER, REPO).comments.values()];
}

export function checkRuns(world: World) {
  return [...world.fake.repo(OWNER, REPO).checkRuns.values()];
}

export function storedRunFiles(world: World): string[] {
  const branch = world.fake.repo(OWNER, REPO).refs.get("refs/heads/evalgate-results");
  return branch ? world.fake.listFiles(OWNER, REPO, "evalgate-results").filter((file) => file.startsWith("runs/")) : [];
}

export { arithmeticConfig, arithmeticDataset, makeWorkspace };

