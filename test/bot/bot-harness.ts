import { generateKeyPairSync, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { sign } from "@octokit/webhooks-methods";
import { Octokit } from "@octokit/rest";
import { ProbotOctokit } from "probot";
import { createBotServer, type BotServerOptions } from "../../src/bot/server.js";
import type { RunItem } from "../../src/core/model/run-item.js";
import type { Run } from "../../src/core/model/run.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { publishRun, ResultsBranchStore } from "../../src/store/results-branch/index.js";
import { startFakeGitHub, type FakeGitHub, type IssueComment } from "../helpers/fake-github.js";
import { CONFIG } from "../helpers/shop-config.js";
import { makeRun, makeRunItem } from "../store/fixtures/make-run.js";

export const OWNER = "acme";
export const REPO = "shop";
export const SECRET = "webhook-secret-for-tests";
export const APP_LOGIN = "evalgate[bot]";
export const INSTALLATION_ID = 1;

export { CONFIG };

export const DATASET = ["item-0000", "item-0001", "item-0002", "item-0003", "item-0004"]
  .map((id) => JSON.stringify({ id, input: { question: `Where is my order ${id}?` } }))
  .join("\n");

export const REPO_FILES = { "README.md": "# shop\n", "evalgate.yml": CONFIG, "evals/support.jsonl": `${DATASET}\n` };

const examples = JSON.parse(
  readFileSync(new URL("../../node_modules/@octokit/webhooks-examples/api.github.com/index.json", import.meta.url), "utf8"),
) as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

function example(action: string): Record<string, unknown> {
  const found = examples.find((event) => event.name === "issue_comment")?.examples.find((candidate) => candidate.action === action);
  if (!found) throw new Error(`no issue_comment.${action} example`);
  return structuredClone(found);
}

export interface CommentEventInput {
  comment: IssueComment;
  pullRequest: number;
  action?: "created" | "edited";
  userType?: "User" | "Bot";
  onPullRequest?: boolean;
}

/** A real issue_comment payload from @octokit/webhooks-examples, moved onto our pull request and comment. */
export function commentEvent(input: CommentEventInput): Record<string, unknown> {
  const event = example(input.action ?? "created") as {
    issue: Record<string, unknown>;
    comment: Record<string, unknown> & { user: Record<string, unknown> };
    repository: Record<string, unknown> & { owner: Record<string, unknown> };
    [key: string]: unknown;
  };
  event.issue.number = input.pullRequest;
  if (input.onPullRequest ?? true) {
    event.issue.pull_request = {
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${input.pullRequest}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${input.pullRequest}`,
      diff_url: `https://github.com/${OWNER}/${REPO}/pull/${input.pullRequest}.diff`,
      patch_url: `https://github.com/${OWNER}/${REPO}/pull/${input.pullRequest}.patch`,
    };
  }
  event.comment.id = input.comment.id;
  event.comment.body = input.comment.body;
  event.comment.user.login = input.comment.user;
  event.comment.user.type = input.userType ?? "User";
  event.repository.name = REPO;
  event.repository.full_name = `${OWNER}/${REPO}`;
  event.repository.owner.login = OWNER;
  event.installation = { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
  return event;
}

export interface Bot {
  url: string;
  fake: FakeGitHub;
  /** POSTs a signed webhook; returns the HTTP status. */
  deliver(event: Record<string, unknown>, options?: { delivery?: string; secret?: string | null; name?: string }): Promise<number>;
  /** Writes a comment in the fake and delivers its `created` webhook. */
  comment(body: string, options?: { user?: string; pullRequest?: number; delivery?: string; userType?: "User" | "Bot" }): Promise<{ status: number; comment: IssueComment }>;
  /** Comments the bot (the installation's token) wrote on a pull request. */
  botReplies(pullRequest: number): IssueComment[];
  reactionsOn(commentId: number): string[];
  close(): Promise<void>;
}

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

/** The bot as users run it (createBotServer on 127.0.0.1), talking to the fake GitHub. Octokit's retries are off so requests can be counted. */
export async function startBot(fake: FakeGitHub, options: Pick<BotServerOptions, "storeUrl"> = {}): Promise<Bot> {
  const server: Server = await createBotServer({
    ...options,
    appId: 1,
    privateKey,
    webhookSecret: SECRET,
    baseUrl: fake.url,
    probot: {
      // A function: Probot merges its own throttle options over plain defaults, turning throttling back on.
      Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
        ...options,
        retry: { enabled: false },
        throttle: { ...(options.throttle as object | undefined), enabled: false },
      })),
      logLevel: "fatal",
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const deliver: Bot["deliver"] = async (event, options = {}) => {
    const body = JSON.stringify(event);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-github-event": options.name ?? "issue_comment",
      "x-github-delivery": options.delivery ?? randomUUID(),
    };
    if (options.secret !== null) headers["x-hub-signature-256"] = await sign(options.secret ?? SECRET, body);
    const response = await fetch(`${url}/api/github/webhooks`, { method: "POST", headers, body });
    await response.text();
    return response.status;
  };
  return {
    url,
    fake,
    deliver,
    async comment(body, options = {}) {
      const pullRequest = options.pullRequest ?? 1;
      const comment = fake.addComment({ owner: OWNER, repo: REPO, issueNumber: pullRequest, body, user: options.user ?? "writer" });
      const status = await deliver(commentEvent({ comment, pullRequest, ...(options.userType ? { userType: options.userType } : {}) }), {
        ...(options.delivery ? { delivery: options.delivery } : {}),
      });
      return { status, comment };
    },
    botReplies(pullRequest) {
      return [...fake.repo(OWNER, REPO).comments.values()].filter((comment) => comment.issueNumber === pullRequest && comment.user === APP_LOGIN);
    },
    reactionsOn(commentId) {
      return fake.repo(OWNER, REPO).reactions.filter((reaction) => reaction.commentId === commentId).map((reaction) => reaction.content);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export interface SeededRun {
  run: Run;
  items: RunItem[];
}

/**
 * Publishes a finished candidate run to the results branch the way the Action does: run in an
 * embedded store, then publishRun to a ResultsBranchStore.
 */
export async function seedCandidateRun(
  fake: FakeGitHub,
  input: { runId: string; pullRequest: number; headSha: string; statuses: Array<RunItem["status"]>; experiment?: string },
): Promise<SeededRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-bot-seed-"));
  try {
    const embedded = await openEmbeddedStore(path.join(dir, "embedded"));
    const run = makeRun({
      id: input.runId,
      role: "candidate",
      pull_request: input.pullRequest,
      git_commit: input.headSha,
      item_count: input.statuses.length,
      ...(input.experiment ? { experiment: input.experiment } : {}),
    });
    await embedded.createRun(run);
    const items = input.statuses.map((status, index) => makeRunItem(run.id, `item-${String(index).padStart(4, "0")}`, { status }));
    for (const item of items) await embedded.putRunItem(item);
    await embedded.endRun(run.id, { status: "failed", ended_at: "2026-11-25T12:05:00.000Z", verdict: "fail" });
    const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    const branchStore = new ResultsBranchStore({
      octokit: new Octokit({ auth: "seed-token", baseUrl: fake.url, log: quiet }),
      owner: OWNER,
      repo: REPO,
      stagingDir: path.join(dir, "staging"),
      retry: { baseDelayMs: 1, maxDelayMs: 20 },
    });
    await publishRun(embedded, run.id, branchStore);
    await branchStore.close();
    await embedded.close();
    return { run, items };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function startWorld(options: Pick<BotServerOptions, "storeUrl"> = {}): Promise<{ fake: FakeGitHub; bot: Bot }> {
  const fake = await startFakeGitHub({ appSlug: "evalgate" });
  fake.addRepo({ owner: OWNER, repo: REPO, files: REPO_FILES, installationId: INSTALLATION_ID });
  fake.setPermission("writer", "write");
  fake.setPermission("maintainer", "maintain");
  fake.setPermission("reader", "read");
  const bot = await startBot(fake, options);
  return { fake, bot };
}
