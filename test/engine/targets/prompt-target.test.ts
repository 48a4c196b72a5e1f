import { afterEach, describe, expect, it } from "vitest";
import type { ReceivedRequest, TargetResponse } from "../../helpers/target-server.js";
import { startTarget } from "../../helpers/target-server.js";
import type { Target } from "../../../src/engine/targets/target.js";
import { context, ITEM, targetFrom } from "./target-fixtures.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

interface ChatCall {
  request: ReceivedRequest;
  body: unknown;
}

/** A fake OpenAI-compatible API on loopback that answers every chat completion with `reply`. */
async function fakeChatApi(reply: (index: number) => TargetResponse) {
  const calls: ChatCall[] = [];
  const server = await startTarget({
    respond: (body, index, request) => (calls.push({ request, body }), reply(index)),
  });
  open.push(server);
  return { baseUrl: `${server.url}/v1`, calls, server };
}

function promptTarget(config: Record<string, unknown>): Target {
  const target = targetFrom({ type: "prompt", model: "gpt-4o-mini", prompt: "Answer: {{input.question}}", ...config });
  open.push({ close: () => target.close!() });
  return target;
}

const COMPLETION = {
  json: {
    id: "chatcmpl-1",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: "It has shipped.",
          tool_calls: [{ id: "call_1", type: "function", function: { name: "search_orders", arguments: '{"order":42}' } }],
        },
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: 31, completion_tokens: 6, total_tokens: 37 },
  },
};

describe("prompt target", () => {
  it("posts a chat completion with system and rendered user message and the bearer key", async () => {
    const api = await fakeChatApi(() => COMPLETION);
    const target = promptTarget({
      base_url: api.baseUrl,
      api_key: "sk-test",
      system: "You are a support agent.",
      temperature: 0.2,
      max_tokens: 100,
    });
    await target.call(ITEM, context());
    expect(api.calls[0]!.request).toMatchObject({
      method: "POST",
      url: "/v1/chat/completions",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
    });
    expect(api.calls[0]!.body).toEqual({
      model: "gpt-4o-mini",
      temperature: 0.2,
      max_tokens: 100,
      messages: [
        { role: "system", content: "You are a support agent." },
        { role: "user", content: "Answer: Where is order 42?" },
      ],
    });
  });

  it("maps the message content, tool calls and usage of the completion", async () => {
    const api = await fakeChatApi(() => COMPLETION);
    const result = await promptTarget({ base_url: api.baseUrl }).call(ITEM, context());
    expect(result).toMatchObject({
      output: "It has shipped.",
      tool_calls: [{ name: "search_orders", arguments: { order: 42 } }],
      usage: { input_tokens: 31, output_tokens: 6, total_tokens: 37 },
      attempts: 1,
    });
    expect(result.error).toBeUndefined();
  });

  it("reads the completion's usage with the same rule as every target, cached prompt tokens apart", async () => {
    const usage = { prompt_tokens: 2006, completion_tokens: 300, total_tokens: 2306, prompt_tokens_details: { cached_tokens: 1920 } };
    const api = await fakeChatApi(() => ({ json: { ...COMPLETION.json, usage } }));
    const result = await promptTarget({ base_url: api.baseUrl }).call(ITEM, context());
    expect(result.usage).toEqual({ input_tokens: 2006, output_tokens: 300, total_tokens: 2306, cached_input_tokens: 1920 });
  });

  it("sends no authorization header without api_key and no system message without system", async () => {
    const api = await fakeChatApi(() => COMPLETION);
    await promptTarget({ base_url: `${api.baseUrl}/` }).call(ITEM, context());
    expect(api.calls[0]!.request.url).toBe("/v1/chat/completions");
    expect(api.calls[0]!.request.headers.authorization).toBeUndefined();
    expect(api.calls[0]!.body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Answer: Where is order 42?" }],
    });
  });

  it("applies the run's overrides for the \"prompt\" step to the request", async () => {
    const api = await fakeChatApi(() => COMPLETION);
    const target = promptTarget({ base_url: api.baseUrl, temperature: 0.2 });
    await target.call(
      ITEM,
      context({ overrides: { prompt: { temperature: 0.9, model: "gpt-4o", top_p: 0.5 }, planner: { temperature: 0 } } }),
    );
    expect(api.calls[0]!.body).toMatchObject({ model: "gpt-4o", temperature: 0.9, top_p: 0.5 });
  });

  it("retries a rate-limited call like the http target", async () => {
    const api = await fakeChatApi((index) =>
      index === 0 ? { status: 429, headers: { "retry-after": "0" }, json: { error: { message: "rate limited" } } } : COMPLETION,
    );
    const result = await promptTarget({ base_url: api.baseUrl }).call(ITEM, context());
    expect(result).toMatchObject({ output: "It has shipped.", attempts: 2 });
    expect(api.server.requests).toBe(2);
  });

  it("an unknown placeholder in the prompt is refused with its field", () => {
    expect(() => promptTarget({ prompt: "Answer {{question}}" })).toThrow(
      "experiments.orders.target.prompt: unknown placeholder {{question}}",
    );
  });
});
