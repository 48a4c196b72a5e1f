import type { GitHubClient } from "./github-client.js";

export interface DispatchWorkflowInput {
  owner: string;
  repo: string;
  /** The workflow's file name ("evalgate.yml") or id. */
  workflow: string;
  /** The branch (or tag) to run the workflow at; the file must also be on the default branch. */
  ref: string;
  /** At most 25 inputs, every value a string. */
  inputs: Record<string, string>;
}

/**
 * Starts a `workflow_dispatch` run. One of the two events a token's own writes may start (the
 * other is repository_dispatch); needs `actions: write`.
 */
export async function dispatchWorkflow(octokit: GitHubClient, input: DispatchWorkflowInput): Promise<void> {
  await octokit.rest.actions.createWorkflowDispatch({
    owner: input.owner,
    repo: input.repo,
    workflow_id: input.workflow,
    ref: input.ref,
    inputs: input.inputs,
  });
}
