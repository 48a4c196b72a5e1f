import { z } from "zod";
import { parseTargetUrl } from "../targets/target-options.js";

export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * Where a scorer's model is served. `openai` is any OpenAI-compatible API (OpenAI, Azure, vLLM,
 * Ollama, LiteLLM, OpenRouter); `anthropic` is Anthropic's Messages API. `headers` are sent as
 * they are (Azure's `api-key`, OpenRouter's `HTTP-Referer`).
 */
export const ModelProviderSchema = z
  .strictObject({
    type: z.enum(["openai", "anthropic"]).default("openai"),
    base_url: z.string().min(1).default(OPENAI_BASE_URL),
    api_key: z.string().optional(),
    headers: z.record(
      z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: "a header name uses letters, digits and -" }),
      z.string().refine((value) => !/[\r\n\0]/.test(value), { error: "a header value must not contain a line break or a NUL character" }),
    ).default({}),
  })
  .default({ type: "openai", base_url: OPENAI_BASE_URL, headers: {} });
export type ModelProvider = z.infer<typeof ModelProviderSchema>;

/**
 * `{base_url}{path}`: the path is appended to the base URL's path, and a query it carries (Azure's
 * `?api-version=…`) is kept. A base URL that is not http(s) is a UserError naming `where`.
 */
export function providerUrl(provider: ModelProvider, path: string, where: string): URL {
  const url = parseTargetUrl(provider.base_url, `${where}.provider.base_url`);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  return url;
}
