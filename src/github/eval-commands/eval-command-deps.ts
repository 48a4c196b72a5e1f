import { DEFAULT_RESULTS_BRANCH } from "../../store/results-branch/layout.js";
import type { AdapterLog, GitHubClient } from "../github-client.js";

export const DEFAULT_CONFIG_PATH = "evalgate.yml";
export const DEFAULT_WORKFLOW_FILE = "evalgate.yml";

/**
 * Everything a command needs, passed in: the Probot app and the Action (on `issue_comment`, the
 * no-server option) both call `handleEvalComment` with their own client.
 */
export interface EvalCommentDeps {
  /** An installation token's client (Probot) or the workflow's token (Action). */
  octokit: GitHubClient;
  /** Where the Action stores runs. Default DEFAULT_RESULTS_BRANCH. */
  resultsBranch?: string;
  /**
   * The PostgreSQL store the Action publishes to (its `store-url`); when set, runs are read there
   * instead of on the results branch. A secret: never quoted in a reply.
   */
  storeUrl?: string;
  /** The config file, from the repository root. Default "evalgate.yml". */
  configPath?: string;
  /** The evaluation workflow in .github/workflows that `/eval run` and a regression rerun dispatch. Default "evalgate.yml". */
  workflowFile?: string;
  /** Our own login ("evalgate[bot]"): its comments are never commands. */
  botLogin?: string;
  log: AdapterLog;
  /** For `added_at` in regression items. Default: the real clock. */
  now?: () => Date;
}

export interface ResolvedDeps {
  octokit: GitHubClient;
  resultsBranch: string;
  storeUrl: string | undefined;
  configPath: string;
  workflowFile: string;
  botLogin: string | undefined;
  log: AdapterLog;
  now: () => Date;
}

export function resolveDeps(deps: EvalCommentDeps): ResolvedDeps {
  return {
    octokit: deps.octokit,
    resultsBranch: deps.resultsBranch ?? DEFAULT_RESULTS_BRANCH,
    storeUrl: deps.storeUrl,
    configPath: (deps.configPath ?? DEFAULT_CONFIG_PATH).replace(/^\.?\/+/, ""),
    workflowFile: deps.workflowFile ?? DEFAULT_WORKFLOW_FILE,
    botLogin: deps.botLogin,
    log: deps.log,
    now: deps.now ?? (() => new Date()),
  };
}

/** What came of one comment: for the caller's log, and for tests. */
export interface CommandOutcome {
  status: "ignored" | "refused" | "done" | "failed";
  /** "usage" for a `/eval` comment that could not be parsed (answered with the help). */
  command?: "regression" | "run" | "help" | "usage";
  /** One line: why it was ignored, refused or failed, or what was done. */
  summary: string;
  replyUrl?: string;
  commitUrl?: string;
  /** The pull request opened (or reused) for a fork's regression dataset. */
  pullRequestUrl?: string;
  /** A workflow run was requested. */
  dispatched?: boolean;
}

/** A failure whose message is meant for the person who wrote the command (Markdown, already escaped). */
export class CommandError extends Error {
  override readonly name = "CommandError";
}
