import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Octokit } from "@octokit/rest";
import { createOctokit, type CreateOctokitOptions } from "../../../src/github/create-octokit.js";
import type { RunItem } from "../../../src/core/model/run-item.js";
import type { Run } from "../../../src/core/model/run.js";
import { ResultsBranchStore } from "../../../src/store/results-branch/results-branch-store.js";
import { startFakeGitHub, type FakeGitHub, type GitCommit } from "../../helpers/fake-github.js";
import { makeRunItem } from "../fixtures/make-run.js";

export const OWNER = "acme";
export const REPO = "shop";
export const BRANCH = "evalgate-results";
/** Real policy shape, test-sized delays: races and lost ref-write answers still retry, in milliseconds. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 20 };

/** The fake GitHub with one repository, and ResultsBranchStores on it, each with its own client and staging directory (one per job). */
export interface BranchHarness {
  fake: FakeGitHub;
  openStore(options?: { branch?: string; retry?: Partial<typeof FAST_RETRY> & Record<string, number>; maxRunFileBytes?: number; octokit?: Octokit }): Promise<ResultsBranchStore>;
  /** The client the Action and the CLI use, with waits shrunk a thousandfold. */
  newOctokit(options?: Partial<CreateOctokitOptions>): Octokit;
  /** The staging directory a store of this harness was opened with. */
  stagingDirOf(store: ResultsBranchStore): string;
  /** Commits of the branch from its head to its root, following first parents. */
  history(branch?: string): GitCommit[];
  cleanup(): Promise<void>;
}

export async function startBranchHarness(): Promise<BranchHarness> {
  const fake = await startFakeGitHub();
  fake.addRepo({ owner: OWNER, repo: REPO });
  const dirs: string[] = [];
  const stores: ResultsBranchStore[] = [];
  const stagingDirs = new Map<ResultsBranchStore, string>();
  // The client the Action and the CLI use: it retries 5xx itself, the store only moves the branch again.
  const newOctokit = (options: Partial<CreateOctokitOptions> = {}): Octokit =>
    createOctokit({ token: "t", baseUrl: fake.url, retryAfterBaseValue: 1, ...options });
  return {
    fake,
    newOctokit,
    async openStore(options = {}) {
      const stagingDir = await mkdtemp(path.join(os.tmpdir(), "evalgate-staging-"));
      dirs.push(stagingDir);
      const store = new ResultsBranchStore({
        octokit: options.octokit ?? newOctokit(),
        owner: OWNER,
        repo: REPO,
        ...(options.branch === undefined ? {} : { branch: options.branch }),
        stagingDir,
        retry: { ...FAST_RETRY, ...options.retry },
        ...(options.maxRunFileBytes === undefined ? {} : { maxRunFileBytes: options.maxRunFileBytes }),
      });
      stores.push(store);
      stagingDirs.set(store, stagingDir);
      return store;
    },
    stagingDirOf(store) {
      const dir = stagingDirs.get(store);
      if (dir === undefined) throw new Error("the store was not opened by this harness");
      return dir;
    },
    history(branch = BRANCH) {
      const repo = fake.repo(OWNER, REPO);
      const commits: GitCommit[] = [];
      let sha = repo.refs.get(`refs/heads/${branch}`);
      while (sha !== undefined) {
        const commit = repo.commits.get(sha);
        if (commit === undefined) break;
        commits.push(commit);
        sha = commit.parents[0];
      }
      return commits;
    },
    async cleanup() {
      for (const store of stores) await store.close().catch(() => undefined);
      await fake.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a finished run through the store: created, items stored, ended (which publishes it). */
export async function writeFinishedRun(store: ResultsBranchStore, run: Run, itemIds: string[]): Promise<RunItem[]> {
  await store.createRun(run);
  const items = itemIds.map((itemId, index) => makeRunItem(run.id, itemId, { status: index % 3 === 2 ? "failed" : "passed" }));
  await Promise.all(items.map((item) => store.putRunItem(item)));
  await store.endRun(run.id, { status: "passed", ended_at: "2026-11-25T12:05:00.000Z", verdict: "pass" });
  return items;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}
