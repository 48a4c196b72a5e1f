import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createNodeMiddleware, Probot, type Options as ProbotOptions } from "probot";
import { createEvalgateApp, type EvalgateAppOptions } from "./app.js";

export const WEBHOOK_PATH = "/api/github/webhooks";
// GitHub caps webhook payloads at 25 MB.
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

export interface BotServerOptions extends EvalgateAppOptions {
  appId: string | number;
  privateKey: string;
  webhookSecret: string;
  /** GitHub Enterprise Server's API ("https://ghe.example.com/api/v3"). Default api.github.com. */
  baseUrl?: string;
  webhookPath?: string;
  /** More Probot options (a logger, a log level, an Octokit class); tests turn retries off here. */
  probot?: Omit<ProbotOptions, "appId" | "privateKey" | "secret" | "baseUrl">;
}

export type NodeHandler = (request: IncomingMessage, response: ServerResponse, next?: () => void) => Promise<void>;

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function answerJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/**
 * The webhook endpoint as Node middleware, for mounting in your own server: checks the signature
 * before anything else (401, and no GitHub call, when it is missing or wrong; Probot alone would
 * answer 400), then hands the request to Probot. Other paths go to `next`.
 */
export async function createBotMiddleware(options: BotServerOptions): Promise<NodeHandler> {
  if (options.webhookSecret === "") throw new Error("a webhook secret is required: without one anyone could send commands");
  const webhookPath = options.webhookPath ?? WEBHOOK_PATH;
  const probot = new Probot({
    ...options.probot,
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.webhookSecret,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl.replace(/\/+$/, "") }),
  });
  const probotMiddleware = await createNodeMiddleware(createEvalgateApp(options), { probot, webhooksPath: webhookPath });
  return async (request, response, next) => {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
    if (pathname !== webhookPath || request.method !== "POST") {
      if (next) next();
      else answerJson(response, 404, { error: "not found" });
      return;
    }
    const body = await readBody(request);
    if (body === undefined) return answerJson(response, 413, { error: "payload too large" });
    const signature = request.headers["x-hub-signature-256"];
    const text = body.toString("utf8");
    // Probot's own @octokit/webhooks verifies (HMAC-SHA256, constant-time): no second copy to keep.
    const valid = typeof signature === "string" && (await probot.webhooks.verify(text, signature).catch(() => false));
    if (!valid) return answerJson(response, 401, { error: "missing or invalid x-hub-signature-256" });
    // @octokit/webhooks reads a string body instead of the (already consumed) stream.
    request.body = text;
    await probotMiddleware(request, response, () => answerJson(response, 404, { error: "not found" }));
  };
}

/** An http.Server with the webhook endpoint and `GET /healthz`; the caller calls `listen`. */
export async function createBotServer(options: BotServerOptions): Promise<Server> {
  const middleware = await createBotMiddleware(options);
  return createServer((request, response) => {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    if (pathname === "/healthz" && request.method === "GET") return answerJson(response, 200, { ok: true });
    middleware(request, response, () => answerJson(response, 404, { error: "not found" })).catch(() => {
      if (!response.headersSent) answerJson(response, 500, { error: "internal error" });
      else response.end();
    });
  });
}
