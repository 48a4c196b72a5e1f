import { getPath } from "../../core/json-path.js";
import { normalizeUsage } from "../../core/normalize-usage.js";
import type { ChatApi, ChatReply } from "./chat-api.js";

/** Anthropic requires max_tokens; a verdict with its reasoning fits well within this. */
const JUDGE_MAX_TOKENS = 1024;

/**
 * Anthropic's Messages API, `POST {base_url}/messages` (base_url `https://api.anthropic.com/v1`).
 * It has no JSON mode: the system message asks for JSON and the reply is parsed leniently.
 */
export const anthropicMessagesApi: ChatApi = {
  path: "/messages",
  headers: (apiKey) => ({ "anthropic-version": "2023-06-01", ...(apiKey ? { "x-api-key": apiKey } : {}) }),
  body: (request) => ({
    model: request.model,
    max_tokens: JUDGE_MAX_TOKENS,
    temperature: request.temperature,
    system: request.system,
    messages: [{ role: "user", content: request.user }],
  }),
  readReply(response) {
    const content = getPath(response, "content");
    if (!Array.isArray(content)) return undefined;
    const texts = content.flatMap((block: unknown) => {
      const text = getPath(block, "text");
      return getPath(block, "type") === "text" && typeof text === "string" ? [text] : [];
    });
    if (texts.length === 0) return undefined;
    const reply: ChatReply = { text: texts.join("") };
    const usage = normalizeUsage(getPath(response, "usage"));
    if (usage) reply.usage = usage;
    return reply;
  },
};
