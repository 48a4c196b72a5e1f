import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { Target } from "../../../src/engine/targets/target.js";
import { startTarget } from "../../helpers/target-server.js";
import type { TargetServer, TargetServerOptions } from "../../helpers/target-server.js";
import { context, ITEM, targetFrom } from "./target-fixtures.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function serverAndTarget(
  serverOptions: TargetServerOptions,
  config: Record<string, unknown> = {},
  retries = 3,
): Promise<{ server: TargetServer; target: Target }> {
  const server = await startTarget(serverOptions);
  open.push(server);
  const target = targetFrom({ type: "http", url: server.url, ...config }, { retries });
  open.push({ close: () => target.close!() });
  return { server, target };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A port nothing listens on: a server's, after it closed. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("http target retries", () => {
  it("a 400 is final at once and quotes the body", async () => {
    const { server, target } = await serverAndTarget({
      respond: () => ({ status: 400, json: { error: "input.question is required" } }),
    });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe('HTTP 400: {"error":"input.question is required"}');
    expect(result.attempts).toBe(1);
    expect(server.requests).toBe(1);
  });

  it("429 and 503 are retried and the attempts counted", async () => {
    const { server, target } = await serverAndTarget({
      respond: (body, index) =>
        index === 0 ? { status: 429 } : index === 1 ? { status: 503, raw: "" } : { json: { output: "ok" } },
    });
    const result = await target.call(ITEM, context());
    expect(result).toMatchObject({ output: "ok", attempts: 3 });
    expect(result.error).toBeUndefined();
    expect(server.requests).toBe(3);
  });

  it("a target that keeps failing gives an error after retries + 1 attempts", async () => {
    const { server, target } = await serverAndTarget({ failRate: 1, failStatuses: [503] }, {}, 2);
    const result = await target.call(ITEM, context());
    expect(result.error).toBe('HTTP 503: {"error":"injected failure 503"} (3 attempts)');
    expect(result.attempts).toBe(3);
    expect(server.requests).toBe(3);
  });

  it("408 is retried; 404 is not", async () => {
    const { server, target } = await serverAndTarget({
      respond: (body, index) => (index === 0 ? { status: 408 } : { status: 404, raw: "no such route" }),
    });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("HTTP 404: no such route (2 attempts)");
    expect(server.requests).toBe(2);
  });

  it("Retry-After is honoured over the (tiny) backoff", async () => {
    const arrivals: number[] = [];
    const { target } = await serverAndTarget({
      respond: (body, index) => {
        arrivals.push(performance.now());
        return index === 0 ? { status: 429, headers: { "retry-after": "1" } } : {};
      },
    });
    const result = await target.call(ITEM, context());
    expect(result.attempts).toBe(2);
    // The test backoff waits at most 10 ms; only Retry-After explains a wait near a second.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
  });

  it("a target that never answers times out on each attempt", async () => {
    const { server, target } = await serverAndTarget({ never: true }, { timeout: "200ms" }, 1);
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("timed out after 200 ms (2 attempts)");
    expect(result.attempts).toBe(2);
    expect(server.requests).toBe(2);
    expect(result.latency_ms).toBeGreaterThanOrEqual(190);
  });

  it("a refused connection is an error naming the address", async () => {
    const port = await closedPort();
    const target = targetFrom({ type: "http", url: `http://127.0.0.1:${port}` }, { retries: 0 });
    open.push({ close: () => target.close!() });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(result.attempts).toBe(1);
  });
});

describe("http target cancellation", () => {
  it("aborting mid-request rejects with an AbortError at once and drops the request", async () => {
    const { server, target } = await serverAndTarget({ never: true }, { timeout: "30s" });
    const controller = new AbortController();
    const call = target.call(ITEM, context({ signal: controller.signal }));
    await until(() => server.requests === 1);
    const started = performance.now();
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    // Not at once would mean at the 30 s timeout; 5 s leaves a loaded machine room.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(server.requests).toBe(1);
  });

  it("aborting during a backoff wait rejects without another attempt", async () => {
    const { server, target } = await serverAndTarget({
      respond: () => ({ status: 503, headers: { "retry-after": "30" } }),
    });
    const controller = new AbortController();
    const call = target.call(ITEM, context({ signal: controller.signal }));
    await until(() => server.requests === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toBe(1);
  });

  it("a call with an already aborted signal sends nothing", async () => {
    const { server, target } = await serverAndTarget({});
    const controller = new AbortController();
    controller.abort();
    await expect(target.call(ITEM, context({ signal: controller.signal }))).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(server.requests).toBe(0);
  });
});
