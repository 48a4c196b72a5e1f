import { parseConfig } from "../../../core/config/load.js";
import type { ConfigFile } from "../../../core/config/schema.js";
import { getPullRequest, type PullRequestInfo } from "../../pull-request-info.js";
import { readCommitTree, readTreeFile, type CommitTree } from "../../read-tree-file.js";
import { isRegressionDataset, regressionTargets } from "../../../core/regression/plan-regression-change.js";
import { CommandError, type ResolvedDeps } from "../eval-command-deps.js";
import { inlineCode } from "../inline-code.js";
import type { CommandComment } from "../issue-comment-event.js";
import type { EvalCommand } from "../parse-command.js";
import { deliverRegression } from "../regression/deliver-regression.js";
import { readCandidateRuns } from "../regression/read-candidate-runs.js";
import { renderRegressionReply, type RerunStatus } from "../regression/render-regression-reply.js";
import type { CommandResult } from "./command-result.js";
import { startRerun } from "./start-rerun.js";

/**
 * `/eval regression`: the failed items of the pull request's latest candidate runs become a
 * regression dataset and experiment, committed where the author will see them, then a rerun.
 */
export async function runEvalRegression(deps: ResolvedDeps, comment: CommandComment, command: Extract<EvalCommand, { kind: "regression" }>): Promise<CommandResult> {
  const { octokit } = deps;
  const repository = { owner: comment.owner, repo: comment.repo };
  const pull = await getPullRequest(octokit, { ...repository, number: comment.pullRequest });
  const head = await pullRequestHead(deps, comment, pull);
  const sourceConfigText = (await readTreeFile(octokit, { ...repository, treeSha: head.treeSha, path: deps.configPath }))?.toString("utf8");
  if (sourceConfigText === undefined) throw new CommandError(`This pull request has no ${inlineCode(deps.configPath)} at its head, so there are no experiments to collect regressions from.`);
  const config = parseConfig(sourceConfigText, deps.configPath);

  const { runs, selections } = await readCandidateRuns(deps, repository, {
    experiments: sourceExperiments(config),
    pullRequest: comment.pullRequest,
    headSha: pull.headSha,
    runItemIds: command.runItemIds,
  });
  if (selections.length === 0) {
    const runNames = runs.map((run) => `${inlineCode(run.id)} (${inlineCode(run.experiment)})`).join(", ");
    return { body: `Nothing new: every item of this pull request's latest run passed (${runNames}), so there is nothing to add.`, summary: "nothing to add: no failed items" };
  }

  const delivery = await deliverRegression(octokit, {
    ...repository,
    number: comment.pullRequest,
    pull,
    configPath: deps.configPath,
    sourceConfigText,
    sourceTreeSha: head.treeSha,
    targets: regressionTargets(selections, deps.configPath, command.name),
    addedAt: deps.now().toISOString(),
    log: deps.log,
  });
  let rerun: RerunStatus = { started: false };
  if (delivery.kind === "pushed") {
    const started = await startRerun(deps, comment, pull);
    rerun = started.started ? { started: true } : { started: false, problem: started.problem };
  }
  const added = delivery.change.datasets.reduce((sum, dataset) => sum + dataset.added.length, 0);
  return {
    body: renderRegressionReply(delivery, rerun),
    ok: rerun.problem === undefined,
    summary: delivery.kind === "nothing-new" ? "nothing new to add" : `${delivery.kind}: ${added} regression item(s)`,
    ...(delivery.kind === "pushed" || delivery.kind === "pull-request" ? { commitUrl: delivery.commit.htmlUrl } : {}),
    ...(delivery.kind === "pull-request" ? { pullRequestUrl: delivery.pullRequest.htmlUrl } : {}),
    dispatched: rerun.started,
  };
}

/**
 * The head commit's tree, read in the base repository. A fork's commits are reachable there
 * through `refs/pull/<n>/head`, which GitHub keeps for every pull request.
 */
async function pullRequestHead(deps: ResolvedDeps, comment: CommandComment, pull: PullRequestInfo): Promise<CommitTree> {
  const repository = { owner: comment.owner, repo: comment.repo };
  const tree = pull.isFork
    ? await readCommitTree(deps.octokit, { ...repository, ref: `pull/${comment.pullRequest}/head` })
    : await readCommitTree(deps.octokit, { ...repository, sha: pull.headSha });
  if (tree === undefined) throw new CommandError("Could not read this pull request's head commit.");
  return tree;
}

/** Regression experiments are not sources: their failed items are already in a regression dataset. */
function sourceExperiments(config: ConfigFile): string[] {
  return Object.entries(config.experiments)
    .filter(([, experiment]) => !isRegressionDataset(experiment.dataset))
    .map(([name]) => name);
}
