import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, expect, it } from "vitest";
import type { RunItem } from "../../src/core/model/run-item.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { openPostgresStore } from "../../src/store/postgres/index.js";
import { checkRequestsAgainstOpenApi, loadOpenApiOperations } from "../helpers/openapi-check.js";
import { describeWithPostgres, freshDatabase, type FreshDatabase } from "../helpers/postgres.js";
import { makeRun, makeRunItem } from "../store/fixtures/make-run.js";
import { OWNER, REPO, startWorld, type Bot } from "./bot-harness.js";

const RUN_ID = "run-20261125-120301-7f3a";
const DATASET_PATH = "evals/regressions/support-agent-quality-regressions.jsonl";
const PASSWORD = "s3cret-pw";

/**
 * Publishes a finished candidate run to the PostgreSQL store the way the Action does with
 * store-url: run in an embedded store, then publishFrom into the store opened for `repository`.
 */
async function seedCandidateRun(
  storeUrl: string,
  input: { repository: string; runId: string; pullRequest: number; headSha: string; statuses: Array<RunItem["status"]> },
): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-bot-seed-"));
  const embedded = await openEmbeddedStore(dir);
  const store = await openPostgresStore(storeUrl, { repository: input.repository });
  try {
    const run = makeRun({ id: input.runId, role: "candidate", pull_request: input.pullRequest, git_commit: input.headSha, item_count: input.statuses.length });
    await embedded.createRun(run);
    for (const [index, status] of input.statuses.entries()) await embedded.putRunItem(makeRunItem(run.id, `item-${String(index).padStart(4, "0")}`, { status }));
    await embedded.endRun(run.id, { status: "failed", ended_at: "2026-11-25T12:05:00.000Z", verdict: "fail" });
    await store.publishFrom(embedded, run.id);
  } finally {
    await store.close();
    await embedded.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function linesOf(text: string | undefined): Array<{ id: string }> {
  return (text ?? "").trimEnd().split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as { id: string });
}

let bot: Bot | undefined;
let database: FreshDatabase | undefined;
beforeAll(() => loadOpenApiOperations(), 60_000);
afterEach(async () => {
  if (bot) {
    await bot.close();
    await bot.fake.close();
    expect(bot.fake.unmatchedRequests()).toEqual([]);
    expect(checkRequestsAgainstOpenApi(bot.fake.requests)).toEqual([]);
  }
  bot = undefined;
  await database?.drop();
  database = undefined;
});

describeWithPostgres("/eval regression with EVALGATE_STORE_URL", () => {
  it("reads the pull request's candidate run from PostgreSQL (this repository's only) and commits its failed items", async () => {
    database = await freshDatabase();
    const storeUrl = (() => {
      const url = new URL(database.url);
      url.password = PASSWORD;
      return url.toString();
    })();
    ({ bot } = await startWorld({ storeUrl }));
    const pull = bot.fake.addPullRequest({ owner: OWNER, repo: REPO, head: "feature/order-lookup", files: { "prompts/agent.txt": "Be brief.\n" } });
    // item-0001 failed and item-0003 errored here; another repository's run of a pull request with the same number and commit failed item-0000.
    await seedCandidateRun(storeUrl, { repository: `${OWNER}/${REPO}`, runId: RUN_ID, pullRequest: pull.number, headSha: pull.headSha, statuses: ["passed", "failed", "passed", "error"] });
    await seedCandidateRun(storeUrl, { repository: `${OWNER}/other`, runId: "run-20261125-130000-0000", pullRequest: pull.number, headSha: pull.headSha, statuses: ["failed", "passed", "passed", "passed"] });

    const { status, comment } = await bot.comment("/eval regression", { pullRequest: pull.number });
    expect(status).toBe(200);
    const items = linesOf(bot.fake.readFile(OWNER, REPO, "feature/order-lookup", DATASET_PATH)?.toString("utf8"));
    expect(items.map((item) => item.id)).toEqual(["item-0001", "item-0003"]);
    expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "rocket"]);
    expect(bot.botReplies(pull.number)[0]?.body).toContain("2 items (`item-0001`, `item-0003`)");
    // Nothing was read from (or written to) a results branch.
    expect(bot.fake.repo(OWNER, REPO).refs.get("refs/heads/evalgate-results")).toBeUndefined();
    expect(bot.fake.requests.some((request) => request.path.includes("evalgate-results"))).toBe(false);
  });
});

it("/eval regression with an unreachable EVALGATE_STORE_URL replies without naming the server or the password", async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  ({ bot } = await startWorld({ storeUrl: `postgres://evalgate:${PASSWORD}@127.0.0.1:${port}/evals` }));
  const pull = bot.fake.addPullRequest({ owner: OWNER, repo: REPO, head: "feature/unreachable" });
  const { comment } = await bot.comment("/eval regression", { pullRequest: pull.number });
  const reply = bot.botReplies(pull.number)[0]?.body ?? "";
  expect(reply).toContain("evalgate could not read this pull request's runs from its PostgreSQL store");
  expect(reply).not.toContain(PASSWORD);
  expect(reply).not.toContain("127.0.0.1");
  expect(bot.reactionsOn(comment.id)).toEqual(["eyes", "confused"]);
  expect(bot.fake.repo(OWNER, REPO).refs.get("refs/heads/feature/unreachable")).toBe(pull.headSha);
});
