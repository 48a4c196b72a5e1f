import { describe, expect, it } from "vitest";
import { UsageSchema } from "../../src/core/model/run-item.js";
import { normalizeUsage } from "../../src/core/normalize-usage.js";

describe("normalizeUsage", () => {
  it("Anthropic: cache reads and writes are added to input_tokens, which leaves them out", () => {
    expect(
      normalizeUsage({ input_tokens: 10, cache_read_input_tokens: 5000, cache_creation_input_tokens: 0, output_tokens: 20 }),
    ).toEqual({ input_tokens: 5010, output_tokens: 20, total_tokens: 5030, cached_input_tokens: 5000, cache_creation_input_tokens: 0 });
    expect(
      normalizeUsage({ input_tokens: 4, cache_read_input_tokens: 0, cache_creation_input_tokens: 1200, output_tokens: 50 }),
    ).toEqual({ input_tokens: 1204, output_tokens: 50, total_tokens: 1254, cached_input_tokens: 0, cache_creation_input_tokens: 1200 });
  });

  it("Anthropic with null cache counts, or without cache keys, reads input_tokens as the whole input", () => {
    expect(
      normalizeUsage({ input_tokens: 25, cache_read_input_tokens: null, cache_creation_input_tokens: null, output_tokens: 7 }),
    ).toEqual({ input_tokens: 25, output_tokens: 7, total_tokens: 32 });
    expect(normalizeUsage({ input_tokens: 25, output_tokens: 7 })).toEqual({ input_tokens: 25, output_tokens: 7, total_tokens: 32 });
  });

  it("Anthropic through a gateway that adds an uncached total: the total is recomputed", () => {
    expect(
      normalizeUsage({ input_tokens: 10, cache_read_input_tokens: 5000, output_tokens: 20, total_tokens: 30 }),
    ).toEqual({ input_tokens: 5010, output_tokens: 20, total_tokens: 5030, cached_input_tokens: 5000 });
  });

  it("OpenAI chat: prompt_tokens already counts the cached tokens, which are kept apart", () => {
    expect(
      normalizeUsage({
        prompt_tokens: 2006,
        completion_tokens: 300,
        total_tokens: 2306,
        prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 128 },
      }),
    ).toEqual({ input_tokens: 2006, output_tokens: 300, total_tokens: 2306, cached_input_tokens: 1920 });
  });

  it("a gateway's chat usage beside Anthropic cache keys is read as chat (LiteLLM counts cache in prompt_tokens)", () => {
    expect(
      normalizeUsage({
        prompt_tokens: 5010,
        completion_tokens: 20,
        total_tokens: 5030,
        prompt_tokens_details: { cached_tokens: 5000 },
        cache_read_input_tokens: 5000,
        cache_creation_input_tokens: 0,
      }),
    ).toEqual({ input_tokens: 5010, output_tokens: 20, total_tokens: 5030, cached_input_tokens: 5000 });
  });

  it("OpenAI Responses: input_tokens counts the cached tokens given in input_tokens_details", () => {
    expect(
      normalizeUsage({
        input_tokens: 1500,
        input_tokens_details: { cached_tokens: 1024 },
        output_tokens: 200,
        output_tokens_details: { reasoning_tokens: 64 },
        total_tokens: 1700,
      }),
    ).toEqual({ input_tokens: 1500, output_tokens: 200, total_tokens: 1700, cached_input_tokens: 1024 });
  });

  it("a total that disagrees with input + output is replaced by their sum", () => {
    expect(normalizeUsage({ input_tokens: 10, output_tokens: 5, total_tokens: 99 })).toEqual({
      input_tokens: 10,
      output_tokens: 5,
      total_tokens: 15,
    });
  });

  it("a total is kept when one side is unknown, unless it is below the known side", () => {
    expect(normalizeUsage({ total_tokens: 15 })).toEqual({ total_tokens: 15 });
    expect(normalizeUsage({ input_tokens: 10, total_tokens: 15 })).toEqual({ input_tokens: 10, total_tokens: 15 });
    expect(normalizeUsage({ input_tokens: 10, total_tokens: 4 })).toEqual({ input_tokens: 10 });
  });

  it("ignores negative, fractional, NaN, infinite and text counts", () => {
    expect(
      normalizeUsage({ prompt_tokens: -3, completion_tokens: "20", total_tokens: Number.NaN, prompt_tokens_details: { cached_tokens: 2.5 } }),
    ).toBeUndefined();
    expect(normalizeUsage({ input_tokens: "10", output_tokens: 20, total_tokens: Infinity })).toEqual({ output_tokens: 20 });
    expect(
      normalizeUsage({ input_tokens: 10, cache_read_input_tokens: "5000", cache_creation_input_tokens: -1, output_tokens: 20 }),
    ).toEqual({ input_tokens: 10, output_tokens: 20, total_tokens: 30 });
  });

  it("drops a cached count larger than the input it is part of", () => {
    expect(normalizeUsage({ prompt_tokens: 10, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 50 } })).toEqual({
      input_tokens: 10,
      output_tokens: 2,
      total_tokens: 12,
    });
  });

  it("Anthropic without input_tokens: the cache reads and writes are the input", () => {
    expect(normalizeUsage({ cache_read_input_tokens: 5000, output_tokens: 20 })).toEqual({
      input_tokens: 5000,
      output_tokens: 20,
      total_tokens: 5020,
      cached_input_tokens: 5000,
    });
    expect(normalizeUsage({ cache_read_input_tokens: 5000, cache_creation_input_tokens: 300, output_tokens: 20 })).toEqual({
      input_tokens: 5300,
      output_tokens: 20,
      total_tokens: 5320,
      cached_input_tokens: 5000,
      cache_creation_input_tokens: 300,
    });
  });

  it("never keeps a cached count without the input it is part of, in any shape", () => {
    const shapes = [
      { cache_read_input_tokens: 5000, output_tokens: 20 },
      { completion_tokens: 2, prompt_tokens_details: { cached_tokens: 50 } },
      { output_tokens: 2, input_tokens_details: { cached_tokens: 50 } },
      { input_tokens: "lots", cache_read_input_tokens: 40 },
      { prompt_tokens: 10, prompt_tokens_details: { cached_tokens: 50 } },
    ];
    for (const shape of shapes) {
      const usage = normalizeUsage(shape);
      expect(usage?.cached_input_tokens ?? 0, JSON.stringify(shape)).toBeLessThanOrEqual(usage?.input_tokens ?? 0);
    }
  });

  it("gives nothing for a value that is not a usage object", () => {
    for (const value of [undefined, null, 42, "10 tokens", [1, 2], {}, { tokens: 5 }]) {
      expect(normalizeUsage(value)).toBeUndefined();
    }
  });

  it("what it returns always parses as a run item's usage", () => {
    const usage = normalizeUsage({ input_tokens: 10, cache_read_input_tokens: 5000, output_tokens: 20 });
    expect(UsageSchema.parse(usage)).toEqual(usage);
  });
});
