import type { Usage } from "../../core/model/run-item.js";
import { anthropicMessagesApi } from "./anthropic-messages-api.js";
import type { ModelProvider } from "./model-provider.js";
import { openaiChatApi } from "./openai-chat-api.js";

/** One judge question: a system message and one user message. */
export interface ChatRequest {
  model: string;
  system: string;
  user: string;
  temperature: number;
}

/** The model's answer text and, when the provider said, what it spent. */
export interface ChatReply {
  text: string;
  usage?: Usage;
  cost?: number;
}

/**
 * How one provider's chat API is spoken: a new provider is a new file, not a branch. `readReply`
 * returns undefined when the response holds no answer text.
 */
export interface ChatApi {
  /** Appended to the provider's base_url. */
  path: string;
  headers(apiKey: string | undefined): Record<string, string>;
  body(request: ChatRequest): unknown;
  readReply(response: unknown): ChatReply | undefined;
}

export function chatApiFor(type: ModelProvider["type"]): ChatApi {
  return type === "anthropic" ? anthropicMessagesApi : openaiChatApi;
}
