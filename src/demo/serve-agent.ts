import http from "node:http";
import type { AddressInfo } from "node:net";
import { answer, type AgentVersion } from "./support-agent.js";

export interface ExampleDeployment {
  /** Base URL of each version: `${url}/baseline`, `${url}/candidate`. */
  url: string;
  close(): Promise<void>;
}

/** The example deployment on 127.0.0.1: POST /{baseline|candidate}/api/agent with evalgate's request. */
export async function serveExampleDeployment(): Promise<ExampleDeployment> {
  const server = http.createServer((request, response) => {
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
