import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { blocksMerge } from "../core/check-conclusion.js";
import { UserError } from "../core/errors.js";
import { findExperiment, loadConfigFile } from "../engine/load-config.js";
import { createOctokit } from "../github/create-octokit.js";
import { handleEvalComment } from "../github/eval-commands/handle-eval-comment.js";
import type { GitHubClient } from "../github/github-client.js";
import { openEmbeddedStore } from "../store/open-store.js";
import { openPostgresStore } from "../store/postgres/index.js";
import { ResultsBranchStore } from "../store/results-branch/results-branch-store.js";
import type { ActionContext, ActionLog, ModeOutcome, PublishedRunsStore } from "./action-context.js";
import { detectMode } from "./detect-mode.js";
import { readWorkflowEnv, type WorkflowEnv } from "./read-workflow-env.js";
import { runBaselineMode, runCandidateMode, runMergeGroupMode } from "./run-modes.js";
import { setActionOutputs } from "./set-outputs.js";
import { parseSettings, type ActionSettings } from "./settings.js";
import { runnerArtifactUploader } from "./upload-html-report.js";

const log: ActionLog = {
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
};

/** The Action's one entry: inputs → settings → mode → engine → store → report → GitHub. */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    // Masked before anything is parsed or logged, even a store-url that is then refused.
    maskStoreUrl(core.getInput("store-url"));
    const settings = parseSettings((name) => core.getInput(name));
    core.setSecret(settings["github-token"]);
    const workflow = readWorkflowEnv(env);
    const { results, failures } = await runAction(settings, workflow, env);
    if (results.length > 0) await setActionOutputs(results);
    const failed = results.filter((result) => result.verdict === "fail");
    // No verdict blocks the merge (its check is action_required) unless the gate opted into neutral.
    const undecided = results.filter((result) => result.verdict !== "fail" && blocksMerge(result.conclusion));
    const problems = [
      ...(settings["fail-on-gate"] && failed.length > 0 ? [`the gate failed for ${failed.map((result) => result.experiment).join(", ")}`] : []),
      ...(settings["fail-on-gate"] && undecided.length > 0
        ? [`no verdict was possible for ${undecided.map((result) => `${result.experiment} (${result.verdict})`).join(", ")}: see its check`]
        : []),
      ...failures,
    ];
    // One failure message at the end, naming everything: the gate and what could not be done.
    if (problems.length > 0) core.setFailed(`evalgate: ${problems.join("\n")}`);
  } catch (error) {
    // Anything thrown fails the step, strings and all: a job must never stay green by accident.
    core.setFailed(`evalgate: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function runAction(
  settings: ActionSettings,
  workflow: WorkflowEnv,
  configEnv: Record<string, string | undefined>,
): Promise<ModeOutcome> {
  const { owner, repo } = workflow;
  const payload = await readEventPayload(workflow.eventPath);
  const octokit = createOctokit({
    token: settings["github-token"],
    ...(workflow.apiUrl ? { baseUrl: workflow.apiUrl } : {}),
    ...(workflow.retryAfterBaseMs !== undefined ? { retryAfterBaseValue: workflow.retryAfterBaseMs } : {}),
    log,
  });
  const baselineBranch = settings["baseline-branch"] ?? (await defaultBranchOf(octokit, owner, repo, payload));
  const mode = detectMode({
    eventName: workflow.eventName,
    payload,
    ref: workflow.ref,
    sha: workflow.sha,
    baselineBranch,
  });
  if (mode.kind === "skip") {
    log.notice(`evalgate: nothing to do: ${mode.reason}`);
    return { results: [], failures: [] };
  }
  if (mode.kind === "command") {
    await runCommandMode(octokit, settings, workflow, payload);
    return { results: [], failures: [] };
  }
  const context = await buildContext(settings, workflow, configEnv, { octokit, owner, repo, baselineBranch });
  try {
    if (mode.kind === "baseline") return await runBaselineMode(context, mode);
    if (mode.kind === "merge-group") return await runMergeGroupMode(context, mode);
    return await runCandidateMode(context, mode, payload);
  } finally {
    await context.results.close();
  }
}

async function buildContext(
  settings: ActionSettings,
  workflow: WorkflowEnv,
  configEnv: Record<string, string | undefined>,
  github: { octokit: GitHubClient; owner: string; repo: string; baselineBranch: string },
): Promise<ActionContext> {
  const workspace = workflow.workspace ?? process.cwd();
  const configFile = path.resolve(workspace, settings.config);
  const loaded = await loadConfigFile(configFile);
  const experiments = settings.experiment
    ? [[settings.experiment, findExperiment(loaded, settings.experiment)] as const]
    : Object.entries(loaded.config.experiments);
  const workDir = await mkdtemp(path.join(workflow.runnerTemp ?? os.tmpdir(), "evalgate-"));
  const storeUrl = settings["store-url"];
  // A PostgreSQL store may serve many repositories: this one's runs carry its name and only they are found.
  const results: PublishedRunsStore = storeUrl
    ? await openPostgresStore(storeUrl, { repository: `${github.owner}/${github.repo}` })
    : new ResultsBranchStore({
        octokit: github.octokit,
        owner: github.owner,
        repo: github.repo,
        branch: settings["results-branch"],
        stagingDir: path.join(workDir, "staging"),
      });
  return {
    settings,
    workflow,
    ...github,
    configFile,
    configDir: loaded.dir,
    experiments: experiments.map(([name, experiment]) => [name, experiment]),
    prices: loaded.config.prices,
    results,
    resultsName: storeUrl ? "the PostgreSQL store (store-url)" : settings["results-branch"],
    workDir,
    openLocalStore: (experiment) => openEmbeddedStore(path.join(workDir, "runs", experiment)),
    ...(workflow.runId ? { runUrl: `${workflow.serverUrl}/${github.owner}/${github.repo}/actions/runs/${workflow.runId}` } : {}),
    ...(workflow.artifactService && workflow.runId ? { artifacts: runnerArtifactUploader() } : {}),
    configEnv,
    log,
  };
}

/** `/eval …` on an issue_comment trigger: the command handling the bot shares, with the workflow's token. */
async function runCommandMode(
  octokit: GitHubClient,
  settings: ActionSettings,
  workflow: WorkflowEnv,
  payload: Record<string, unknown>,
): Promise<void> {
  const outcome = await handleEvalComment(
    {
      octokit,
      resultsBranch: settings["results-branch"],
      ...(settings["store-url"] ? { storeUrl: settings["store-url"] } : {}),
      configPath: settings.config,
      // Reruns dispatch the workflow that is running now (it needs a workflow_dispatch trigger).
      workflowFile: workflowFileOf(workflow.workflowRef) ?? "evalgate.yml",
      botLogin: "github-actions[bot]",
      log,
    },
    payload,
  );
  log.info(`evalgate: /eval ${outcome.command ?? ""}: ${outcome.status}: ${outcome.summary}`);
  if (outcome.status === "failed") core.setFailed(`evalgate: ${outcome.summary}`);
}

/**
 * Masks the store URL in every later log line, and its password on its own (a driver's message
 * may quote the user or host but show the password alone, percent-decoded or not).
 */
function maskStoreUrl(raw: string): void {
  const url = raw.trim();
  if (url === "") return;
  core.setSecret(url);
  const passwords: string[] = [];
  try {
    const parsed = new URL(url);
    passwords.push(parsed.password);
    // libpq also takes `?password=` (and `sslpassword=`).
    for (const [key, value] of parsed.searchParams) if (/password/i.test(key)) passwords.push(value);
  } catch {
    // Not a URL: parseSettings refuses it without quoting it; the whole text is masked already.
  }
  for (const password of passwords.filter((value) => value !== "")) {
    core.setSecret(password);
    const decoded = safeDecode(password);
    if (decoded !== password) core.setSecret(decoded);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "octo/repo/.github/workflows/evalgate.yml@refs/heads/main" → "evalgate.yml". */
function workflowFileOf(ref: string | undefined): string | undefined {
  return ref ? /\.github\/workflows\/([^@/]+)@/.exec(ref)?.[1] : undefined;
}

async function readEventPayload(file: string | undefined): Promise<Record<string, unknown>> {
  if (!file) return {};
  try {
    return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`GITHUB_EVENT_PATH ${file}: not a readable JSON event (${(error as Error).message})`);
  }
}

async function defaultBranchOf(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const fromEvent = (payload.repository as { default_branch?: string } | undefined)?.default_branch;
  if (fromEvent) return fromEvent;
  const { data } = await octokit.rest.repos.get({ owner, repo });
  return data.default_branch;
}
