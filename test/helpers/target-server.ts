import { spawn } from "node:child_process";
import http from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { fileURLToPath } from "node:url";

/** What a custom `respond` returns for one request. */
export interface TargetResponse {
  status?: number;
  headers?: Record<string, string>;
  /** The body as JSON (default: the echo answer). */
  json?: unknown;
  /** The body as raw text, instead of `json`. */
  raw?: string;
  /** Answer after this delay instead of `latencyMs`. */
  delayMs?: number;
  /** Accept the request and never answer it. */
  hang?: boolean;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TargetServerOptions {
  /** Delay before every answer. */
  latencyMs?: number;
  /** Custom behaviour; the request body is parsed JSON (or the raw text if it is not JSON). */
  respond?: (body: unknown, requestIndex: number, request: ReceivedRequest) => TargetResponse;
  /** Fraction of requests that fail, spread evenly by request counter: reproducible. */
  failRate?: number;
  /** Statuses the failing requests answer with, in turn (default [503]). */
  failStatuses?: number[];
  /** `Retry-After` seconds on failing 429 and 503 answers (default: no header). */
  retryAfterSeconds?: number;
  /** Accept every request and never answer. */
  never?: boolean;
  /** How many request bodies to keep in `bodies` (default 1000). */
  keepBodies?: number;
}

export interface TargetServer {
  url: string;
  /** Requests received so far. */
  readonly requests: number;
  /** The first `keepBodies` request bodies. */
  bodies: unknown[];
  close(): Promise<void>;
}

/** Echo of the request's `input` (else the whole body), with token usage. */
export function echoAnswer(body: unknown): unknown {
  const input = body !== null && typeof body === "object" && "input" in body ? body.input : body;
  return { output: input, usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 } };
}

/** Whether request `index` (0-based) fails at `rate`: exactly ⌊n·rate⌋ of the first n requests. */
function failsAt(index: number, rate: number): boolean {
  return Math.floor((index + 1) * rate) > Math.floor(index * rate);
}

function planResponse(options: TargetServerOptions, body: unknown, index: number, request: ReceivedRequest): TargetResponse {
  if (options.never) return { hang: true };
  if (options.respond) return options.respond(body, index, request);
  const rate = options.failRate ?? 0;
  if (rate > 0 && failsAt(index, rate)) {
    const statuses = options.failStatuses ?? [503];
    const failures = Math.floor((index + 1) * rate) - 1;
    const status = statuses[failures % statuses.length] ?? 503;
    const headers: Record<string, string> =
      options.retryAfterSeconds !== undefined && (status === 429 || status === 503)
        ? { "retry-after": String(options.retryAfterSeconds) }
        : {};
    return { status, headers, json: { error: `injected failure ${status}` } };
  }
  return {};
}

/**
 * Runs `callback` `delayMs` after `since`, on average. setTimeout fires 0.3–0.5 ms late on Linux
 * (millisecond clock, wake-up latency): 2 % of a 20 ms answer, which would make the benchmark's
 * ideal time unreachable for reasons outside the runner. So the timer learns its own lateness
 * (moving average) and starts that much earlier.
 */
function punctualTimer(): (since: number, delayMs: number, callback: () => void) => void {
  let lateness = 0;
  return (since, delayMs, callback) => {
    const wait = Math.max(0, delayMs - (performance.now() - since) - lateness);
    const scheduled = performance.now();
    setTimeout(() => {
      const late = performance.now() - scheduled - wait;
      lateness = Math.min(1, Math.max(0, lateness + (late - lateness) * 0.05));
      callback();
    }, wait);
  };
}

/** A real target on 127.0.0.1 (port 0), in this process: for tests. */
export async function startTarget(options: TargetServerOptions = {}): Promise<TargetServer> {
  const keepBodies = options.keepBodies ?? 1000;
  const bodies: unknown[] = [];
  let requests = 0;

  const answerAfter = punctualTimer();

  const server = http.createServer((req, res) => {
    const arrived = performance.now();
    const index = requests;
    requests += 1;
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: `respond` sees the raw text.
      }
      if (bodies.length < keepBodies) bodies.push(body);
      const received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers };
      const plan = planResponse(options, body, index, received);
      if (plan.hang) return;
      const payload = plan.raw ?? JSON.stringify(plan.json ?? echoAnswer(body));
      const send = () => {
        res.writeHead(plan.status ?? 200, { "content-type": "application/json", ...plan.headers });
        res.end(payload);
      };
      const delay = plan.delayMs ?? options.latencyMs ?? 0;
      if (delay > 0) answerAfter(arrived, delay, send);
      else send();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("target server has no port");

  return {
    url: `http://127.0.0.1:${address.port}`,
    get requests() {
      return requests;
    },
    bodies,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export interface TargetProcess {
  url: string;
  /** Requests the server has received so far (asked over IPC). */
  requestCount(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The same server in a child process, so it does not share the event loop with the runner under
 * measurement (the benchmark). `respond` cannot cross a process boundary and is not accepted.
 */
export async function startTargetProcess(options: Omit<TargetServerOptions, "respond"> = {}): Promise<TargetProcess> {
  const main = fileURLToPath(new URL("./target-server-main.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), main, JSON.stringify(options)], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    const stdout = child.stdout!;
    stdout.setEncoding("utf8");
    stdout.on("data", (chunk: string) => {
      text += chunk;
      const newline = text.indexOf("\n");
      if (newline !== -1) resolve(text.slice(0, newline).trim());
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`target server process exited with code ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return {
    url,
    requestCount: () =>
      new Promise<number>((resolve) => {
        child.once("message", (message: { requests: number }) => resolve(message.requests));
        child.send({ type: "stats" });
      }),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
