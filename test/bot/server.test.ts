import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commentEvent, OWNER, REPO, startWorld, type Bot } from "./bot-harness.js";

describe("the bot's server", () => {
  let bot: Bot;
  let event: Record<string, unknown>;

  beforeEach(async () => {
    ({ bot } = await startWorld());
    const number = bot.fake.addPullRequest({ owner: OWNER, repo: REPO, head: "feature" }).number;
    const comment = bot.fake.addComment({ owner: OWNER, repo: REPO, issueNumber: number, body: "/eval run", user: "writer" });
    event = commentEvent({ comment, pullRequest: number });
  });
  afterEach(async () => {
    await bot.close();
    await bot.fake.close();
  });

  it("answers 401 to a webhook signed with another secret, and calls GitHub not once", async () => {
    expect(await bot.deliver(event, { secret: "not-the-secret" })).toBe(401);
    expect(bot.fake.requests).toEqual([]);
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toEqual([]);
  });

  it("answers 401 to a webhook without a signature", async () => {
    expect(await bot.deliver(event, { secret: null })).toBe(401);
    expect(bot.fake.requests).toEqual([]);
  });

  it("answers 401 when the body was changed after signing", async () => {
    const { sign } = await import("@octokit/webhooks-methods");
    const signature = await sign("webhook-secret-for-tests", JSON.stringify(event));
    const tampered = JSON.stringify({ ...event, action: "created", extra: 1 });
    const response = await fetch(`${bot.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": "d-1", "x-hub-signature-256": signature },
      body: tampered,
    });
    expect(response.status).toBe(401);
    expect(bot.fake.requests).toEqual([]);
  });

  it("a correctly signed webhook is handed to Probot and acted on", async () => {
    expect(await bot.deliver(event)).toBe(200);
    expect(bot.fake.repo(OWNER, REPO).workflowDispatches).toHaveLength(1);
  });

  it("GET /healthz answers 200 {ok: true}; other paths 404", async () => {
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`${bot.url}/nothing-here`)).status).toBe(404);
  });
});

describe("npm run bot", () => {
  it("refuses to start without WEBHOOK_SECRET, naming it", async () => {
    const env = { PATH: process.env.PATH ?? "", APP_ID: "1", PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nx\\n-----END RSA PRIVATE KEY-----", PORT: "0" };
    const child = spawn(process.execPath, ["--import", "tsx", "src/bot/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("WEBHOOK_SECRET");
  });
});
