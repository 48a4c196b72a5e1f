import type { TargetResult } from "../../core/model/run-item.js";
import { requireAnswer } from "../../core/require-answer.js";
import type { RetryPolicy } from "../../core/retry.js";
import { callJsonEndpoint } from "./call-json-endpoint.js";
import type { HttpSend, HttpTransport } from "./http-transport.js";
import { mapResponse, type ResponseMapping } from "./response-mapping.js";

/**
 * One item's call of a JSON endpoint (with retries), and the answer read from its response: what
 * the http and prompt targets share. A response without the answer is an item error naming the field.
 */
export async function callForAnswer(
  transport: HttpTransport,
  request: HttpSend,
  policy: RetryPolicy,
  mapping: ResponseMapping,
): Promise<TargetResult> {
  const result = await callJsonEndpoint(transport, request, policy);
  if (result.error !== undefined) {
    return { latency_ms: result.latencyMs, attempts: result.attempts, error: result.error };
  }
  const mapped = { ...mapResponse(result.json, mapping), latency_ms: result.latencyMs, attempts: result.attempts };
  return requireAnswer(mapped, { field: mapping.output, response: result.json });
}
