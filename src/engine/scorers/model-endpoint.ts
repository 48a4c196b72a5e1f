import { retryPolicy, type RetryPolicy } from "../../core/retry.js";
import { callJsonEndpoint } from "../targets/call-json-endpoint.js";
import { requestHeaders } from "../targets/http.js";
import { endpointOf, HttpTransport, type Endpoint } from "../targets/http-transport.js";
import { describeUrl } from "../targets/target-options.js";

export interface ModelEndpointOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  /** The run's retries and concurrency (ScorerServices). */
  retries: number;
  concurrency: number;
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * A model API a scorer calls (a judge's chat, an embeddings endpoint), over the targets' transport
 * and retry rules: keep-alive connections sized to the run's concurrency; network errors,
 * timeouts, 408, 429 and 5xx retried with backoff, honouring Retry-After.
 */
export class ModelEndpoint {
  readonly description: string;
  private readonly endpoint: Endpoint;
  private readonly transport: HttpTransport;
  private readonly policy: RetryPolicy;
  private readonly headers: Record<string, string>;

  constructor(url: URL, private readonly options: ModelEndpointOptions) {
    this.description = describeUrl(url);
    this.endpoint = endpointOf(url);
    this.transport = new HttpTransport(options.concurrency);
    this.policy = retryPolicy(options.retries);
    this.headers = requestHeaders(options.headers);
  }

  /** The response JSON; throws an Error naming the endpoint when the call fails for good. */
  async post(body: unknown, signal: AbortSignal = NEVER_ABORTED): Promise<unknown> {
    const result = await callJsonEndpoint(
      this.transport,
      { endpoint: this.endpoint, method: "POST", headers: this.headers, body: JSON.stringify(body), timeoutMs: this.options.timeoutMs, signal },
      this.policy,
    );
    if (result.error !== undefined) throw new Error(`${this.description}: ${result.error}`);
    return result.json;
  }

  close(): void {
    this.transport.close();
  }
}
