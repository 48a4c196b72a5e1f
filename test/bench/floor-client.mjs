// The machine's floor for `npm run bench`: the least a runner can do to make N calls of a target at
// concurrency C — C loops over one keep-alive connection pool, each sending the next POST with a
// body shaped like evalgate's and reading the answer, nothing else (no dataset, scoring or store).
// The floor uses undici's Pool; `node-http` uses node:http with a keep-alive Agent, the
// client evalgate's HTTP target is built on (undici waits one event-loop turn before it reuses a
// connection, so the two floors differ). Plain JavaScript so that no transpiler starts with it: its
// process time compares with evalgate's.
// `node floor-client.mjs URL N C [undici|node-http]`; prints `{"loopS": …, "failed": …}` on stdout.
import http from "node:http";
import { Pool } from "undici";

const [url, itemsText, concurrencyText, client = "undici"] = process.argv.slice(2);
const items = Number(itemsText);
const concurrency = Number(concurrencyText);
const target = new URL(url);
const headers = { "content-type": "application/json", accept: "application/json" };

const pool = client === "undici" ? new Pool(target.origin, { connections: concurrency, pipelining: 1 }) : undefined;
const agent = client === "node-http" ? new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency }) : undefined;
if (!pool && !agent) throw new Error(`unknown client ${client}: undici or node-http`);

/** One POST; resolves with the status once the whole answer has been read. */
async function post(body) {
  if (pool) {
    const { statusCode, body: answer } = await pool.request({ path: target.pathname, method: "POST", headers, body });
    await answer.text();
    return statusCode;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent });
    req.on("error", reject);
    req.on("response", (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(res.statusCode));
    });
    req.end(body);
  });
}

let next = 0;
let failed = 0;
async function lane() {
  while (next < items) {
    const i = next++;
    const body = JSON.stringify({
      input: { question: `question ${i}: what is ${i} + ${i}?` },
      item_id: `item-${i}`,
      run_id: "floor",
      experiment: { name: "bench" },
    });
    if ((await post(body)) !== 200) failed++;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, lane));
const loopS = (performance.now() - started) / 1000;
await pool?.close();
agent?.destroy();
process.stdout.write(`${JSON.stringify({ loopS, failed })}\n`);
