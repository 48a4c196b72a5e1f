import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { RegressionPlanError } from "../../../core/regression/regression-errors.js";
import { selectItems, type RunSelection } from "../../../core/regression/select-items.js";
import type { Run } from "../../../core/model/run.js";
import type { PublishedRuns } from "../../../store/published-runs.js";
import { openPostgresStore } from "../../../store/postgres/index.js";
import { ResultsBranchStore } from "../../../store/results-branch/index.js";
import { messageOf } from "../../request-status.js";
import { CommandError, type ResolvedDeps } from "../eval-command-deps.js";
import { findCandidateRuns, type FindCandidateRunsInput } from "./find-candidate-runs.js";

export const NO_RUN_YET = "No evalgate run found for this pull request yet; push a commit or use `/eval run`.";

const STORE_TROUBLE =
  "evalgate could not read this pull request's runs from its PostgreSQL store (the `store-url` the Action publishes to). The app's log says why.";

/**
 * The pull request's latest candidate runs and their selected items (failed ones, or exactly
 * `runItemIds`), read where the Action published them: the PostgreSQL store of `storeUrl` when
 * one is set (only this repository's runs), else the results branch. The store is closed before
 * this returns, so no connection is held through the commit and the rerun.
 * Throws CommandError when there is no run yet, and when a PostgreSQL store cannot be read: the
 * reply is public, and the driver's message may name the server, so only the log has it.
 */
export async function readCandidateRuns(
  deps: ResolvedDeps,
  repository: { owner: string; repo: string },
  input: FindCandidateRunsInput & { runItemIds: readonly string[] },
): Promise<{ runs: Run[]; selections: RunSelection[] }> {
  try {
    const source = await openSource(deps, repository);
    try {
      const runs = await findCandidateRuns(source, input);
      if (runs.length === 0) throw new CommandError(NO_RUN_YET);
      return { runs, selections: await selectItems(source, runs, input.runItemIds) };
    } finally {
      await source.close();
    }
  } catch (error) {
    if (deps.storeUrl === undefined || error instanceof CommandError || error instanceof RegressionPlanError) throw error;
    deps.log.warning(`/eval regression on ${repository.owner}/${repository.repo}: the PostgreSQL store could not be read: ${messageOf(error)}`);
    throw new CommandError(STORE_TROUBLE);
  }
}

async function openSource(deps: ResolvedDeps, repository: { owner: string; repo: string }): Promise<PublishedRuns> {
  // The Action writes each run with its repository's name: one database may serve many.
  if (deps.storeUrl !== undefined) return openPostgresStore(deps.storeUrl, { repository: `${repository.owner}/${repository.repo}` });
  return new ResultsBranchStore({
    octokit: deps.octokit,
    ...repository,
    branch: deps.resultsBranch,
    // Only read here: nothing is staged, so this directory is never created.
    stagingDir: path.join(os.tmpdir(), `evalgate-command-${randomUUID()}`),
  });
}
