import type { AdapterLog, GitHubClient } from "../../github-client.js";
import type { PullRequestInfo } from "../../pull-request-info.js";
import { readCommitTree, readTreeFile } from "../../read-tree-file.js";
import { messageOf, statusOf } from "../../request-status.js";
import { upsertPullRequest, type PullRequestRef } from "../../upsert-pull-request.js";
import { writeFilesCommit, type BranchHeadCommit, type WrittenCommit } from "../../write-files-commit.js";
import { CommandError } from "../eval-command-deps.js";
import { planRegressionChange, type RegressionChange, type RegressionTarget } from "../../../core/regression/plan-regression-change.js";

/** Where the regression dataset went. */
export type Delivery =
  | { kind: "pushed"; change: RegressionChange; commit: WrittenCommit; repoFullName: string; branch: string; toFork: boolean }
  | { kind: "pull-request"; change: RegressionChange; commit: WrittenCommit; repoFullName: string; branch: string; pullRequest: PullRequestRef }
  | { kind: "inline"; change: RegressionChange; reason: string }
  | { kind: "nothing-new"; change: RegressionChange };

export interface DeliverInput {
  owner: string;
  repo: string;
  number: number;
  pull: PullRequestInfo;
  configPath: string;
  /** The pull request head's config: it defines the experiments the runs came from. */
  sourceConfigText: string;
  /** The pull request head's tree, in the base repository. */
  sourceTreeSha: string;
  targets: readonly RegressionTarget[];
  addedAt: string;
  log: AdapterLog;
}

interface Location {
  owner: string;
  repo: string;
  branch: string;
  createFrom?: string;
}

/** A fork or branch the token may not write: GitHub answers 403 or 404 (or 422 for a protected branch). */
function isRefused(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404 || status === 422;
}

/**
 * Commits the regression files where the pull request's author will see them: on its branch; for a
 * fork, on the fork's branch when maintainers may edit it; else on a new branch of the base
 * repository with a pull request; and when even that is refused, the files go in the reply.
 */
export async function deliverRegression(octokit: GitHubClient, input: DeliverInput): Promise<Delivery> {
  const { pull } = input;
  if (!pull.isFork) return commitTo(octokit, input, { owner: input.owner, repo: input.repo, branch: pull.headRef }, false);
  if (pull.maintainerCanModify && pull.headRepoFullName !== undefined) {
    const [forkOwner = "", forkRepo = ""] = pull.headRepoFullName.split("/");
    try {
      return await commitTo(octokit, input, { owner: forkOwner, repo: forkRepo, branch: pull.headRef }, true);
    } catch (error) {
      if (!isRefused(error)) throw error;
      input.log.info(`Could not push to the fork ${pull.headRepoFullName} (${messageOf(error)}); opening a pull request instead.`);
    }
  }
  const branch = `evalgate/regressions-pr-${input.number}`;
  try {
    const baseHead = await readCommitTree(octokit, { owner: input.owner, repo: input.repo, ref: `heads/${pull.baseRef}` });
    const delivery = await commitTo(octokit, input, { owner: input.owner, repo: input.repo, branch, createFrom: baseHead?.commitSha ?? pull.baseSha }, false);
    if (delivery.kind !== "pushed") return delivery;
    const pullRequest = await upsertPullRequest(octokit, {
      owner: input.owner,
      repo: input.repo,
      head: branch,
      base: pull.baseRef,
      title: `evalgate: regression items from #${input.number}`,
      body: `Regression dataset and experiment collected by \`/eval regression\` on #${input.number}, whose branch is in a fork evalgate cannot push to.`,
    });
    return { kind: "pull-request", change: delivery.change, commit: delivery.commit, repoFullName: delivery.repoFullName, branch, pullRequest };
  } catch (error) {
    if (!isRefused(error) && !(error instanceof CommandError)) throw error;
    input.log.info(`Could not open a pull request with the regression dataset (${messageOf(error)}); replying with the files.`);
    return inline(octokit, input, `evalgate may not push to the fork, nor open a pull request from a branch here (${messageOf(error)})`);
  }
}

async function readText(octokit: GitHubClient, location: { owner: string; repo: string }, treeSha: string, path: string): Promise<string | undefined> {
  return (await readTreeFile(octokit, { ...location, treeSha, path }))?.toString("utf8");
}

/** Plans the change against a tree (the branch's head, or the pull request's for the inline reply). */
async function planAt(octokit: GitHubClient, input: DeliverInput, location: { owner: string; repo: string }, treeSha: string): Promise<RegressionChange> {
  const configText = await readText(octokit, location, treeSha, input.configPath);
  if (configText === undefined) throw new CommandError(`There is no \`${input.configPath}\` on the branch the regression dataset would go to.`);
  const existingDatasets = new Map<string, string>();
  for (const target of input.targets) {
    const existing = await readText(octokit, location, treeSha, target.datasetPath);
    if (existing !== undefined) existingDatasets.set(target.datasetPath, existing);
  }
  return planRegressionChange({
    configPath: input.configPath,
    configText,
    sourceConfigText: input.sourceConfigText,
    targets: input.targets,
    existingDatasets,
    addedAt: input.addedAt,
    origin: `/eval regression on #${input.number}`,
    collected: `from pull request #${input.number}`,
  });
}

async function commitTo(octokit: GitHubClient, input: DeliverInput, location: Location, toFork: boolean): Promise<Delivery> {
  let change: RegressionChange | undefined;
  const prepare = async (head: BranchHeadCommit) => {
    change = await planAt(octokit, input, location, head.treeSha);
    return change.files;
  };
  const commit = await writeFilesCommit(octokit, {
    owner: location.owner,
    repo: location.repo,
    branch: location.branch,
    message: commitMessage(input),
    prepare,
    ...(location.createFrom === undefined ? {} : { createFrom: location.createFrom }),
  });
  if (change === undefined) throw new Error("the regression change was never planned");
  if (commit === undefined) return { kind: "nothing-new", change };
  return { kind: "pushed", change, commit, repoFullName: `${location.owner}/${location.repo}`, branch: location.branch, toFork };
}

async function inline(octokit: GitHubClient, input: DeliverInput, reason: string): Promise<Delivery> {
  const change = await planAt(octokit, input, { owner: input.owner, repo: input.repo }, input.sourceTreeSha);
  return change.files.length === 0 ? { kind: "nothing-new", change } : { kind: "inline", change, reason };
}

function commitMessage(input: DeliverInput): string {
  const names = input.targets.map((target) => target.name).join(", ");
  return `evalgate: add regression items to ${names}\n\nCollected by /eval regression on #${input.number}.`;
}
