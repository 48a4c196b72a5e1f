/** What the Action does for the event that started it. */
export type ActionMode =
  | { kind: "baseline"; sha: string; branch: string; deploymentUrl?: string }
  | {
      kind: "candidate";
      pullRequest: number;
      /** Known from the event; else read from the API (deployment_status, workflow_dispatch). */
      headSha?: string;
      /** A `deployment_status` event that may carry the candidate URL. */
      deploymentStatusEvent?: unknown;
    }
  /** deployment_status and workflow_run: the pull request is the open one whose head is `sha`. */
  | { kind: "candidate-for-sha"; sha: string; pullRequest?: number; deploymentStatusEvent?: unknown }
  /**
   * A merge queue's `merge_group` event: the group's head commit is the candidate, compared with the
   * baseline of its base commit; it has no pull request to comment on.
   */
  | { kind: "merge-group"; headSha: string; headRef?: string; baseSha: string }
  /** A `/eval` command in a pull request comment: the bot's commands without a server. */
  | { kind: "command" }
  | { kind: "skip"; reason: string };

export interface EventContext {
  eventName: string;
  payload: Record<string, unknown>;
  /** GITHUB_REF, e.g. refs/heads/main. */
  ref: string;
  sha: string;
  baselineBranch: string;
}

export function detectMode(context: EventContext): ActionMode {
  const { eventName, payload } = context;
  const branch = context.ref.startsWith("refs/heads/") ? context.ref.slice("refs/heads/".length) : undefined;
  switch (eventName) {
    case "push":
      return branch === context.baselineBranch
        ? { kind: "baseline", sha: context.sha, branch }
        : skip(`a push to ${branch ?? context.ref}: baselines come from pushes to ${context.baselineBranch}`);
    case "pull_request":
    case "pull_request_target": {
      const pr = payload.pull_request as { number?: number; head?: { sha?: string } } | undefined;
      if (!pr?.number) return skip(`the ${eventName} event carries no pull request`);
      return { kind: "candidate", pullRequest: pr.number, ...(pr.head?.sha ? { headSha: pr.head.sha } : {}) };
    }
    case "deployment_status": {
      const status = payload.deployment_status as { state?: string } | undefined;
      const deployment = payload.deployment as { sha?: string; ref?: string } | undefined;
      if (status?.state !== "success") return skip(`deployment status is "${status?.state ?? "unknown"}", not success`);
      if (!deployment?.sha) return skip("the deployment_status event names no commit");
      return { kind: "candidate-for-sha", sha: deployment.sha, deploymentStatusEvent: payload };
    }
    case "workflow_dispatch": {
      const inputs = (payload.inputs ?? {}) as Record<string, unknown>;
      const pr = Number(inputs["pull-request"] ?? inputs.pull_request ?? inputs.pr ?? NaN);
      if (Number.isInteger(pr) && pr > 0) return { kind: "candidate", pullRequest: pr };
      return branch === context.baselineBranch
        ? { kind: "baseline", sha: context.sha, branch }
        : skip(`workflow_dispatch on ${branch ?? context.ref} without a pull-request input`);
    }
    case "workflow_run": {
      // The trusted follow-up of a fork's pull_request run: it evaluates the PR's deployment with
      // this repository's own config and token; no code from the fork runs here.
      const run = payload.workflow_run as
        | { head_sha?: string; event?: string; pull_requests?: { number?: number }[] }
        | undefined;
      if (!run?.head_sha) return skip("the workflow_run event names no commit");
      if (run.event !== "pull_request") return skip(`workflow_run of a ${run.event ?? "unknown"} event`);
      const number = run.pull_requests?.[0]?.number;
      return { kind: "candidate-for-sha", sha: run.head_sha, ...(number ? { pullRequest: number } : {}) };
    }
    case "merge_group": {
      // The queue waits for every required check on the group's head commit: a check that never
      // reports there drops the queued pull requests.
      if (payload.action !== "checks_requested") return skip(`merge_group ${String(payload.action ?? "event")}: only checks_requested asks for checks`);
      const group = payload.merge_group as { head_sha?: string; head_ref?: string; base_sha?: string } | undefined;
      if (!group?.head_sha || !group.base_sha) return skip("the merge_group event names no head or base commit");
      const headRef = group.head_ref?.startsWith("refs/heads/") ? group.head_ref.slice("refs/heads/".length) : group.head_ref;
      return { kind: "merge-group", headSha: group.head_sha, baseSha: group.base_sha, ...(headRef ? { headRef } : {}) };
    }
    case "issue_comment":
      return { kind: "command" };
    default:
      return skip(`evalgate does nothing on ${eventName} events`);
  }
}

function skip(reason: string): ActionMode {
  return { kind: "skip", reason };
}
