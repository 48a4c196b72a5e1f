import type { AdapterLog, GitHubClient } from "./github-client.js";

/** The parts of a `deployment_status` webhook payload we read; real payloads carry much more. */
export interface DeploymentStatusEvent {
  deployment_status?: { state?: string; environment_url?: string | null; target_url?: string | null };
  deployment?: { id?: number; sha?: string; environment?: string };
}

export interface FindCandidateUrlInput {
  owner: string;
  repo: string;
  /** The commit whose deployment we want: the pull request's head. */
  sha: string;
  /** Only deployments to this environment ("Preview"); default any. */
  environment?: string;
  /** How long to wait for a deployment that is not ready yet. 0 looks once. */
  timeoutMs: number;
  /**
   * false: when the commit has no deployment at all, answer undefined at once instead of waiting
   * for one to appear (the caller has a URL to fall back on); one that is running is still awaited.
   */
  waitForNewDeployment?: boolean;
  pollMs: number;
  /** The workflow's event payload, when it is a `deployment_status` event. */
  event?: unknown;
  log?: AdapterLog;
}

export interface CandidateUrl {
  url: string;
  source: "deployment_status event" | "deployments API";
  deploymentId?: number;
}

const WAITING_STATES = new Set(["queued", "pending", "in_progress"]);

/** "" counts as absent: real payloads send `target_url: ""`, and many omit `environment_url`. */
function urlOf(status: { environment_url?: string | null; target_url?: string | null }): string | undefined {
  return status.environment_url || status.target_url || undefined;
}

function isEventPayload(event: unknown): event is DeploymentStatusEvent {
  return typeof event === "object" && event !== null && "deployment_status" in event && "deployment" in event;
}

function fromEvent(input: FindCandidateUrlInput): CandidateUrl | undefined {
  if (!isEventPayload(input.event)) return undefined;
  const { deployment, deployment_status: status } = input.event;
  if (deployment?.sha !== input.sha || status?.state !== "success") return undefined;
  if (input.environment !== undefined && deployment.environment !== input.environment) return undefined;
  const url = urlOf(status);
  if (!url) return undefined;
  return { url, source: "deployment_status event", ...(deployment.id !== undefined ? { deploymentId: deployment.id } : {}) };
}

type Lookup = { found: CandidateUrl } | { waiting: boolean; count: number };

/** One pass over the commit's deployments, newest first. */
async function lookUp(octokit: GitHubClient, input: FindCandidateUrlInput): Promise<Lookup> {
  const { owner, repo, sha, environment } = input;
  const deployments = await octokit.rest.repos.listDeployments({ owner, repo, sha, ...(environment ? { environment } : {}), per_page: 100 });
  let waiting = false;
  for (const deployment of deployments.data) {
    const statuses = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: deployment.id, per_page: 1 });
    const newest = statuses.data[0];
    if (!newest || WAITING_STATES.has(newest.state)) waiting = true;
    const url = newest?.state === "success" ? urlOf(newest) : undefined;
    if (url) return { found: { url, source: "deployments API", deploymentId: deployment.id } };
  }
  return { waiting, count: deployments.data.length };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The URL of the commit's successful deployment: from the triggering `deployment_status` event,
 * else from the Deployments API, waiting up to `timeoutMs` while a deployment is not there yet or
 * still running. Undefined when time runs out, or when every deployment of the commit ended
 * without success.
 */
export async function findCandidateUrl(octokit: GitHubClient, input: FindCandidateUrlInput): Promise<CandidateUrl | undefined> {
  const fromPayload = fromEvent(input);
  if (fromPayload) return fromPayload;
  const deadline = Date.now() + input.timeoutMs;
  const where = `${input.sha.slice(0, 7)}${input.environment ? ` in ${input.environment}` : ""}`;
  for (;;) {
    const lookup = await lookUp(octokit, input);
    if ("found" in lookup) return lookup.found;
    if (lookup.count === 0 && input.waitForNewDeployment === false) {
      input.log?.info(`No deployment of ${where}.`);
      return undefined;
    }
    if (lookup.count > 0 && !lookup.waiting) {
      input.log?.warning(`No successful deployment of ${where}: every deployment of it ended without success.`);
      return undefined;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      input.log?.warning(`No successful deployment of ${where} after waiting ${Math.round(input.timeoutMs / 1000)} s.`);
      return undefined;
    }
    input.log?.info(lookup.count === 0 ? `Waiting for a deployment of ${where}…` : `Waiting for the deployment of ${where} to finish…`);
    await delay(Math.min(input.pollMs, remaining));
  }
}
