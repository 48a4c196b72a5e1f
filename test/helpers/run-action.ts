import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { collect } from "./cli.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const BUILT_ACTION = path.join(root, "dist/index.js");

/**
 * `EVALGATE_ACTION_UNDER_TEST=source` runs src/action/main.ts through tsx instead of the built
 * dist/index.js: for working on the Action without rebuilding. CI runs the built one.
 */
export const ACTION_FROM_SOURCE = process.env.EVALGATE_ACTION_UNDER_TEST === "source";
// By URL: the child runs in the workspace, where a bare "tsx" would not resolve.
const TSX_LOADER = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
const ACTION_ARGS = ACTION_FROM_SOURCE ? ["--import", TSX_LOADER, path.join(root, "src/action/main.ts")] : [BUILT_ACTION];

export interface ActionResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionInvocation {
  apiUrl: string;
  workspace: string;
  eventName: string;
  payload: unknown;
  /** owner/repo */
  repository: string;
  sha: string;
  ref: string;
  inputs: Record<string, string>;
  env?: Record<string, string | undefined>;
  /**
   * The runner's artifact service: ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL for the job
   * (test/helpers/fake-github/artifact-service.ts). Without it the job has neither, as under act.
   */
  artifacts?: { env(): Record<string, string> };
}

/**
 * Runs the built dist/index.js (or the source, see ACTION_FROM_SOURCE) the way the runner does:
 * INPUT_* variables, an event file, command files, the run's id and attempt.
 */
export async function runBuiltAction(invocation: ActionInvocation): Promise<ActionResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-runner-"));
  const eventPath = path.join(dir, "event.json");
  const outputPath = path.join(dir, "output.txt");
  const summaryPath = path.join(dir, "summary.md");
  await writeFile(eventPath, JSON.stringify(invocation.payload));
  await writeFile(outputPath, "");
  await writeFile(summaryPath, "");
  const inputs = Object.fromEntries(
    Object.entries(invocation.inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, "_").toUpperCase()}`, value]),
  );
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: invocation.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: invocation.repository,
    GITHUB_SHA: invocation.sha,
    GITHUB_REF: invocation.ref,
    GITHUB_API_URL: invocation.apiUrl,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKSPACE: invocation.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: dir,
    // Keep GitHub retries and deployment polling fast in tests.
    EVALGATE_RETRY_AFTER_BASE_MS: "1",
    EVALGATE_POLL_MS: "50",
    ...invocation.artifacts?.env(),
    ...inputs,
    ...invocation.env,
  };
  const child = spawn(process.execPath, ACTION_ARGS, { cwd: invocation.workspace, env: env as NodeJS.ProcessEnv, stdio: "pipe" });
  child.stdin.end();
  const result = await collect(child);
  return {
    ...result,
    outputs: parseCommandFile(await readFile(outputPath, "utf8")),
    summary: await readFile(summaryPath, "utf8"),
  };
}

/** GITHUB_OUTPUT's `name<<DELIMITER\nvalue\nDELIMITER` records. */
function parseCommandFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    outputs[name!] = value.join("\n");
  }
  return outputs;
}

/**
 * The `with:` inputs of the README's example workflow, the one users copy: the tests run exactly
 * these, with `${{ … }}` expressions filled in.
 */
export async function readmeWorkflowInputs(expressions: Record<string, string>): Promise<Record<string, string>> {
  const readme = await readFile(path.join(root, "README.md"), "utf8");
  const block = /```yaml\n(name: evalgate\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no example workflow named evalgate");
  const workflow = parseYaml(block) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((candidate) => candidate.uses?.startsWith("evalgate/evalgate@"));
  if (!step) throw new Error("the README's workflow has no evalgate step");
  const fill = (value: string) => value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => expressions[expression] ?? "");
  return Object.fromEntries(Object.entries(step.with ?? {}).map(([name, value]) => [name, fill(String(value))]));
}

/** action.yml's inputs with their defaults, as the runner passes every input. */
export async function actionDefaults(): Promise<Record<string, string>> {
  const action = parseYaml(await readFile(path.join(root, "action.yml"), "utf8")) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? ""]));
}
