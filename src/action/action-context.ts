import type { CheckConclusion, VerdictLabel } from "../core/check-conclusion.js";
import type { ExperimentConfig, PriceTable } from "../core/config/schema.js";
import type { GitHubClient } from "../github/github-client.js";
import type { PublishedRuns } from "../store/published-runs.js";
import type { RunStore } from "../store/run-store.js";
import type { WorkflowEnv } from "./read-workflow-env.js";
import type { ArtifactUploader } from "./upload-html-report.js";
import type { ActionSettings } from "./settings.js";

/** Where the Action logs: @actions/core in production; the core never sees it. */
export interface ActionLog {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
}

/**
 * Where the Action publishes finished runs and finds baselines and shard runs: the results branch
 * (ResultsBranchStore) or the PostgreSQL store of `store-url` (PostgresRunStore). Annotations are
 * read too, for the HTML report of a baseline.
 */
export type PublishedRunsStore = PublishedRuns & Pick<RunStore, "runAnnotations">;

/** What every mode needs, gathered once at the edge. */
export interface ActionContext {
  settings: ActionSettings;
  /** What the runner said about this workflow run (event, actor, URLs), parsed once. */
  workflow: WorkflowEnv;
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** The repository's default branch unless the baseline-branch input names another. */
  baselineBranch: string;
  configFile: string;
  configDir: string;
  experiments: [string, ExperimentConfig][];
  /** The config file's `prices:`, for every experiment's run. */
  prices?: PriceTable | undefined;
  results: PublishedRunsStore;
  /**
   * `results` as messages name it: the branch ("evalgate-results") or "the PostgreSQL store
   * (store-url)". Not the URL, not even redacted: logs and job summaries of a public repository
   * are public, and GitHub masks only the secret's exact text.
   */
  resultsName: string;
  /** Where runs execute before they are published: the runner's temp directory. */
  workDir: string;
  openLocalStore(experiment: string): Promise<RunStore>;
  /** The workflow run's page: linked from comments and checks. */
  runUrl?: string;
  /** Uploads the HTML reports; undefined where the runner offers no artifact service (act, a local run, GHES). */
  artifacts?: ArtifactUploader;
  /** The environment evalgate.yml's `${NAME}` reads (secrets the step passes in); nothing else reads it. */
  configEnv: Record<string, string | undefined>;
  log: ActionLog;
}

/** One experiment's result, as the outputs and the job summary need it. */
export interface ExperimentResult {
  experiment: string;
  runId: string;
  verdict: VerdictLabel;
  /** What its check concluded (or would have): `failure` and `action_required` fail the step under fail-on-gate. */
  conclusion: CheckConclusion;
  passRate: number;
  baselinePassRate?: number;
  regressions: number;
  fixes: number;
  commentUrl?: string;
  /** The Markdown report (the job summary's text). */
  reportFile: string;
  /** The HTML report, when it could be written. */
  htmlReportFile?: string;
  /** The HTML report's artifact, else the workflow run; undefined on a local run. */
  reportUrl?: string;
}

/**
 * What a mode ends with: the experiments that were evaluated, and one line per thing that went
 * wrong (an experiment that could not be evaluated, a run, check or comment not published).
 */
export interface ModeOutcome {
  results: ExperimentResult[];
  failures: string[];
}
