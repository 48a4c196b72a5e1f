import type { Usage } from "./model/run-item.js";

/**
 * Token usage in one meaning whatever the provider's shape: `input_tokens` is every input token
 * the call consumed, cached ones included, and `cached_input_tokens` (cache reads) and
 * `cache_creation_input_tokens` (cache writes) are the parts of it the provider cached.
 *
 * | shape, recognised by                     | input_tokens                    | cached_input_tokens                   | output_tokens     |
 * | ---------------------------------------- | ------------------------------- | ------------------------------------- | ----------------- |
 * | OpenAI chat: `prompt_tokens` or          | `prompt_tokens`                 | `prompt_tokens_details.cached_tokens` | completion_tokens |
 * |   `completion_tokens` present            |                                 |                                       |                   |
 * | Anthropic: `cache_read_input_tokens` or  | `input_tokens` + cache reads    | `cache_read_input_tokens`             | output_tokens     |
 * |   `cache_creation_input_tokens` present  |   + cache writes (a missing     |                                       |                   |
 * |                                          |   one counts 0)                 |                                       |                   |
 * | OpenAI Responses and any other shape     | `input_tokens`                  | `input_tokens_details.cached_tokens`  | output_tokens     |
 *
 * Anthropic's cache writes are kept as `cache_creation_input_tokens` too.
 *
 * Why keys decide: OpenAI's `prompt_tokens` and the Responses API's `input_tokens` already count
 * cached tokens, Anthropic's `input_tokens` counts only what follows the last cache breakpoint.
 * Anthropic's Messages API sends its cache keys (0 or null when nothing was cached) and never a
 * `total_tokens`; a response without those keys cached nothing, so its `input_tokens` is
 * already the whole input and the generic reading is exact. The absence of `total_tokens` is no
 * sign of Anthropic: OpenAI-compatible servers often leave it out too. A gateway that adds
 * `prompt_tokens` beside Anthropic's keys (LiteLLM) counts cached tokens in it, so the chat
 * reading comes first.
 *
 * `total_tokens` is input + output when both are known: a given total that disagrees (a gateway
 * that summed Anthropic's uncached input) is wrong, and one that agrees changes nothing. When one
 * side is unknown, a given total is kept if it is not below the known side. Counts that are not
 * non-negative integers (negative, fractional, NaN, text) are ignored, as is a cached count above
 * the input it is part of or without a known input: cached never exceeds input, in any shape.
 */
export function normalizeUsage(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const read = readShape(value);
  const usage: Usage = {};
  if (read.input !== undefined) usage.input_tokens = read.input;
  if (read.output !== undefined) usage.output_tokens = read.output;
  const total = totalOf(tokenCount(value.total_tokens), read.input, read.output);
  if (total !== undefined) usage.total_tokens = total;
  if (read.cached !== undefined && read.input !== undefined && read.cached <= read.input) {
    usage.cached_input_tokens = read.cached;
  }
  if (read.cacheCreation !== undefined) usage.cache_creation_input_tokens = read.cacheCreation;
  return Object.keys(usage).length > 0 ? usage : undefined;
}

interface ShapeReading {
  input?: number | undefined;
  output?: number | undefined;
  cached?: number | undefined;
  cacheCreation?: number | undefined;
}

function readShape(usage: Record<string, unknown>): ShapeReading {
  if ("prompt_tokens" in usage || "completion_tokens" in usage) {
    return {
      input: tokenCount(usage.prompt_tokens) ?? tokenCount(usage.input_tokens),
      output: tokenCount(usage.completion_tokens) ?? tokenCount(usage.output_tokens),
      cached: detailCount(usage.prompt_tokens_details, "cached_tokens"),
    };
  }
  if ("cache_read_input_tokens" in usage || "cache_creation_input_tokens" in usage) {
    const parts = [usage.input_tokens, usage.cache_read_input_tokens, usage.cache_creation_input_tokens].map(tokenCount);
    const [, cached, cacheCreation] = parts;
    const known = parts.filter((part) => part !== undefined);
    return {
      // A missing part counts 0: cache reads alone are still input, never more cached than input.
      input: known.length === 0 ? undefined : known.reduce((sum, part) => sum + part, 0),
      output: tokenCount(usage.output_tokens),
      cached,
      cacheCreation,
    };
  }
  return {
    input: tokenCount(usage.input_tokens),
    output: tokenCount(usage.output_tokens),
    cached: detailCount(usage.input_tokens_details, "cached_tokens"),
  };
}

function totalOf(given: number | undefined, input: number | undefined, output: number | undefined): number | undefined {
  if (input !== undefined && output !== undefined) return input + output;
  if (given === undefined) return undefined;
  return given >= (input ?? output ?? 0) ? given : undefined;
}

function detailCount(details: unknown, key: string): number | undefined {
  return isRecord(details) ? tokenCount(details[key]) : undefined;
}

function tokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
