import http from "node:http";
import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { abortReason } from "../../core/retry.js";
import { AbortWatch } from "./abort-watch.js";
import { PendingExchange } from "./pending-exchange.js";

export { AttemptTimeoutError } from "./pending-exchange.js";

/** One HTTP exchange as the targets see it: status, headers, and the body as text. */
export interface HttpExchange {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A URL taken apart once per target, not once per call. */
export interface Endpoint {
  secure: boolean;
  hostname: string;
  port: string;
  path: string;
  auth?: string;
}

export function endpointOf(url: URL): Endpoint {
  const endpoint: Endpoint = {
    secure: url.protocol === "https:",
    // node:http wants an IPv6 literal without its brackets.
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port,
    path: `${url.pathname}${url.search}`,
  };
  if (url.username !== "") {
    endpoint.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return endpoint;
}

export interface HttpSend {
  endpoint: Endpoint;
  method: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * `node:http` with keep-alive agents sized to the run's concurrency: every concurrent call keeps
 * its connection, so a 10,000-item run opens `concurrency` sockets, not 10,000. (Measured faster
 * than the global fetch at concurrency 64 on loopback; see the targets' report. undici's Agent
 * costs less CPU but more wall time and memory in a whole run: test/bench/undici-transport.ts.)
 */
export class HttpTransport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly abortWatch = new AbortWatch();

  constructor(concurrency: number) {
    const options = { keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency };
    this.httpAgent = new http.Agent(options);
    this.httpsAgent = new https.Agent(options);
  }

  /**
   * Resolves with any status; rejects with AttemptTimeoutError, a network error (its message
   * like "connect ECONNREFUSED 127.0.0.1:9"), or the abort reason when `signal` aborts.
   */
  send(request: HttpSend): Promise<HttpExchange> {
    const { signal, endpoint } = request;
    if (signal.aborted) return Promise.reject(abortReason(signal));
    const req = (endpoint.secure ? https : http).request({
      hostname: endpoint.hostname,
      port: endpoint.port,
      path: endpoint.path,
      auth: endpoint.auth,
      method: request.method,
      headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) },
      agent: endpoint.secure ? this.httpsAgent : this.httpAgent,
    });
    const promise = new Promise<HttpExchange>((resolve, reject) => {
      // The exchange lives on through the listeners it registers on `req`.
      new PendingExchange(req, resolve, reject, request.timeoutMs, signal, this.abortWatch);
    });
    req.end(request.body);
    return promise;
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
