import http from "node:http";
import type { IncomingHttpHeaders } from "node:http";

/** One request the model server received. */
export interface ModelRequest {
  /** `/v1/chat/completions`, `/v1/messages` or `/v1/embeddings` (whatever the client sent). */
  path: string;
  kind: "chat" | "messages" | "embeddings" | "unknown";
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
}

/** What a judge is asked, whichever API asked it. */
export interface JudgeQuestion {
  kind: "chat" | "messages";
  model: string;
  system: string;
  /** The user message. */
  user: string;
  request: ModelRequest;
}

/** A scripted answer: the reply text, or a status (and body) to fail with. */
export type ModelReply =
  | string
  | { text: string; usage?: { input: number; output: number }; cost?: number }
  | { status: number; headers?: Record<string, string>; json?: unknown };

export interface ModelServerOptions {
  /**
   * The judge's reply (default: `{"reasoning": "looks right", "choice": "Y"}`). A promise holds
   * the answer back until it settles: a test can keep a judge busy while it cancels a run.
   */
  reply?: (question: JudgeQuestion, index: number) => ModelReply | Promise<ModelReply>;
  /** A text's embedding (default: `wordEmbedding`). */
  embed?: (text: string) => number[];
  /** Tokens each chat reply reports (default 20 in, 8 out); each embedded text counts `embeddingTokens` (default 5). */
  usage?: { input: number; output: number };
  embeddingTokens?: number;
}

export interface ModelServer {
  /** `http://127.0.0.1:PORT/v1`: a provider's base_url. */
  baseUrl: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly ModelRequest[];
  /** Requests of one kind so far (429s included). */
  count(kind: ModelRequest["kind"]): number;
  /** The next request (of any kind) answers 429 with `Retry-After: seconds`, once. */
  failNextWith429(retryAfterSeconds: number): void;
  close(): Promise<void>;
}

const DEFAULT_REPLY = '{"reasoning": "looks right", "choice": "Y"}';
const DIMENSIONS = 64;

/**
 * A deterministic embedding: each lower-cased word hashed into one of 64 dimensions. Texts that
 * share words point the same way ("the order shipped" ~ "your order has shipped"); texts that
 * share none are orthogonal (cosine 0).
 */
export function wordEmbedding(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 0;
    for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    vector[hash % DIMENSIONS]! += 1;
  }
  return vector;
}

/**
 * A local model API on 127.0.0.1 (port 0), in this process, answering the way OpenAI's
 * `/chat/completions` and `/embeddings` and Anthropic's `/messages` do, deterministically: for
 * judges and the `similar` scorer in tests. No network, no key checked (the headers are kept).
 */
export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const requests: ModelRequest[] = [];
  let questions = 0;
  let pending429: number | undefined;

  const server = http.createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0]!;
      const request: ModelRequest = { path, kind: kindOf(path), headers: req.headers, body: parseBody(text) };
      requests.push(request);
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(json));
      };
      if (pending429 !== undefined) {
        const seconds = pending429;
        pending429 = undefined;
        send(429, { error: { message: "rate limited", type: "rate_limit_error" } }, { "retry-after": String(seconds) });
        return;
      }
      if (request.kind === "embeddings") {
        send(200, embeddingsResponse(request.body, options));
      } else if (request.kind === "chat" || request.kind === "messages") {
        const question = questionOf(request);
        void Promise.resolve((options.reply ?? (() => DEFAULT_REPLY))(question, questions++)).then((reply) => {
          if (typeof reply === "object" && "status" in reply) {
            send(reply.status, reply.json ?? { error: { message: `scripted ${reply.status}` } }, reply.headers);
            return;
          }
          const answer = typeof reply === "string" ? { text: reply } : reply;
          send(200, request.kind === "chat" ? chatResponse(question, answer, options) : messagesResponse(question, answer, options));
        });
      } else {
        send(404, { error: { message: `no route ${path}` } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("model server has no port");

  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    requests,
    count: (kind) => requests.filter((request) => request.kind === kind).length,
    failNextWith429: (seconds) => {
      pending429 = seconds;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function kindOf(path: string): ModelRequest["kind"] {
  if (path.endsWith("/chat/completions")) return "chat";
  if (path.endsWith("/messages")) return "messages";
  if (path.endsWith("/embeddings")) return "embeddings";
  return "unknown";
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface Message {
  role: string;
  content: string;
}

function questionOf(request: ModelRequest): JudgeQuestion {
  const body = request.body as { model?: string; system?: string; messages?: Message[] };
  const messages = body.messages ?? [];
  const system = request.kind === "messages" ? (body.system ?? "") : (messages.find((m) => m.role === "system")?.content ?? "");
  const user = messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
  return { kind: request.kind as JudgeQuestion["kind"], model: body.model ?? "", system, user, request };
}

type Answer = Exclude<ModelReply, string | { status: number }>;

function chatResponse(question: JudgeQuestion, answer: Answer, options: ModelServerOptions): unknown {
  const usage = answer.usage ?? options.usage ?? { input: 20, output: 8 };
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    model: question.model,
    choices: [{ index: 0, message: { role: "assistant", content: answer.text }, finish_reason: "stop" }],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
    ...(answer.cost !== undefined ? { cost: answer.cost } : {}),
  };
}

function messagesResponse(question: JudgeQuestion, answer: Answer, options: ModelServerOptions): unknown {
  const usage = answer.usage ?? options.usage ?? { input: 20, output: 8 };
  return {
    id: "msg_test",
    type: "message",
    role: "assistant",
    model: question.model,
    content: [{ type: "text", text: answer.text }],
    stop_reason: "end_turn",
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  };
}

function embeddingsResponse(body: unknown, options: ModelServerOptions): unknown {
  const { input, model } = body as { input: string | string[]; model?: string };
  const texts = Array.isArray(input) ? input : [input];
  const embed = options.embed ?? wordEmbedding;
  const tokens = texts.length * (options.embeddingTokens ?? 5);
  return {
    object: "list",
    model,
    data: texts.map((text, index) => ({ object: "embedding", index, embedding: embed(text) })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
