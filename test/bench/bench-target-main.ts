/**
 * The benchmark's target in its own process: startTarget() (test/helpers/target-server.ts) plus
 * what a benchmark reads from outside. Prints the URL on the first stdout line; answers
 * `{type: "stats"}` over IPC with the request count and the first request's arrival time, and
 * `{type: "reset"}` by forgetting that time (the next run's first request is then recorded); exits on
 * SIGTERM or when its parent goes away.
 *
 * `node --import tsx bench-target-main.ts '<BenchTargetOptions JSON>'`
 */
import { startTarget } from "../helpers/target-server.js";
import type { BenchTargetOptions, BenchTargetStats } from "./bench-target.js";

const options = JSON.parse(process.argv[2] ?? "{}") as BenchTargetOptions;
let firstRequestAt: number | undefined;
const server = await startTarget({
  latencyMs: options.latencyMs,
  keepBodies: 0,
  // `respond` runs once a request's body has arrived: the arrival time of the first one is the
  // moment the runner under measurement sent its first call (loopback adds microseconds).
  respond: (body) => {
    firstRequestAt ??= performance.timeOrigin + performance.now();
    return answerFor(body);
  },
});
process.stdout.write(`${server.url}\n`);

/**
 * The echo answer, except every `failEvery`-th item (by the number in its id) answers text without
 * the question: a second run then differs from the first, as a candidate differs from a baseline.
 */
function answerFor(body: unknown): { json?: unknown } {
  if (options.failEvery === undefined) return {};
  const id = body !== null && typeof body === "object" && "item_id" in body ? String(body.item_id) : "";
  const index = Number(/(\d+)$/.exec(id)?.[1] ?? NaN);
  if (index % options.failEvery !== 0) return {};
  return { json: { output: "no answer", usage: { input_tokens: 10, output_tokens: 2, total_tokens: 12 } } };
}

process.on("message", (message: { type?: string }) => {
  if (message.type === "reset") {
    firstRequestAt = undefined;
    process.send?.({ reset: true });
    return;
  }
  if (message.type !== "stats") return;
  const stats: BenchTargetStats = { requests: server.requests, ...(firstRequestAt !== undefined ? { firstRequestAt } : {}) };
  process.send?.(stats);
});
const stop = () => {
  void server.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("disconnect", stop);
