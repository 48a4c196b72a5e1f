import { z } from "zod";
import { HttpTargetSchema } from "../../core/config/schema.js";
import { retryPolicy } from "../../core/retry.js";
import { defineScorer, type ScoreFn, type ScorerInput } from "../../core/scorers/scorer.js";
import { callJsonEndpoint } from "../targets/call-json-endpoint.js";
import { requestHeaders } from "../targets/http.js";
import { endpointOf, HttpTransport } from "../targets/http-transport.js";
import { describeUrl } from "../targets/target-options.js";
import { CustomScorerFields, customScorerOutcome, customScorerRequest } from "./custom-scorer-contract.js";

const URL_HINT = 'write the scorer\'s http:// or https:// URL, e.g. url: "${SCORER_URL}/score"';

const HttpScorerConfigSchema = z.strictObject({
  // Checked after `${NAME}` is filled in; the message does not quote the URL, which may hold a key.
  url: z.string({ error: URL_HINT }).refine(isHttpUrl, { error: URL_HINT }),
  headers: HttpTargetSchema.shape.headers,
  ...CustomScorerFields,
});

const NEVER_ABORTED = new AbortController().signal;

export const httpScorer = defineScorer({
  name: "http",
  description:
    "A deployed scorer: the item and output are POSTed as JSON to `url` (with `headers`), which answers " +
    "{ score, passed?, reason?, evidence? }. Retried on network errors, timeouts, 429 and 5xx (Retry-After " +
    "honoured); any other non-2xx or a body that is not JSON is this scorer's error on the item.",
  configSchema: HttpScorerConfigSchema,
  create(config, services) {
    const url = new URL(config.url);
    const endpoint = endpointOf(url);
    const transport = new HttpTransport(services.concurrency);
    const policy = retryPolicy(services.retries);
    const headers = requestHeaders(config.headers);
    const shown = `http scorer ${describeUrl(url)}`;
    const score: ScoreFn = async (input: ScorerInput) => {
      const body = JSON.stringify(customScorerRequest(input));
      const request = { endpoint, method: "POST", headers, body, timeoutMs: config.timeout, signal: input.signal ?? NEVER_ABORTED };
      const answer = await callJsonEndpoint(transport, request, policy);
      if (answer.error !== undefined) throw new Error(answer.error);
      return customScorerOutcome(answer.json, { scorer: shown, threshold: config.threshold });
    };
    score.close = async () => transport.close();
    return score;
  },
});

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
