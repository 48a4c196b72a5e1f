import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Item } from "../../../src/core/model/item.js";
import type { Score, TargetResult } from "../../../src/core/model/run-item.js";
import { resolveScorers, type ResolvedScorer } from "../../../src/core/scorers/registry.js";
import { scoreItem } from "../../../src/core/scorers/score-item.js";
import { allScorers } from "../../../src/engine/scorers/all-scorers.js";
import { startModelServer, type ModelServer } from "../../helpers/openai-server.js";

const ITEM: Item = { id: "item-1", input: "Where is order 42?", expected: "your order 42 has shipped" };

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function modelServer(): Promise<ModelServer> {
  const server = await startModelServer();
  open.push(server);
  return server;
}

function similarScorer(config: Record<string, unknown>, cacheDir?: string): ResolvedScorer {
  const [scorer] = resolveScorers(
    [{ name: "similar", label: "similar", config }],
    "experiments.orders.scorers",
    { configDir: ".", retries: 0, concurrency: 4, ...(cacheDir ? { cacheDir } : {}) },
    allScorers,
  );
  if (scorer === undefined) throw new Error("no scorer resolved");
  open.push({ close: async () => scorer.fn.close?.() });
  return scorer;
}

async function scoreOutput(scorer: ResolvedScorer, output: unknown, item: Item = ITEM): Promise<Score> {
  const result: TargetResult = { output, latency_ms: 5, attempts: 1 };
  const { scores } = await scoreItem([scorer], item, result, { runId: "run-1" });
  return scores[0]!;
}

describe("similar", () => {
  it("passes an output whose embedding points the way the expected one does, with both texts as evidence", async () => {
    const server = await modelServer();
    const scorer = similarScorer({ provider: { base_url: server.baseUrl, api_key: "sk-emb" } });
    // The server's embeddings count words: 4 shared of 5 and 4 words, cosine 4 / √20 ≈ 0.894.
    const score = await scoreOutput(scorer, "Order 42 has shipped");

    expect(score.passed).toBe(true);
    expect(score.score).toBeCloseTo(4 / Math.sqrt(20), 6);
    expect(score.evidence).toEqual({
      read: "Order 42 has shipped",
      compared: "your order 42 has shipped",
      reason: "cosine similarity of output and expected is 0.894 (reaches threshold 0.8; text-embedding-3-small)",
    });
    expect(score.usage).toEqual({ input_tokens: 10, total_tokens: 10 });
    const [request] = server.requests;
    expect(request?.path).toBe("/v1/embeddings");
    expect(request?.headers.authorization).toBe("Bearer sk-emb");
    expect(request?.body).toEqual({ model: "text-embedding-3-small", input: ["Order 42 has shipped", "your order 42 has shipped"] });
  });

  it("fails an output about something else, below the threshold", async () => {
    const server = await modelServer();
    const scorer = similarScorer({ provider: { base_url: server.baseUrl }, value: "the parcel is on its way", threshold: 0.5 });
    const score = await scoreOutput(scorer, "Order 42 has shipped");

    expect(score).toMatchObject({ score: 0, passed: false });
    expect(score.evidence.reason).toBe("cosine similarity of output and value is 0.000 (below threshold 0.5; text-embedding-3-small)");
  });

  it("embeds each text once across runs when a cache folder is given", async () => {
    const server = await modelServer();
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "evalgate-embeddings-"));
    const config = { provider: { base_url: server.baseUrl } };
    await scoreOutput(similarScorer(config, cacheDir), "Order 42 has shipped");
    const again = await scoreOutput(similarScorer(config, cacheDir), "Order 42 has shipped");
    const otherOutput = await scoreOutput(similarScorer(config, cacheDir), "Order 42 is lost");

    expect(server.count("embeddings")).toBe(2);
    expect(again.usage).toBeUndefined();
    expect(again.evidence.reason).toContain("2 of 2 embeddings cached");
    expect(server.requests[1]?.body).toEqual({ model: "text-embedding-3-small", input: ["Order 42 is lost"] });
    expect(otherOutput.usage).toEqual({ input_tokens: 5, total_tokens: 5 });
  });

  it("makes an item without an expected value the scorer's error, and refuses Anthropic as a provider", async () => {
    const server = await modelServer();
    const score = await scoreOutput(similarScorer({ provider: { base_url: server.baseUrl } }), "text", { id: "i", input: "q" });
    expect(score.error).toContain('item has no value at "expected"');
    expect(() => similarScorer({ provider: { type: "anthropic" } })).toThrow(
      "experiments.orders.scorers[0].config.provider.type: Anthropic serves no embeddings",
    );
  });
});
