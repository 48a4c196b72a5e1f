import type { PromptTargetConfig } from "../../core/config/schema.js";
import type { Item } from "../../core/model/item.js";
import type { TargetResult } from "../../core/model/run-item.js";
import { compileText } from "../../core/template.js";
import { retryPolicy } from "../../core/retry.js";
import { callForAnswer } from "./call-for-answer.js";
import { requestHeaders, templateValues } from "./http.js";
import { endpointOf, HttpTransport } from "./http-transport.js";
import type { ResponseMapping } from "./response-mapping.js";
import type { TargetOptions } from "./target-options.js";
import { assertKnownPlaceholders, describeUrl, parseTargetUrl } from "./target-options.js";
import type { CallContext, Target } from "./target.js";

/** The inference step a prompt target is: overrides under this key apply to its request. */
export const PROMPT_STEP = "prompt";

const CHAT_COMPLETION: ResponseMapping = {
  output: "choices.0.message.content",
  tool_calls: "choices.0.message.tool_calls",
  usage: "usage",
  cost: "cost",
};

/**
 * A prompt run against an OpenAI-compatible `POST {base_url}/chat/completions`. The run's
 * overrides under "prompt" (`{"prompt": {"temperature": 0.3, "model": "…"}}`) are merged into
 * the request body over the config's model, temperature and max_tokens; any other field they
 * carry (top_p, seed, …) is sent as well. They cannot replace `messages`.
 */
export function createPromptTarget(config: PromptTargetConfig, options: TargetOptions): Target {
  const baseUrl = parseTargetUrl(config.base_url, `${options.path}.base_url`);
  assertKnownPlaceholders(config.prompt, `${options.path}.prompt`);
  const url = new URL(`${baseUrl.href.replace(/\/+$/, "")}/chat/completions`);
  const endpoint = endpointOf(url);
  const transport = new HttpTransport(options.concurrency);
  const policy = retryPolicy(options.retries, options.backoff);
  const auth: Record<string, string> = config.api_key ? { authorization: `Bearer ${config.api_key}` } : {};
  const headers = requestHeaders(auth);
  const renderPrompt = compileText(config.prompt);
  const settings: Record<string, unknown> = { model: config.model };
  if (config.temperature !== undefined) settings.temperature = config.temperature;
  if (config.max_tokens !== undefined) settings.max_tokens = config.max_tokens;

  const messagesFor = (item: Item, context: CallContext) => {
    const user = { role: "user", content: renderPrompt(templateValues(item, context)) };
    return config.system === undefined ? [user] : [{ role: "system", content: config.system }, user];
  };

  return {
    description: `${describeUrl(url)} (${config.model})`,
    async call(item: Item, context: CallContext): Promise<TargetResult> {
      const override = context.overrides?.[PROMPT_STEP];
      const body = JSON.stringify({ ...settings, ...override, messages: messagesFor(item, context) });
      const request = { endpoint, method: "POST", headers, body, timeoutMs: config.timeout, signal: context.signal };
      return callForAnswer(transport, request, policy, CHAT_COMPLETION);
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
