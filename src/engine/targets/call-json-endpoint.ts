import { nestingExceeds } from "../../core/json-depth.js";
import type { AttemptOutcome, RetryPolicy } from "../../core/retry.js";
import { parseRetryAfter, withRetries } from "../../core/retry.js";
import type { HttpExchange, HttpSend, HttpTransport } from "./http-transport.js";
import { AttemptTimeoutError } from "./http-transport.js";
import { excerpt, RESPONSE_TOO_DEEP, withAttempts } from "./failure-text.js";

/** A JSON endpoint's answer after retries: the parsed body, or why there is none. */
export type EndpointResult =
  | { json: unknown; error?: undefined; attempts: number; latencyMs: number }
  | { json?: undefined; error: string; attempts: number; latencyMs: number };

type AttemptValue = { json: unknown; error?: undefined } | { json?: undefined; error: string };

/**
 * Sends one JSON request with retries. Retried: network errors, timeouts, 408, 429 and 5xx
 * (honouring Retry-After). Final at once: any other non-2xx and a 2xx that is not JSON or nests
 * deeper than MAX_JSON_DEPTH, since sending the same request again would get the same answer. Rejects only when `signal` aborts.
 */
export async function callJsonEndpoint(
  transport: HttpTransport,
  request: HttpSend,
  policy: RetryPolicy,
): Promise<EndpointResult> {
  let latencyMs = 0;
  const attempt = async (): Promise<AttemptOutcome<AttemptValue>> => {
    const started = performance.now();
    try {
      const exchange = await transport.send(request);
      latencyMs = performance.now() - started;
      return judgeExchange(exchange);
    } catch (error) {
      latencyMs = performance.now() - started;
      if (request.signal.aborted) throw error;
      if (error instanceof AttemptTimeoutError) return { retry: true, value: { error: error.message } };
      return { retry: true, value: { error: networkErrorText(error) } };
    }
  };
  const { value, attempts } = await withRetries(attempt, policy, request.signal);
  latencyMs = Math.round(latencyMs * 100) / 100;
  if (value.error !== undefined) return { error: withAttempts(value.error, attempts), attempts, latencyMs };
  return { json: value.json, attempts, latencyMs };
}

function judgeExchange(exchange: HttpExchange): AttemptOutcome<AttemptValue> {
  const { status, text } = exchange;
  if (status >= 200 && status < 300) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { retry: false, value: { error: `response is not JSON: ${excerpt(text)}` } };
    }
    return { retry: false, value: nestingExceeds(json) ? { error: RESPONSE_TOO_DEEP } : { json } };
  }
  const detail = text.trim() === "" ? "" : `: ${excerpt(text)}`;
  const error = `HTTP ${status}${detail}`;
  if (status === 408 || status === 429 || status >= 500) {
    const header = exchange.headers["retry-after"];
    const retryAfterMs = parseRetryAfter(header, Date.now());
    return retryAfterMs === undefined
      ? { retry: true, value: { error } }
      : { retry: true, value: { error }, retryAfterMs };
  }
  return { retry: false, value: { error } };
}

function networkErrorText(error: unknown): string {
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}
