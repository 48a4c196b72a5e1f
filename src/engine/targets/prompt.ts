import type { PromptTargetConfig } from "../../core/config/schema.js";
import type { Item } from "../../core/model/item.js";
import type { TargetResult } from "../../core/model/run-item.js";
import { retryPolicy } from "../../core/retry.js";
import { callForAnswer } from "./call-for-answer.js";
import { chatRequestBody, compileChatRequest } from "./chat-request.js";
import { requestHeaders } from "./http.js";
import { endpointOf, HttpTransport } from "./http-transport.js";
import type { ResponseMapping } from "./response-mapping.js";
import type { TargetOptions } from "./target-options.js";
import { assertKnownPlaceholders, describeUrl, parseTargetUrl } from "./target-options.js";
import type { CallContext, Target } from "./target.js";

export { PROMPT_STEP } from "./chat-request.js";

const CHAT_COMPLETION: ResponseMapping = {
  output: "choices.0.message.content",
  tool_calls: "choices.0.message.tool_calls",
  usage: "usage",
  cost: "cost",
};

/**
 * A prompt run against an OpenAI-compatible `POST {base_url}/chat/completions`: inline (`prompt`
 * and `system`) or from a prompt file that prepareExperiment has read (`options.promptFile`).
 * The request is built by chat-request.ts. The result names the model the request asked for, not
 * the response's (OpenAI answers with a dated snapshot name), so the price table finds it.
 */
export function createPromptTarget(config: PromptTargetConfig, options: TargetOptions): Target {
  const baseUrl = parseTargetUrl(config.base_url, `${options.path}.base_url`);
  if (config.prompt !== undefined) assertKnownPlaceholders(config.prompt, `${options.path}.prompt`);
  if (config.prompt_file !== undefined && options.promptFile === undefined) {
    throw new Error(`${options.path}.prompt_file: the prompt file was not read before the target was built`);
  }
  const chatRequest = compileChatRequest(config, options.promptFile?.prompt, options.path);
  const url = new URL(`${baseUrl.href.replace(/\/+$/, "")}/chat/completions`);
  const endpoint = endpointOf(url);
  const transport = new HttpTransport(options.concurrency);
  const policy = retryPolicy(options.retries, options.backoff);
  const auth: Record<string, string> = config.api_key ? { authorization: `Bearer ${config.api_key}` } : {};
  const headers = requestHeaders(auth);
  const promptFile = options.promptFile ? `, ${options.promptFile.file}` : "";

  return {
    description: `${describeUrl(url)} (${String(chatRequest.settings.model)}${promptFile})`,
    async call(item: Item, context: CallContext): Promise<TargetResult> {
      const body = chatRequestBody(chatRequest, item, context);
      const request = { endpoint, method: "POST", headers, body: JSON.stringify(body), timeoutMs: config.timeout, signal: context.signal };
      const result = await callForAnswer(transport, request, policy, CHAT_COMPLETION);
      return typeof body.model === "string" ? { ...result, model: body.model } : result;
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
