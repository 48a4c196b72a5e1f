import path from "node:path";
import { z } from "zod";
import { DurationSchema } from "../../core/config/schema.js";
import { UserError } from "../../core/errors.js";
import { truncateText } from "../../core/scorers/evidence-values.js";
import { defineScorer, ScorerErrorAfterSpending, type ScoreFn, type ScorerInput, type ScorerOutcome } from "../../core/scorers/scorer.js";
import { findUnknownPlaceholders } from "../../core/template.js";
import { chatApiFor, type ChatReply } from "./chat-api.js";
import { openDiskCache } from "./disk-cache.js";
import { compileJudgePrompt, JUDGE_PLACEHOLDER_ROOTS, type JudgeMessages } from "./judge-prompt.js";
import { ModelEndpoint } from "./model-endpoint.js";
import { ModelProviderSchema, providerUrl } from "./model-provider.js";
import { parseJudgeReply, type JudgeVerdict } from "./parse-judge-reply.js";
import type { Usage } from "../../core/model/run-item.js";
import type { PriceTable } from "../../core/config/schema.js";
import { costFromPrice } from "../apply-prices.js";

const ChoicesSchema = z
  .record(z.string().trim().min(1, { error: "a choice is a non-empty word, e.g. Y" }), z.number().min(0).max(1))
  .refine((choices) => Object.keys(choices).length >= 2, { error: "give at least two choices, e.g. { Y: 1, N: 0 }" })
  .refine((choices) => new Set(Object.keys(choices).map((choice) => choice.toLowerCase())).size === Object.keys(choices).length, {
    error: "choices are matched ignoring case, so two may not differ only in case",
  });

const LlmJudgeConfigSchema = z
  .strictObject({
    /** A rubric: the default prompt lays out input, output and expected, then asks this. */
    criteria: z.string().trim().min(1).optional(),
    /** A full user message instead, over {{input}}, {{output}}, {{expected}}, {{metadata.*}}. */
    prompt: z.string().trim().min(1).optional(),
    model: z.string().min(1, { error: "name the judge's model, e.g. model: gpt-4o-mini" }),
    provider: ModelProviderSchema,
    choices: ChoicesSchema.default({ Y: 1, N: 0 }),
    threshold: z.number().min(0).max(1).default(0.5),
    temperature: z.number().min(0).max(2).default(0),
    system: z.string().min(1).optional(),
    timeout: DurationSchema.default(60_000),
  })
  .superRefine((config, context) => {
    if ((config.criteria === undefined) === (config.prompt === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["criteria"],
        message: "set either criteria (a rubric) or prompt (a full template), e.g. criteria: The reply names the order",
      });
    }
  });

/** What the cache keeps of a reply: its text, parsed again when read. */
interface CachedReply {
  reply: string;
}

function readCachedReply(stored: unknown): CachedReply | undefined {
  const reply = (stored as Partial<CachedReply> | null)?.reply;
  return typeof reply === "string" ? { reply } : undefined;
}

export const llmJudge = defineScorer({
  name: "llm_judge",
  description:
    'An LLM judges the output against a rubric (criteria) or a prompt, answering {"reasoning", "choice"}; the choice\'s score must reach the threshold.',
  configSchema: LlmJudgeConfigSchema,
  create(config, services) {
    const where = `${services.path}.config`;
    refuseUnknownPlaceholders(config, where);
    const api = chatApiFor(config.provider.type);
    const endpoint = new ModelEndpoint(providerUrl(config.provider, api.path, where), {
      headers: { ...api.headers(config.provider.api_key), ...config.provider.headers },
      timeoutMs: config.timeout,
      retries: services.retries,
      concurrency: services.concurrency,
    });
    const cache = openDiskCache(services.cacheDir && path.join(services.cacheDir, "judge"), readCachedReply);
    const messagesFor = compileJudgePrompt(config);
    const choices = Object.keys(config.choices);

    const score = async ({ item, result, signal }: ScorerInput): Promise<ScorerOutcome> => {
      const messages = messagesFor(item, result);
      // Everything the reply depends on; the api key and headers are not, and are never stored.
      const key = {
        type: config.provider.type,
        base_url: config.provider.base_url,
        model: config.model,
        messages,
        temperature: config.temperature,
        choices: config.choices,
      };
      const cached = await cache.get(key);
      const reply: ChatReply = cached !== undefined ? { text: cached.reply } : await askJudge(messages, signal);
      const verdict = parseJudgeReply(reply.text, choices);
      if (verdict === undefined) {
        // The useless reply was paid for: its tokens are counted with the error.
        throw new ScorerErrorAfterSpending(
          `the judge's reply names none of the choices ${choices.map((choice) => JSON.stringify(choice)).join(", ")}; ` +
            `it answered: ${truncateText(reply.text)}`,
          { ...(reply.usage !== undefined ? { usage: reply.usage } : {}), ...costOf(reply, config.model, services.prices) },
        );
      }
      // Only a reply that named a choice is kept: another run asks again after a useless one.
      if (cached === undefined) await cache.put(key, { reply: reply.text });
      return outcome(verdict, messages, reply, cached !== undefined);
    };

    const askJudge = async (messages: JudgeMessages, signal: AbortSignal | undefined): Promise<ChatReply> => {
      const body = api.body({ model: config.model, temperature: config.temperature, ...messages });
      let response: unknown;
      try {
        response = await endpoint.post(body, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new Error(`the judge call failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const reply = api.readReply(response);
      if (reply === undefined) {
        throw new Error(`the judge's response holds no answer text: ${truncateText(JSON.stringify(response), 500)}`);
      }
      return reply;
    };

    const outcome = (verdict: JudgeVerdict, messages: JudgeMessages, reply: ChatReply, cached: boolean): ScorerOutcome => {
      const value = config.choices[verdict.choice]!;
      const passed = value >= config.threshold;
      const because = verdict.reasoning === undefined ? "" : `: ${verdict.reasoning}`;
      return {
        score: value,
        passed,
        evidence: {
          read: {
            prompt: [
              { role: "system", content: truncateText(messages.system) },
              { role: "user", content: truncateText(messages.user) },
            ],
            reply: truncateText(reply.text),
            ...(cached ? { cached: true } : {}),
          },
          compared: { choice: verdict.choice, ...(verdict.reasoning !== undefined ? { reasoning: truncateText(verdict.reasoning) } : {}) },
          reason:
            `judge ${config.model} chose ${JSON.stringify(verdict.choice)} (score ${value}, ` +
            `${passed ? "reaches" : "below"} threshold ${config.threshold})${truncateText(because, 300)}`,
        },
        // A cached reply spent nothing this time.
        ...(reply.usage !== undefined ? { usage: reply.usage } : {}),
        ...costOf(reply, config.model, services.prices),
      };
    };

    const scoreFn: ScoreFn = Object.assign(score, { close: async () => endpoint.close() });
    return scoreFn;
  },
});

function refuseUnknownPlaceholders(config: { criteria?: string | undefined; prompt?: string | undefined }, where: string): void {
  const known = [...JUDGE_PLACEHOLDER_ROOTS].map((root) => `{{${root}}}`).join(", ");
  const lines = (["criteria", "prompt"] as const).flatMap((field) =>
    findUnknownPlaceholders(config[field], [], JUDGE_PLACEHOLDER_ROOTS).map(
      ({ placeholder }) => `${where}.${field}: unknown placeholder ${placeholder} (use ${known}, or a field like {{metadata.lang}})`,
    ),
  );
  if (lines.length > 0) throw new UserError(lines.join("\n"));
}

/**
 * The judge call's cost: the provider's own figure, else the config's price table for the judge's
 * model (engine/apply-prices.ts), else none (unknown, not free). A cached reply spent nothing.
 */
function costOf(reply: { usage?: Usage; cost?: number }, model: string, prices: PriceTable | undefined): { cost?: number } {
  if (reply.cost !== undefined) return { cost: reply.cost };
  if (reply.usage === undefined || prices === undefined || !Object.hasOwn(prices, model)) return {};
  const cost = costFromPrice(reply.usage, prices[model]!);
  return cost === undefined ? {} : { cost };
}
