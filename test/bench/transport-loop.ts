/**
 * Compares HTTP transports in isolation: N POSTs at concurrency C against URL through the target's
 * transport, each answer parsed as JSON, as a target call does. Run each mode as its own process
 * and compare whole-process CPU and wall time pair by pair (the machine is shared and noisy):
 * `node --import tsx test/bench/transport-loop.ts MODE URL N C`, MODE `evalgate` (the targets'
 * HttpTransport), `undici-dispatch` (undici-transport.ts: the same contract on undici's Agent),
 * `undici-request` (undici's request() API) or `node-http` (a bare keep-alive http.Agent loop).
 */
import { Agent } from "undici";
import { HttpTransport, endpointOf, type HttpExchange, type HttpSend } from "../../src/engine/targets/http-transport.js";
import http from "node:http";
import { benchItem } from "./bench-project.js";
import { UndiciTransport } from "./undici-transport.js";

const [mode, url, itemsText, concurrencyText] = process.argv.slice(2);
const items = Number(itemsText);
const concurrency = Number(concurrencyText);
const agent = new Agent({ connections: concurrency, headersTimeout: 0, bodyTimeout: 0 });
// undici's own request(): a body stream and promises per call, the library's everyday API.
const requestApi = {
  async send(request: HttpSend): Promise<HttpExchange> {
    const { statusCode, headers, body } = await agent.request({
      origin,
      path: request.endpoint.path,
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    return { status: statusCode, headers: headers as HttpExchange["headers"], text: await body.text() };
  },
  close(): void {
    void agent.destroy();
  },
};
// node:http with a keep-alive agent sized to the concurrency, and nothing else.
const nodeAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
const nodeHttp = {
  send(request: HttpSend): Promise<HttpExchange> {
    const url = new URL(request.endpoint.path, origin);
    return new Promise((resolve, reject) => {
      const req = http.request(url, {
        method: request.method,
        headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) },
        agent: nodeAgent,
      });
      req.on("error", reject);
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.end(request.body);
    });
  },
  close(): void {
    nodeAgent.destroy();
  },
};
const transports = {
  evalgate: () => new HttpTransport(concurrency),
  "undici-dispatch": () => new UndiciTransport(concurrency),
  "undici-request": () => requestApi,
  "node-http": () => nodeHttp,
};
if (!(mode! in transports)) throw new Error(`mode must be one of ${Object.keys(transports).join(", ")}`);
const transport = transports[mode as keyof typeof transports]();
const endpoint = endpointOf(new URL(url!));
const origin = new URL(url!).origin;
const headers = { "content-type": "application/json", accept: "application/json" };
const signal = new AbortController().signal;

let next = 0;
let failed = 0;
async function lane(): Promise<void> {
  while (next < items) {
    const item = benchItem(next++);
    const body = JSON.stringify({ input: item.input, item_id: item.id, run_id: "loop", experiment: { name: "bench" } });
    const exchange = await transport.send({ endpoint, method: "POST", headers, body, timeoutMs: 10_000, signal });
    JSON.parse(exchange.text);
    if (exchange.status !== 200) failed++;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, lane));
process.stderr.write(`${mode}: ${items} requests in ${((performance.now() - started) / 1000).toFixed(3)} s, ${failed} failed\n`);
await transport.close();
