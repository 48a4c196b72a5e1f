import path from "node:path";
import { z } from "zod";
import { DurationSchema } from "../../core/config/schema.js";
import { asText, evidenceValue } from "../../core/scorers/evidence-values.js";
import { defineScorer, type ScoreFn, type ScorerInput, type ScorerOutcome } from "../../core/scorers/scorer.js";
import {
  ExpectedSourceFields,
  OutputPathFields,
  readExpected,
  readOutput,
  refuseValueAndField,
} from "../../core/scorers/value-sources.js";
import { cosineSimilarity } from "./cosine-similarity.js";
import { openDiskCache } from "./disk-cache.js";
import { embedTexts, readCachedEmbedding } from "./embed-texts.js";
import { ModelEndpoint } from "./model-endpoint.js";
import { ModelProviderSchema, providerUrl } from "./model-provider.js";

const SimilarConfigSchema = z
  .strictObject({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    model: z.string().min(1).default("text-embedding-3-small"),
    provider: ModelProviderSchema,
    threshold: z.number().min(0).max(1).default(0.8),
    timeout: DurationSchema.default(60_000),
  })
  .superRefine(refuseValueAndField)
  .superRefine((config, context) => {
    if (config.provider.type === "anthropic") {
      context.addIssue({
        code: "custom",
        path: ["provider", "type"],
        message: "Anthropic serves no embeddings; use an OpenAI-compatible provider (type: openai)",
      });
    }
  });

export const similar = defineScorer({
  name: "similar",
  description:
    "The cosine similarity of the embeddings of the output and the expected value (OpenAI-compatible /embeddings) reaches the threshold.",
  configSchema: SimilarConfigSchema,
  create(config, services) {
    const endpoint = new ModelEndpoint(providerUrl(config.provider, "/embeddings", `${services.path}.config`), {
      headers: { ...(config.provider.api_key ? { authorization: `Bearer ${config.provider.api_key}` } : {}), ...config.provider.headers },
      timeoutMs: config.timeout,
      retries: services.retries,
      concurrency: services.concurrency,
    });
    const cache = openDiskCache(services.cacheDir && path.join(services.cacheDir, "embeddings"), readCachedEmbedding);

    const score = async ({ item, result, signal }: ScorerInput): Promise<ScorerOutcome> => {
      const output = readOutput(result, config.output_path);
      const expected = readExpected(item, config);
      const texts = [asText(output.value), asText(expected.value)] as const;
      const read = evidenceValue(texts[0]);
      const compared = evidenceValue(texts[1]);
      // Embeddings APIs refuse empty input, and an empty text means nothing to compare.
      if (texts[0].trim() === "" || texts[1].trim() === "") {
        const same = texts[0].trim() === texts[1].trim();
        const reason = same
          ? `${output.label} and ${expected.label} are both empty`
          : `${texts[0].trim() === "" ? output.label : expected.label} is empty: nothing to compare`;
        return { score: same ? 1 : 0, passed: same, evidence: { read, compared, reason } };
      }
      const embeddings = await embedTexts(texts, {
        endpoint,
        baseUrl: config.provider.base_url,
        model: config.model,
        cache,
        signal,
      });
      const similarity = Math.min(1, Math.max(0, cosineSimilarity(embeddings.vectors[0]!, embeddings.vectors[1]!)));
      const passed = similarity >= config.threshold;
      const cachedNote = embeddings.cached > 0 ? `; ${embeddings.cached} of 2 embeddings cached` : "";
      return {
        score: similarity,
        passed,
        evidence: {
          read,
          compared,
          reason:
            `cosine similarity of ${output.label} and ${expected.label} is ${similarity.toFixed(3)} ` +
            `(${passed ? "reaches" : "below"} threshold ${config.threshold}; ${config.model}${cachedNote})`,
        },
        ...(embeddings.usage !== undefined ? { usage: embeddings.usage } : {}),
      };
    };
    const scoreFn: ScoreFn = Object.assign(score, { close: async () => endpoint.close() });
    return scoreFn;
  },
});
