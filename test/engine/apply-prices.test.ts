import { rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.js";
import type { PriceTable } from "../../src/core/config/schema.js";
import type { TargetResult } from "../../src/core/model/run-item.js";
import { applyPrices, costFromPrice } from "../../src/engine/apply-prices.js";
import { prepareExperiment } from "../../src/engine/prepare-experiment.js";
import { runExperiment } from "../../src/engine/run-experiment.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { makeWorkspace } from "../helpers/cli.js";
import { startTarget } from "../helpers/target-server.js";

const PRICES: PriceTable = {
  "gpt-4o-mini": { input: 0.15, output: 0.6, cached_input: 0.075 },
  "claude-sonnet": { input: 3, output: 15 },
};

const RESULT: TargetResult = {
  output: "It has shipped.",
  latency_ms: 120,
  attempts: 1,
  model: "gpt-4o-mini",
  usage: { input_tokens: 2006, output_tokens: 300, total_tokens: 2306, cached_input_tokens: 1920 },
};

describe("cost from the price table", () => {
  it("prices uncached input, cached input and output tokens per million", () => {
    // 0.15 × (2006 − 1920) + 0.075 × 1920 + 0.6 × 300 = 12.9 + 144 + 180 = 336.9 dollars per million calls
    expect(applyPrices(RESULT, PRICES).cost).toBeCloseTo(336.9 / 1e6, 12);
  });

  it("prices cached input at the input price when the table gives no cached price", () => {
    const result = { ...RESULT, model: "claude-sonnet" };
    // 3 × 2006 + 15 × 300 = 6018 + 4500
    expect(applyPrices(result, PRICES).cost).toBeCloseTo(10_518 / 1e6, 12);
  });

  it("a cost the target reported wins over the table", () => {
    expect(applyPrices({ ...RESULT, cost: 0.5 }, PRICES).cost).toBe(0.5);
  });

  it("leaves the result alone for a model the table lacks, a result naming no model, or no usage", () => {
    expect(applyPrices({ ...RESULT, model: "gpt-5" }, PRICES)).toEqual({ ...RESULT, model: "gpt-5" });
    expect(applyPrices({ ...RESULT, model: "constructor" }, PRICES).cost).toBeUndefined();
    const { model: _model, ...anonymous } = RESULT;
    expect(applyPrices(anonymous, PRICES).cost).toBeUndefined();
    const { usage: _usage, ...unmeasured } = RESULT;
    expect(applyPrices(unmeasured, PRICES).cost).toBeUndefined();
    expect(applyPrices(RESULT, undefined).cost).toBeUndefined();
  });

  it("no cost from half the tokens: usage without output (or input) tokens is not priced", () => {
    expect(costFromPrice({ input_tokens: 100 }, PRICES["gpt-4o-mini"]!)).toBeUndefined();
    expect(costFromPrice({ output_tokens: 100 }, PRICES["gpt-4o-mini"]!)).toBeUndefined();
    expect(costFromPrice({ input_tokens: 0, output_tokens: 0 }, PRICES["gpt-4o-mini"]!)).toBe(0);
  });

  it("a price table with a negative or misspelt price is refused with its path", () => {
    const config = (prices: string) =>
      `version: 1\nprices:\n${prices}\nexperiments:\n  e:\n    dataset: d.jsonl\n    target: { type: http, url: "http://x" }\n    scorers: [json_valid]\n`;
    expect(() => parseConfig(config("  gpt-4o: { input: -1, output: 10 }"), "evalgate.yml")).toThrow(
      "evalgate.yml:3: prices.gpt-4o.input: must be >= 0",
    );
    expect(() => parseConfig(config("  gpt-4o: { input: 1, output: 10, cache_input: 0.5 }"), "evalgate.yml")).toThrow(
      "unknown key 'cache_input' (did you mean 'cached_input'?)",
    );
  });
});

describe("the price table in a run of an http target", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((step) => step()));
  });

  async function runWith(answer: Record<string, unknown>) {
    const target = await startTarget({
      respond: () => ({ json: { output: "ok", usage: { input_tokens: 1000, output_tokens: 100 }, ...answer } }),
    });
    cleanup.push(() => target.close());
    const config = `version: 1
prices:
  gpt-4o: { input: 2.5, output: 10 }
experiments:
  agent:
    dataset: d.jsonl
    target: { type: http, url: "${target.url}" }
    scorers: [json_valid]
`;
    const dir = await makeWorkspace({ "evalgate.yml": config, "d.jsonl": '{"id":"a","input":"hi"}\n' });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const parsed = parseConfig(config, "evalgate.yml");
    const prepared = await prepareExperiment({
      name: "agent",
      experiment: parsed.experiments.agent!,
      configDir: dir,
      env: {},
      prices: parsed.prices,
    });
    const store = await openEmbeddedStore(path.join(dir, ".evalgate"));
    cleanup.push(() => store.close());
    const outcome = await runExperiment({ prepared, store });
    const items = [];
    for await (const item of store.runItems(outcome.run.id)) items.push(item);
    return items[0]!;
  }

  it("prices the model the response names at \"model\"", async () => {
    // 2.5 × 1000 + 10 × 100 = 3500 dollars per million calls
    expect((await runWith({ model: "gpt-4o" })).cost).toBeCloseTo(3500 / 1e6, 12);
  });

  it("keeps the cost the target reported", async () => {
    expect((await runWith({ model: "gpt-4o", cost: 0.01 })).cost).toBe(0.01);
  });

  it("has no cost when the response names no model", async () => {
    expect((await runWith({})).cost).toBeUndefined();
  });
});
