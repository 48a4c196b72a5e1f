import { getPath } from "../../core/json-path.js";
import type { Usage } from "../../core/model/run-item.js";
import { normalizeUsage } from "../../core/normalize-usage.js";
import type { DiskCache } from "./disk-cache.js";
import type { ModelEndpoint } from "./model-endpoint.js";

export interface Embeddings {
  vectors: number[][];
  /** Tokens spent on the texts that were not cached; undefined when all were. */
  usage?: Usage;
  /** How many of the texts came from the cache. */
  cached: number;
}

export interface CachedEmbedding {
  embedding: number[];
}

export function readCachedEmbedding(stored: unknown): CachedEmbedding | undefined {
  const embedding = getPath(stored, "embedding");
  return isVector(embedding) ? { embedding } : undefined;
}

/**
 * Embeds texts with an OpenAI-compatible `POST {base_url}/embeddings`: cached texts are read from
 * the cache, the rest are sent in one request and cached. The key is (base_url, model, text).
 */
export async function embedTexts(
  texts: readonly string[],
  options: { endpoint: ModelEndpoint; baseUrl: string; model: string; cache: DiskCache<CachedEmbedding>; signal?: AbortSignal | undefined },
): Promise<Embeddings> {
  const keyOf = (text: string) => ({ base_url: options.baseUrl, model: options.model, text });
  const found = await Promise.all(texts.map((text) => options.cache.get(keyOf(text))));
  const missing = texts.filter((_, index) => found[index] === undefined);
  const vectors: (number[] | undefined)[] = found.map((entry) => entry?.embedding);
  const embeddings: Embeddings = { vectors: [], cached: texts.length - missing.length };
  if (missing.length > 0) {
    const response = await options.endpoint.post({ model: options.model, input: missing }, options.signal);
    const fetched = readEmbeddings(response, missing.length, options.endpoint.description);
    let next = 0;
    for (let index = 0; index < texts.length; index++) {
      if (vectors[index] !== undefined) continue;
      const vector = fetched[next++]!;
      vectors[index] = vector;
      await options.cache.put(keyOf(texts[index]!), { embedding: vector });
    }
    const usage = normalizeUsage(getPath(response, "usage"));
    if (usage) embeddings.usage = usage;
  }
  embeddings.vectors = vectors as number[][];
  return embeddings;
}

/** `data[i].embedding`, put in the order of `data[i].index` (the API's contract; some servers reorder). */
function readEmbeddings(response: unknown, count: number, endpoint: string): number[][] {
  const data = getPath(response, "data");
  if (!Array.isArray(data) || data.length !== count) {
    throw new Error(`${endpoint}: expected ${count} embeddings in "data", got ${Array.isArray(data) ? data.length : "none"}`);
  }
  const vectors: number[][] = [];
  data.forEach((entry: unknown, position) => {
    const index = getPath(entry, "index");
    const at = typeof index === "number" && Number.isInteger(index) && index >= 0 && index < count ? index : position;
    const embedding = getPath(entry, "embedding");
    if (!isVector(embedding)) throw new Error(`${endpoint}: data[${position}].embedding is not a list of numbers`);
    vectors[at] = embedding;
  });
  if (vectors.filter((vector) => vector !== undefined).length !== count) {
    throw new Error(`${endpoint}: the embeddings' "index" fields repeat`);
  }
  return vectors;
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === "number" && Number.isFinite(entry));
}
