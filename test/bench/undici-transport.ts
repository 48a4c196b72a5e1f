/**
 * The HTTP target's transport rebuilt on undici's Agent (a dispatch handler per call, undici's
 * leanest API), kept here to measure against the transport evalgate ships
 * (src/engine/targets/http-transport.ts, node:http) with transport-loop.ts. Same contract: send()
 * resolves with any status, rejects with AttemptTimeoutError, a network error or the abort reason.
 *
 * Why it is not the shipped one, measured as whole `evalgate run` processes, 10,000 items, 20 ms,
 * concurrency 64, pairs run in turn, undici against node:http (medians, min–max of the ratio):
 * - connections = concurrency, load average 1.9, against the bundle of the commit before: 0.74× the
 *   CPU (2.28 s against 3.04 s) but 1.10× the wall time (4.00 s against 3.57 s; 0.94–1.15, 8 pairs);
 *   peak RSS 166 MB against 151 MB.
 * - the same at load average 3.6–4.2: 0.78× the CPU, 1.05× the wall (0.92–1.20, 8 pairs); peak RSS
 *   179 MB against 150 MB.
 * - connections = 2 × concurrency, load average 2.1–2.7: 0.82× the CPU, 1.04× the wall
 *   (0.83–1.13, 6 pairs); peak RSS 172 MB against 150 MB.
 * undici 6 waits one event-loop turn (a setImmediate in client-h1.js, kept for GHSA-35p6-xmwp-9g52)
 * before it reuses a keep-alive connection with pipelining 1: on a run's busy loop (scoring, the
 * store, the dataset) that is about 1.5 ms a call, 7 % of a 20 ms answer. In a bare request loop
 * (transport-loop.ts) the two are as fast (3.78 s against 3.85 s) and undici uses 0.68× the CPU.
 * Its module and WebAssembly parser also add 15–30 MB to a run's peak, against the 150 MB aim
 * for 100,000 items. Less CPU, never less wall time, more memory: node:http stays.
 */
import type { IncomingHttpHeaders } from "node:http";
import { Agent, type Dispatcher } from "undici";
import { abortReason } from "../../src/core/retry.js";
import { AbortWatch, type AbortWatcher } from "../../src/engine/targets/abort-watch.js";
import { AttemptTimeoutError, type HttpExchange, type HttpSend } from "../../src/engine/targets/http-transport.js";

const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export class UndiciTransport {
  private readonly agent: Agent;
  private readonly abortWatch = new AbortWatch();

  constructor(concurrency: number) {
    // The attempt's timer is the only clock: undici's header, body and connect timeouts are off.
    this.agent = new Agent({ connections: concurrency, headersTimeout: 0, bodyTimeout: 0, connectTimeout: 0 });
  }

  send(request: HttpSend): Promise<HttpExchange> {
    const { signal, endpoint } = request;
    if (signal.aborted) return Promise.reject(abortReason(signal));
    const origin = `${endpoint.secure ? "https" : "http"}://${endpoint.hostname.includes(":") ? `[${endpoint.hostname}]` : endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ""}`;
    return new Promise<HttpExchange>((resolve, reject) => {
      const pending = new UndiciExchange(resolve, reject, request.timeoutMs, signal, this.abortWatch);
      this.agent.dispatch({ origin, path: endpoint.path, method: request.method as Dispatcher.HttpMethod, headers: request.headers, body: request.body }, pending);
    });
  }

  async close(): Promise<void> {
    await this.agent.destroy().catch(() => undefined);
  }
}

/** One call in flight, as undici's dispatch handler: no body stream, no per-call AbortSignal. */
class UndiciExchange implements Dispatcher.DispatchHandlers, AbortWatcher {
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private settled = false;
  private abortRequest: ((error?: Error) => void) | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly resolve: (exchange: HttpExchange) => void,
    private readonly reject: (error: unknown) => void,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal,
    private readonly abortWatch: AbortWatch,
  ) {
    this.timer = setTimeout(() => this.fail(new AttemptTimeoutError(this.timeoutMs)), timeoutMs);
    abortWatch.add(signal, this);
  }

  onConnect(abort: (error?: Error) => void): void {
    if (this.settled) abort();
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toString("latin1").toLowerCase();
      const value = rawHeaders[i + 1]!.toString("latin1");
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    this.headers = headers;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.bytes += chunk.length;
    if (this.bytes > MAX_RESPONSE_BYTES) {
      this.fail(new Error(`response larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`));
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (!this.settle()) return;
    const text = this.chunks.length === 1 ? this.chunks[0]!.toString("utf8") : Buffer.concat(this.chunks).toString("utf8");
    this.resolve({ status: this.status, headers: this.headers, text });
  }

  onError(error: Error): void {
    // undici says "other side closed" where node:http says "socket hang up".
    if (this.settle()) this.reject((error as { code?: string }).code === "UND_ERR_SOCKET" ? new Error("socket hang up") : error);
  }

  abort(): void {
    this.fail(abortReason(this.signal));
  }

  private fail(error: unknown): void {
    if (!this.settle()) return;
    this.reject(error);
    this.abortRequest?.(error instanceof Error ? error : new Error(String(error)));
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    this.abortWatch.delete(this.signal, this);
    return true;
  }
}
