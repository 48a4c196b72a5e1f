import type { ClientRequest, IncomingMessage } from "node:http";
import { abortReason } from "../../core/retry.js";
import type { AbortWatch, AbortWatcher } from "./abort-watch.js";
import type { HttpExchange } from "./http-transport.js";

/** The attempt ran out of time; the request was destroyed. */
export class AttemptTimeoutError extends Error {
  override readonly name = "AttemptTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

/** A response beyond this is refused rather than buffered: no answer of an LLM app is 32 MB. */
const MAX_RESPONSE_CHARS = 32 * 1024 * 1024;

const PENDING = Symbol("evalgate.pendingExchange");
type Carrier = { [PENDING]?: PendingExchange };

/**
 * One request in flight: collects the response, enforces the timeout, stops on abort. Its
 * listeners are module functions that find it through the emitter, so a call allocates this
 * object and no closures (this is the hot path of a 10,000-item run).
 */
export class PendingExchange implements AbortWatcher {
  private text = "";
  private settled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly req: ClientRequest,
    private readonly resolve: (exchange: HttpExchange) => void,
    private readonly reject: (error: unknown) => void,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal,
    private readonly abortWatch: AbortWatch,
  ) {
    (req as Carrier)[PENDING] = this;
    req.on("response", onResponse);
    req.on("error", onError);
    this.timer = setTimeout(onTimeout, timeoutMs, this);
    abortWatch.add(signal, this);
  }

  receive(res: IncomingMessage): void {
    (res as Carrier)[PENDING] = this;
    res.setEncoding("utf8");
    res.on("data", onData);
    res.on("end", onEnd);
    res.on("error", onError);
  }

  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > MAX_RESPONSE_CHARS) {
      this.req.destroy(new Error(`response larger than ${MAX_RESPONSE_CHARS / 1024 / 1024} MB`));
    }
  }

  complete(res: IncomingMessage): void {
    if (!this.settle()) return;
    this.resolve({ status: res.statusCode ?? 0, headers: res.headers, text: this.text });
  }

  fail(error: unknown): void {
    if (this.settle()) this.reject(error);
  }

  timeout(): void {
    const error = new AttemptTimeoutError(this.timeoutMs);
    this.fail(error);
    this.req.destroy(error);
  }

  abort(): void {
    this.fail(abortReason(this.signal));
    this.req.destroy();
  }

  /** True the first time: exactly one of resolve/reject runs, and the timer and watch go. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    this.abortWatch.delete(this.signal, this);
    return true;
  }
}

function onResponse(this: ClientRequest, res: IncomingMessage): void {
  (this as Carrier)[PENDING]!.receive(res);
}

function onData(this: IncomingMessage, chunk: string): void {
  (this as Carrier)[PENDING]!.append(chunk);
}

function onEnd(this: IncomingMessage): void {
  (this as Carrier)[PENDING]!.complete(this);
}

function onError(this: Carrier, error: Error): void {
  this[PENDING]!.fail(error);
}

function onTimeout(pending: PendingExchange): void {
  pending.timeout();
}
