import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Item } from "../../../src/core/model/item.js";
import type { Score, TargetResult } from "../../../src/core/model/run-item.js";
import { resolveScorers, type ResolvedScorer } from "../../../src/core/scorers/registry.js";
import { scoreItem } from "../../../src/core/scorers/score-item.js";
import { allScorers } from "../../../src/engine/scorers/all-scorers.js";
import { startModelServer, type ModelServer, type ModelServerOptions } from "../../helpers/openai-server.js";

const ITEM: Item = {
  id: "item-1",
  input: { question: "Where is order 42?" },
  expected: "It has shipped.",
  metadata: { lang: "en" },
};
const RESULT: TargetResult = { output: "Order 42 has shipped.", latency_ms: 120, attempts: 1 };

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function modelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const server = await startModelServer(options);
  open.push(server);
  return server;
}

/** An llm_judge built the way prepareExperiment builds it: through the registry, config already interpolated. */
function judge(
  config: Record<string, unknown>,
  services: { cacheDir?: string; retries?: number; prices?: Record<string, { input: number; output: number; cached_input?: number }> } = {},
): ResolvedScorer {
  const [scorer] = resolveScorers(
    [{ name: "llm_judge", label: "answer_quality", config }],
    "experiments.orders.scorers",
    {
      configDir: ".",
      retries: services.retries ?? 0,
      concurrency: 4,
      ...(services.cacheDir ? { cacheDir: services.cacheDir } : {}),
      ...(services.prices ? { prices: services.prices } : {}),
    },
    allScorers,
  );
  if (scorer === undefined) throw new Error("no scorer resolved");
  open.push({ close: async () => scorer.fn.close?.() });
  return scorer;
}

/** Scores one item as a run does: a scorer that throws is its error on the item. */
async function scoreOne(scorer: ResolvedScorer, result: TargetResult = RESULT): Promise<Score> {
  const { scores } = await scoreItem([scorer], ITEM, result, { runId: "run-1" });
  return scores[0]!;
}

function configFor(server: ModelServer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    criteria: "The reply says whether the order shipped.",
    model: "judge-mini",
    provider: { base_url: server.baseUrl, api_key: "sk-judge" },
    ...extra,
  };
}

function configError(config: Record<string, unknown>): string {
  try {
    judge(config);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a config error");
}

describe("llm_judge", () => {
  it("prices its own call from the config's price table when the provider sends no cost", async () => {
    const server = await modelServer();
    const priced = await scoreOne(judge(configFor(server), { prices: { "judge-mini": { input: 1, output: 2 } } }));
    // 20 input tokens at $1 and 8 output tokens at $2 per million: (20 + 16) / 1e6.
    expect(priced.cost).toBeCloseTo(36 / 1e6, 12);
    const unpriced = await scoreOne(judge(configFor(server)));
    expect(unpriced.cost).toBeUndefined();
  });

  it("passes when the judge chooses Y, asking for JSON with the rubric, the output and the expected value", async () => {
    const server = await modelServer({ reply: () => '{"reasoning": "It says the order shipped.", "choice": "Y"}' });
    const score = await scoreOne(judge(configFor(server)));

    expect(score).toMatchObject({ score: 1, passed: true });
    expect(score.error).toBeUndefined();
    expect(score.evidence.reason).toBe('judge judge-mini chose "Y" (score 1, reaches threshold 0.5): It says the order shipped.');
    expect(score.evidence.compared).toEqual({ choice: "Y", reasoning: "It says the order shipped." });
    expect(score.usage).toEqual({ input_tokens: 20, output_tokens: 8, total_tokens: 28 });

    const [request] = server.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-judge");
    const body = request?.body as { model: string; temperature: number; response_format: unknown; messages: { role: string; content: string }[] };
    expect(body).toMatchObject({ model: "judge-mini", temperature: 0, response_format: { type: "json_object" } });
    const [system, user] = body.messages;
    expect(system?.content).toContain('{"reasoning"');
    expect(system?.content).toContain('"Y", "N"');
    expect(user?.content).toContain("[Output]\nOrder 42 has shipped.");
    expect(user?.content).toContain("[Expected]\nIt has shipped.");
    expect(user?.content).toContain("[Criteria]\nThe reply says whether the order shipped.");

    const read = score.evidence.read as { prompt: { role: string; content: string }[]; reply: string };
    expect(read.prompt).toEqual(body.messages);
    expect(read.reply).toBe('{"reasoning": "It says the order shipped.", "choice": "Y"}');
  });

  it("fails when the judge chooses N, with its reasoning as the reason", async () => {
    const server = await modelServer({ reply: () => '{"reasoning": "It never mentions shipping.", "choice": "N"}' });
    const score = await scoreOne(judge(configFor(server)));

    expect(score).toMatchObject({ score: 0, passed: false });
    expect(score.error).toBeUndefined();
    expect(score.evidence.reason).toBe('judge judge-mini chose "N" (score 0, below threshold 0.5): It never mentions shipping.');
  });

  it("scores custom choices against the threshold, matching a choice whatever its case and spacing", async () => {
    const server = await modelServer({ reply: () => '{"reasoning": "Mostly there.", "choice": " partly "}' });
    const config = configFor(server, { choices: { Full: 1, Partly: 0.5, None: 0 }, threshold: 0.6 });
    const score = await scoreOne(judge(config));

    expect(score).toMatchObject({ score: 0.5, passed: false });
    expect(score.evidence.compared).toEqual({ choice: "Partly", reasoning: "Mostly there." });
  });

  it("reads the verdict from a fenced block among other text", async () => {
    const reply = 'Let me think.\n```json\n{"reasoning": "Shipped is stated.", "choice": "y"}\n```\nThat is my verdict.';
    const server = await modelServer({ reply: () => reply });
    const score = await scoreOne(judge(configFor(server)));

    expect(score).toMatchObject({ score: 1, passed: true });
    expect((score.evidence.read as { reply: string }).reply).toBe(reply);
  });

  it("makes a reply that names no known choice the scorer's error, quoting the reply", async () => {
    const server = await modelServer({ reply: () => '{"reasoning": "Hard to say.", "choice": "maybe"}' });
    const score = await scoreOne(judge(configFor(server)));

    expect(score).toMatchObject({ score: 0, passed: false });
    expect(score.error).toBe(`the judge's reply names none of the choices "Y", "N"; it answered: {"reasoning": "Hard to say.", "choice": "maybe"}`);
    // The useless reply was paid for: its tokens are kept on the errored score.
    expect(score.usage).toEqual({ input_tokens: 20, output_tokens: 8, total_tokens: 28 });
  });

  it("renders a full prompt template over the input, output, expected value and metadata", async () => {
    const server = await modelServer();
    const prompt = "Question: {{input.question}}\nAnswer: {{output}}\nReference: {{expected}}\nLanguage: {{metadata.lang}}";
    await scoreOne(judge(configFor(server, { criteria: undefined, prompt, system: "You grade support replies." })));

    const body = server.requests[0]?.body as { messages: { role: string; content: string }[] };
    expect(body.messages[1]?.content).toBe(
      "Question: Where is order 42?\nAnswer: Order 42 has shipped.\nReference: It has shipped.\nLanguage: en",
    );
    expect(body.messages[0]?.content).toMatch(/^You grade support replies\.\n\nAnswer with one JSON object/);
  });

  it("waits as long as a 429's Retry-After asks, then scores the retried call", async () => {
    const server = await modelServer();
    server.failNextWith429(1);
    const scorer = judge(configFor(server), { retries: 2 });
    const started = performance.now();
    const score = await scoreOne(scorer);

    expect(score).toMatchObject({ score: 1, passed: true });
    expect(server.count("chat")).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("makes a judge call that keeps failing the scorer's error, with the status", async () => {
    const server = await modelServer({ reply: () => ({ status: 401, json: { error: { message: "bad key" } } }) });
    const score = await scoreOne(judge(configFor(server), { retries: 2 }));

    expect(score.error).toMatch(/^the judge call failed: http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: HTTP 401: .*bad key/);
    expect(server.count("chat")).toBe(1);
  });

  it("speaks Anthropic's Messages API with provider type anthropic", async () => {
    const server = await modelServer({ reply: () => '{"reasoning": "Shipped.", "choice": "Y"}' });
    const config = configFor(server, { provider: { type: "anthropic", base_url: server.baseUrl, api_key: "sk-ant" } });
    const score = await scoreOne(judge(config));

    expect(score).toMatchObject({ score: 1, passed: true });
    expect(score.usage).toEqual({ input_tokens: 20, output_tokens: 8, total_tokens: 28 });
    const [request] = server.requests;
    expect(request?.path).toBe("/v1/messages");
    expect(request?.headers["x-api-key"]).toBe("sk-ant");
    expect(request?.headers["anthropic-version"]).toBe("2023-06-01");
    const body = request?.body as { system: string; max_tokens: number; messages: { role: string }[] };
    expect(body.system).toContain('{"reasoning"');
    expect(body.max_tokens).toBeGreaterThan(0);
    expect(body.messages.map((message) => message.role)).toEqual(["user"]);
  });

  it("answers the same question from the disk cache: no second call, no tokens, cached in the evidence", async () => {
    const server = await modelServer();
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "evalgate-judge-cache-"));
    const first = await scoreOne(judge(configFor(server), { cacheDir }));
    const second = await scoreOne(judge(configFor(server), { cacheDir }));

    expect(server.count("chat")).toBe(1);
    expect(second).toMatchObject({ score: 1, passed: true });
    expect(first.usage).toBeDefined();
    expect(second.usage).toBeUndefined();
    expect((second.evidence.read as { cached?: boolean }).cached).toBe(true);
    expect((first.evidence.read as { cached?: boolean }).cached).toBeUndefined();
    expect(await readdir(path.join(cacheDir, "judge"))).toHaveLength(1);

    await scoreOne(judge(configFor(server, { model: "judge-large" }), { cacheDir }));
    await scoreOne(judge(configFor(server), { cacheDir }), { ...RESULT, output: "Order 42 is lost." });
    expect(server.count("chat")).toBe(3);
  });

  it("keeps no reply that named no choice, so the next run asks again", async () => {
    const server = await modelServer({ reply: () => "I cannot decide." });
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "evalgate-judge-cache-"));
    await scoreOne(judge(configFor(server), { cacheDir }));
    await scoreOne(judge(configFor(server), { cacheDir }));

    expect(server.count("chat")).toBe(2);
  });

  it("refuses a config with neither criteria nor prompt, an unknown placeholder, or choices that differ only in case", () => {
    expect(configError({ model: "m" })).toContain("experiments.orders.scorers[0].config.criteria: set either criteria");
    expect(configError({ model: "m", prompt: "Judge {{answer}}" })).toContain(
      "experiments.orders.scorers[0].config.prompt: unknown placeholder {{answer}}",
    );
    expect(configError({ model: "m", criteria: "ok", choices: { Y: 1, y: 0 } })).toContain("differ only in case");
    expect(configError({ model: "m", criteria: "ok", provider: { base_url: "localhost:4000" } })).toContain(
      "experiments.orders.scorers[0].config.provider.base_url",
    );
  });
});
