import { dispatchWorkflow } from "../../dispatch-workflow.js";
import type { PullRequestInfo } from "../../pull-request-info.js";
import { messageOf, statusOf } from "../../request-status.js";
import type { ResolvedDeps } from "../eval-command-deps.js";
import type { CommandComment } from "../issue-comment-event.js";

/** The workflow input the Action reads to evaluate a pull request from `workflow_dispatch`. */
export const PULL_REQUEST_INPUT = "pull-request";
/** The workflow input that becomes the Action's `variant` input (`/eval run --variant NAME`). */
export const VARIANT_INPUT = "variant";

export type RerunResult = { started: true; ref: string } | { started: false; problem: string };

/**
 * Dispatches the evaluation workflow for the pull request. It runs at the pull request's branch;
 * a fork's branch is not in this repository, so a fork's rerun runs at the base branch and the
 * Action finds the head through the `pull-request` input.
 */
export async function startRerun(
  deps: ResolvedDeps,
  comment: CommandComment,
  pull: PullRequestInfo,
  variant?: string,
): Promise<RerunResult> {
  const ref = pull.isFork ? pull.baseRef : pull.headRef;
  try {
    await dispatchWorkflow(deps.octokit, {
      owner: comment.owner,
      repo: comment.repo,
      workflow: deps.workflowFile,
      ref,
      // Sent only when asked for: a workflow without the input would refuse the dispatch (422).
      inputs: { [PULL_REQUEST_INPUT]: String(comment.pullRequest), ...(variant !== undefined ? { [VARIANT_INPUT]: variant } : {}) },
    });
    return { started: true, ref };
  } catch (error) {
    const status = statusOf(error);
    const file = `.github/workflows/${deps.workflowFile}`;
    if (status === 404) return { started: false, problem: `${file} was not found on the default branch, or evalgate may not run workflows (it needs actions: write)` };
    if (status === 422) {
      const inputs = variant !== undefined ? `"${PULL_REQUEST_INPUT}" and "${VARIANT_INPUT}" inputs` : `a "${PULL_REQUEST_INPUT}" input`;
      return { started: false, problem: `${file} has no workflow_dispatch trigger with ${inputs} (GitHub said: ${messageOf(error)})` };
    }
    if (status === 403) return { started: false, problem: `evalgate may not run workflows here (it needs actions: write)` };
    throw error;
  }
}
