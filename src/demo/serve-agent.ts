import http from "node:http";
import type { AddressInfo } from "node:net";
import { answer, type AgentVersion } from "./support-agent.js";

export interface ExampleDeployment {
  /** Base URL of each version: `${url}/baseline`, `${url}/candidate`. */
  url: string;
  close(): Promise<void>;
}

/**
 * The example deployment on 127.0.0.1: POST /{baseline|candidate}/api/agent with evalgate's
 * request, and POST /judge/chat/completions, an OpenAI-compatible judge for the demo's llm_judge.
 */
export async function serveExampleDeployment(): Promise<ExampleDeployment> {
  const server = http.createServer((request, response) => {
    if (request.method === "POST" && request.url === "/judge/chat/completions") {
      readJson(request).then((body) => respondJson(response, judge(body)), () => respondJson(response, { error: "body is not JSON" }, 400));
      return;
    }
    const match = /^\/(baseline|candidate)\/api\/agent$/.exec(request.url ?? "");
    if (request.method !== "POST" || !match) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      let message: string;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { input?: { message?: unknown } };
        message = String(body.input?.message ?? "");
      } catch {
        response.writeHead(400, { "content-type": "application/json" }).end('{"error":"body is not JSON"}');
        return;
      }
      const reply = answer(message, match[1] as AgentVersion);
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      }, reply.latency_ms);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function respondJson(response: http.ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/**
 * A deterministic stand-in for a judge model, so the demo needs no API key: it answers N when the
 * agent's answer has text before its JSON ("Sure! {…}"), else Y, in the chat-completions shape.
 */
function judge(body: unknown): unknown {
  const messages = (body as { messages?: { content?: unknown }[] }).messages ?? [];
  const prompt = messages.map((message) => String(message.content ?? "")).join("\n");
  const chatty = /Sure! \{/.test(prompt);
  const verdict = chatty
    ? { reasoning: "The answer starts with small talk before its JSON.", choice: "N" }
    : { reasoning: "The answer is the JSON alone.", choice: "Y" };
  const content = JSON.stringify(verdict);
  return {
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: Math.ceil(content.length / 4) },
  };
}
