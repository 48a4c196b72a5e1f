import { z } from "zod";
import { UserError } from "../core/errors.js";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));
const milliseconds = (name: string) =>
  optionalText.transform((value, context) => {
    if (value === undefined) return undefined;
    const ms = Number(value);
    if (!Number.isFinite(ms) || ms < 0) {
      context.addIssue({ code: "custom", message: `${name}: "${value}" is not a number of milliseconds` });
      return z.NEVER;
    }
    return ms;
  });

/**
 * What the runner tells the step through its environment, read once at the edge: GitHub's default
 * variables, the runner's artifact service (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL: only
 * whether both are there; @actions/artifact reads them itself), and evalgate's own
 * (EVALGATE_TARGET_URL as production-url's fallback; the two EVALGATE_*_MS let tests poll and
 * retry fast). Modes read this, never the environment.
 */
const WorkflowEnvSchema = z
  .object({
    GITHUB_REPOSITORY: optionalText,
    GITHUB_EVENT_NAME: optionalText,
    GITHUB_EVENT_PATH: optionalText,
    GITHUB_REF: optionalText,
    GITHUB_SHA: optionalText,
    GITHUB_ACTOR: optionalText,
    GITHUB_API_URL: optionalText,
    GITHUB_SERVER_URL: optionalText,
    GITHUB_RUN_ID: optionalText,
    GITHUB_RUN_ATTEMPT: optionalText,
    GITHUB_WORKSPACE: optionalText,
    GITHUB_WORKFLOW_REF: optionalText,
    RUNNER_TEMP: optionalText,
    ACTIONS_RUNTIME_TOKEN: optionalText,
    ACTIONS_RESULTS_URL: optionalText,
    EVALGATE_TARGET_URL: optionalText,
    EVALGATE_POLL_MS: milliseconds("EVALGATE_POLL_MS"),
    EVALGATE_RETRY_AFTER_BASE_MS: milliseconds("EVALGATE_RETRY_AFTER_BASE_MS"),
  })
  .transform((env, context) => {
    const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? "").split("/");
    if (!owner || !repo || rest.length > 0) {
      context.addIssue({ code: "custom", message: "GITHUB_REPOSITORY is not set: run evalgate as a step of a GitHub workflow" });
      return z.NEVER;
    }
    return {
      owner,
      repo,
      eventName: env.GITHUB_EVENT_NAME ?? "",
      eventPath: env.GITHUB_EVENT_PATH,
      /** e.g. refs/heads/main */
      ref: env.GITHUB_REF ?? "",
      sha: env.GITHUB_SHA ?? "",
      actor: env.GITHUB_ACTOR,
      apiUrl: env.GITHUB_API_URL,
      serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
      runId: env.GITHUB_RUN_ID,
      /** 1 for the first run, 2… for re-runs, which keep the first run's artifacts (names must differ). */
      runAttempt: runAttemptOf(env.GITHUB_RUN_ATTEMPT),
      workspace: env.GITHUB_WORKSPACE,
      /** "octo/repo/.github/workflows/evalgate.yml@refs/heads/main" */
      workflowRef: env.GITHUB_WORKFLOW_REF,
      runnerTemp: env.RUNNER_TEMP,
      /**
       * The runner gives a job these two to upload artifacts; act and local runs have neither, and
       * the report then links the workflow run instead. So does GitHub Enterprise Server, whose
       * artifact service @actions/artifact v2+ does not support (it refuses any other host than
       * github.com, *.ghe.com and *.localhost).
       */
      artifactService:
        env.ACTIONS_RUNTIME_TOKEN !== undefined && env.ACTIONS_RESULTS_URL !== undefined && !isEnterpriseServer(env.GITHUB_SERVER_URL),
      /** The production URL when the production-url input is empty. */
      targetUrl: env.EVALGATE_TARGET_URL,
      /** How often to look for a deployment that is not ready yet. */
      deploymentPollMs: env.EVALGATE_POLL_MS ?? 10_000,
      retryAfterBaseMs: env.EVALGATE_RETRY_AFTER_BASE_MS,
    };
  });
export type WorkflowEnv = z.output<typeof WorkflowEnvSchema>;

/** @actions/artifact's own test (isGhes): any host but github.com, *.ghe.com and *.localhost. */
function isEnterpriseServer(serverUrl: string | undefined): boolean {
  let host: string;
  try {
    host = new URL(serverUrl ?? "https://github.com").hostname.toLowerCase();
  } catch {
    return false;
  }
  return host !== "github.com" && !host.endsWith(".ghe.com") && !host.endsWith(".localhost");
}

/** GITHUB_RUN_ATTEMPT as a number; 1 when absent or not a positive integer (a local run). */
function runAttemptOf(value: string | undefined): number {
  const attempt = Number(value);
  return Number.isInteger(attempt) && attempt >= 1 ? attempt : 1;
}

export function readWorkflowEnv(env: Record<string, string | undefined>): WorkflowEnv {
  const parsed = WorkflowEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new UserError(parsed.error.issues.map((issue) => issue.message).join("\n"));
  }
  return parsed.data;
}
