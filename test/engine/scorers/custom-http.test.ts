import { afterEach, describe, expect, it } from "vitest";
import { startTarget, type TargetResponse, type TargetServer } from "../../helpers/target-server.js";
import { configError, customScorer, scoreOne } from "./custom-scorer-fixtures.js";

let server: TargetServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function scorerServer(respond: (body: unknown, index: number) => TargetResponse): Promise<TargetServer> {
  server = await startTarget({ respond });
  return server;
}

const NO_PROJECT = "/nonexistent";

describe("http scorer", () => {
  it("POSTs the item and the output as JSON and reads the score, reason and evidence", async () => {
    const headers: unknown[] = [];
    server = await startTarget({
      respond: (body, _index, request) => {
        headers.push(request.headers.authorization);
        return { json: { score: 0.75, reason: "polite", evidence: { tone: "calm", body } } };
      },
    });
    const scorer = customScorer("http", { url: `${server.url}/score`, headers: { Authorization: "Bearer k" } }, NO_PROJECT);
    const score = await scoreOne(scorer);
    expect(score).toMatchObject({ score: 0.75, passed: true, evidence: { reason: "polite" } });
    expect(headers).toEqual(["Bearer k"]);
    expect((score.evidence.read as { body: unknown }).body).toEqual({
      input: { question: "Where is order 42?" },
      output: "Order 42 has shipped.",
      expected: "shipped",
      metadata: { lang: "en" },
      item_id: "item-1",
      tool_calls: [{ name: "search_orders", arguments: { id: 42 } }],
      latency_ms: 120,
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
      run_id: "run-1",
    });
    await scorer.fn.close?.();
  });

  it("fails an item below the threshold and names the scorer's URL without its query", async () => {
    await scorerServer(() => ({ json: { score: 0.3 } }));
    const scorer = customScorer("http", { url: `${server!.url}/score?key=secret`, threshold: 0.4 }, NO_PROJECT);
    const score = await scoreOne(scorer);
    expect(score).toMatchObject({ score: 0.3, passed: false });
    expect(score.evidence.reason).toBe(`http scorer ${server!.url}/score scored 0.3, below the threshold 0.4`);
    await scorer.fn.close?.();
  });

  it("records a non-2xx answer as the scorer's error, without retrying a 4xx", async () => {
    await scorerServer(() => ({ status: 400, json: { error: "unknown rubric" } }));
    const scorer = customScorer("http", { url: server!.url }, NO_PROJECT, 3);
    const score = await scoreOne(scorer);
    expect(score).toMatchObject({ score: 0, passed: false, error: 'HTTP 400: {"error":"unknown rubric"}' });
    expect(server!.requests).toBe(1);
    await scorer.fn.close?.();
  });

  it("retries 429 and 5xx, honouring Retry-After, then scores", async () => {
    await scorerServer((_body, index) =>
      index === 0 ? { status: 429, headers: { "retry-after": "0" }, json: {} } : index === 1 ? { status: 503, headers: { "retry-after": "0" } } : { json: { score: 1 } },
    );
    const scorer = customScorer("http", { url: server!.url }, NO_PROJECT, 3);
    const score = await scoreOne(scorer);
    expect(score).toMatchObject({ score: 1, passed: true });
    expect(server!.requests).toBe(3);
    await scorer.fn.close?.();
  });

  it("gives up after the retries with the last status and the attempts", async () => {
    await scorerServer(() => ({ status: 500, headers: { "retry-after": "0" }, raw: "boom" }));
    const scorer = customScorer("http", { url: server!.url }, NO_PROJECT, 1);
    expect((await scoreOne(scorer)).error).toBe("HTTP 500: boom (2 attempts)");
    await scorer.fn.close?.();
  });

  it("cuts a scorer that never answers at its timeout, and the next item is scored", async () => {
    await scorerServer((_body, index) => (index === 0 ? { hang: true } : { json: { score: 1 } }));
    const scorer = customScorer("http", { url: server!.url, timeout: "200ms" }, NO_PROJECT);
    expect((await scoreOne(scorer)).error).toBe("timed out after 200 ms");
    expect(await scoreOne(scorer)).toMatchObject({ score: 1, passed: true });
    await scorer.fn.close?.();
  });

  it("refuses an answer that is not JSON, or not a score", async () => {
    await scorerServer((_body, index) => (index === 0 ? { raw: "<html>oops</html>" } : { json: { score: 2, reason: "great" } }));
    const scorer = customScorer("http", { url: server!.url }, NO_PROJECT);
    expect((await scoreOne(scorer)).error).toBe("response is not JSON: <html>oops</html>");
    expect((await scoreOne(scorer)).error).toMatch(/^answered \{"score":2,"reason":"great"\}, which is not a score: score must be between 0 and 1$/);
    await scorer.fn.close?.();
  });

  it("refuses a config whose url is not http(s), naming the field and not quoting the URL", () => {
    const message = configError("http", { url: "localhost:3000/score?key=secret" }, NO_PROJECT);
    expect(message).toMatch(/^experiments\.orders\.scorers\[0\]\.config\.url: write the scorer's http:\/\/ or https:\/\/ URL/);
    expect(message).not.toContain("secret");
  });
});
