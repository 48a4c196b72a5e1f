import { getPath } from "../../core/json-path.js";
import { normalizeUsage } from "../../core/normalize-usage.js";
import type { ChatApi, ChatReply } from "./chat-api.js";

/**
 * OpenAI-compatible `POST {base_url}/chat/completions`. `response_format: json_object` makes the
 * model answer JSON where the server supports it (OpenAI, vLLM, Ollama, LiteLLM); the reply is
 * parsed leniently anyway, for servers that ignore it.
 */
export const openaiChatApi: ChatApi = {
  path: "/chat/completions",
  headers: (apiKey): Record<string, string> => (apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  body: (request) => ({
    model: request.model,
    temperature: request.temperature,
    messages: [
      { role: "system", content: request.system },
      { role: "user", content: request.user },
    ],
    response_format: { type: "json_object" },
  }),
  readReply(response) {
    const text = getPath(response, "choices.0.message.content");
    if (typeof text !== "string") return undefined;
    const reply: ChatReply = { text };
    const usage = normalizeUsage(getPath(response, "usage"));
    if (usage) reply.usage = usage;
    const cost = reportedCost(getPath(response, "cost")) ?? reportedCost(getPath(response, "usage.cost"));
    if (cost !== undefined) reply.cost = cost;
    return reply;
  },
};

/** A cost the response reports (OpenRouter and LiteLLM send one), if it is a usable number. */
function reportedCost(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}
