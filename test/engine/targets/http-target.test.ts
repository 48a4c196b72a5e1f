import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
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
): Promise<{ server: TargetServer; target: Target }> {
  const server = await startTarget(serverOptions);
  open.push(server);
  const target = targetFrom({ type: "http", url: `${server.url}/api/agent`, ...config });
  open.push({ close: () => target.close!() });
  return { server, target };
}

describe("http target request", () => {
  it("posts the default body with input, item_id, run_id and experiment", async () => {
    const { server, target } = await serverAndTarget({});
    await target.call(ITEM, context());
    expect(server.bodies).toEqual([
      { input: { question: "Where is order 42?" }, item_id: "item-1", run_id: "run-1", experiment: { name: "orders" } },
    ]);
  });

  it("adds the variant and overrides to the experiment field when the run has them", async () => {
    const { server, target } = await serverAndTarget({});
    await target.call(ITEM, context({ variant: "cheap", overrides: { planner: { temperature: 0.3 } } }));
    expect(server.bodies[0]).toMatchObject({
      experiment: { name: "orders", variant: "cheap", overrides: { planner: { temperature: 0.3 } } },
    });
  });

  it("sends JSON headers and the configured headers to the configured path and method", async () => {
    const seen: { method: string; url: string; headers: Record<string, unknown> }[] = [];
    const { target } = await serverAndTarget(
      { respond: (_body, _index, request) => (seen.push(request), {}) },
      { method: "PUT", headers: { Authorization: "Bearer s3cret" } },
    );
    await target.call(ITEM, context());
    expect(seen[0]).toMatchObject({
      method: "PUT",
      url: "/api/agent",
      headers: { authorization: "Bearer s3cret", "content-type": "application/json", accept: "application/json" },
    });
  });

  it("renders a body template: whole-string placeholders become JSON values, inline ones text", async () => {
    const { server, target } = await serverAndTarget(
      {},
      {
        body: {
          query: "{{input.question}}",
          whole: "{{input}}",
          expected: "{{ expected }}",
          lang: "{{metadata.lang}}",
          trace: "item {{item_id}} of {{run_id}}: {{input}}",
          experiment: "{{experiment}}",
          fixed: [1, true, null],
        },
      },
    );
    await target.call(ITEM, context());
    expect(server.bodies[0]).toEqual({
      query: "Where is order 42?",
      whole: { question: "Where is order 42?" },
      expected: { answer: "shipped" },
      lang: "en",
      trace: 'item item-1 of run-1: {"question":"Where is order 42?"}',
      experiment: { name: "orders" },
      fixed: [1, true, null],
    });
  });

  it("a placeholder for a field the item lacks drops the key, or renders empty inside text", async () => {
    const { server, target } = await serverAndTarget({}, { body: { expected: "{{expected}}", note: "[{{metadata.lang}}]" } });
    await target.call({ id: "item-2", input: "hi" }, context());
    expect(server.bodies[0]).toEqual({ note: "[]" });
  });

  it("a body template with an unknown placeholder is refused with its field path", () => {
    expect(() =>
      targetFrom({ type: "http", url: "http://127.0.0.1:9", body: { messages: [{ content: "{{inputs.q}}" }] } }),
    ).toThrow(/experiments\.orders\.target\.body\.messages\[0\]\.content: unknown placeholder \{\{inputs\.q\}\}/);
  });

  it("a URL without a scheme is a UserError that says to write http://", () => {
    const build = () => targetFrom({ type: "http", url: "localhost:3000" });
    expect(build).toThrow(UserError);
    expect(build).toThrow('experiments.orders.target.url: "localhost:3000" is not a URL (write http://');
  });

  it("the description shows the URL without credentials or query string", () => {
    const target = targetFrom({ type: "http", url: "https://user:pw@agent.example.com/api?key=secret" });
    expect(target.description).toBe("https://agent.example.com/api");
  });
});

describe("http target response", () => {
  it("reads output, tool calls, usage and cost from the configured paths", async () => {
    const { target } = await serverAndTarget(
      {
        respond: () => ({
          json: {
            data: { answer: "shipped" },
            calls: [{ name: "search_orders", arguments: { id: 42 } }],
            meta: { usage: { input_tokens: 12, output_tokens: 3, total_tokens: 15 }, cost: 0.0021 },
          },
        }),
      },
      { output: "data.answer", tool_calls: "calls", usage: "meta.usage", cost: "meta.cost" },
    );
    const result = await target.call(ITEM, context());
    expect(result).toMatchObject({
      output: "shipped",
      tool_calls: [{ name: "search_orders", arguments: { id: 42 } }],
      usage: { input_tokens: 12, output_tokens: 3, total_tokens: 15 },
      cost: 0.0021,
      attempts: 1,
    });
    expect(result.error).toBeUndefined();
    expect(result.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("normalizes OpenAI-shaped tool calls and usage", async () => {
    const { target } = await serverAndTarget({
      respond: () => ({
        json: {
          output: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "search_orders", arguments: '{"id":42}' } },
          ],
          usage: { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27 },
        },
      }),
    });
    const result = await target.call(ITEM, context());
    expect(result.tool_calls).toEqual([{ name: "search_orders", arguments: { id: 42 } }]);
    expect(result.usage).toEqual({ input_tokens: 20, output_tokens: 7, total_tokens: 27 });
  });

  it("counts Anthropic's cache reads as input: 5,010 in, 20 out, 5,030 total, 5,000 cached", async () => {
    const { target } = await serverAndTarget({
      respond: () => ({
        json: {
          output: "It has shipped.",
          usage: { input_tokens: 10, cache_read_input_tokens: 5000, cache_creation_input_tokens: 0, output_tokens: 20 },
        },
      }),
    });
    const result = await target.call(ITEM, context());
    expect(result.usage).toEqual({
      input_tokens: 5010,
      output_tokens: 20,
      total_tokens: 5030,
      cached_input_tokens: 5000,
      cache_creation_input_tokens: 0,
    });
  });

  it("keeps OpenAI's cached prompt tokens apart, already counted in the input", async () => {
    const { target } = await serverAndTarget({
      respond: () => ({
        json: {
          output: "It has shipped.",
          usage: { prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } },
        },
      }),
    });
    const result = await target.call(ITEM, context());
    expect(result.usage).toEqual({ input_tokens: 2006, output_tokens: 300, total_tokens: 2306, cached_input_tokens: 1920 });
  });

  it("a 2xx answer without the output path is an error naming the path and quoting the response", async () => {
    const { target } = await serverAndTarget({ respond: () => ({ json: { answer: "elsewhere" } }) });
    const result = await target.call(ITEM, context());
    expect(result.output).toBeUndefined();
    expect(result.error).toBe('the target answered with no output at "output"; the response was {"answer":"elsewhere"}');
  });

  it("a 2xx answer with tool calls and a null output is an answer", async () => {
    const { target } = await serverAndTarget({
      respond: () => ({ json: { output: null, tool_calls: [{ name: "search_orders", arguments: { id: 1 } }] } }),
    });
    const result = await target.call(ITEM, context());
    expect(result.error).toBeUndefined();
    expect(result.tool_calls).toEqual([{ name: "search_orders", arguments: { id: 1 } }]);
  });

  it("a 2xx answer that is not JSON is an error quoting its start, without retry", async () => {
    const { server, target } = await serverAndTarget({ respond: () => ({ raw: "<html>Bad gateway page</html>" }) });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("response is not JSON: <html>Bad gateway page</html>");
    expect(result.attempts).toBe(1);
    expect(server.requests).toBe(1);
  });

  it("a 2xx answer nested deeper than 128 levels is an error, without retry", async () => {
    const deep = `{"output": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const { server, target } = await serverAndTarget({ respond: () => ({ raw: deep }) });
    const result = await target.call(ITEM, context());
    expect(result.error).toBe("the response nests deeper than 128 levels");
    expect(result.attempts).toBe(1);
    expect(server.requests).toBe(1);
  });

  it("tool call arguments whose JSON text nests deeper than 128 levels stay text", async () => {
    const deepText = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    const { target } = await serverAndTarget({
      respond: () => ({ json: { output: "ok", tool_calls: [{ name: "search", arguments: deepText }, { name: "get", arguments: '{"id":1}' }] } }),
    });
    const result = await target.call(ITEM, context());
    expect(result.error).toBeUndefined();
    expect(result.tool_calls).toEqual([{ name: "search", arguments: deepText }, { name: "get", arguments: { id: 1 } }]);
  });
});
