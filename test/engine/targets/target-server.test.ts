import { afterEach, describe, expect, it } from "vitest";
import { startTarget, startTargetProcess } from "../../helpers/target-server.js";
import { context, ITEM, targetFrom } from "./target-fixtures.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function post(url: string, body: unknown): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(url, { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe("the shared target server", () => {
  it("echoes the input with usage by default and keeps the bodies", async () => {
    const server = await startTarget();
    open.push(server);
    const answer = await post(server.url, { input: { question: "hi" } });
    expect(answer).toMatchObject({ status: 200, json: { output: { question: "hi" }, usage: { total_tokens: 15 } } });
    expect(server.bodies).toEqual([{ input: { question: "hi" } }]);
  });

  it("fails exactly ⌊n·failRate⌋ of n requests, cycling through failStatuses with Retry-After", async () => {
    const server = await startTarget({ failRate: 0.1, failStatuses: [429, 503], retryAfterSeconds: 0 });
    open.push(server);
    const answers = [];
    for (let index = 0; index < 40; index += 1) answers.push(await post(server.url, { input: index }));
    const failed = answers.filter((answer) => answer.status !== 200);
    expect(failed.map((answer) => answer.status)).toEqual([429, 503, 429, 503]);
    expect(failed.every((answer) => answer.headers.get("retry-after") === "0")).toBe(true);
  });

  it("runs in a child process that answers the target and counts requests", async () => {
    const server = await startTargetProcess({ latencyMs: 1 });
    open.push(server);
    const target = targetFrom({ type: "http", url: server.url });
    open.push({ close: () => target.close!() });
    const results = await Promise.all([1, 2, 3].map(() => target.call(ITEM, context())));
    expect(results.map((result) => result.output)).toEqual([ITEM.input, ITEM.input, ITEM.input]);
    expect(await server.requestCount()).toBe(3);
  });
});
