/**
 * Runs startTarget() in its own process: `node --import tsx target-server-main.ts '<options JSON>'`.
 * Prints the URL on the first stdout line; answers `{type: "stats"}` over IPC with the request
 * count; exits on SIGTERM or when its parent goes away.
 */
import { startTarget } from "./target-server.js";
import type { TargetServerOptions } from "./target-server.js";

const options = JSON.parse(process.argv[2] ?? "{}") as Omit<TargetServerOptions, "respond">;
const server = await startTarget({ ...options, keepBodies: options.keepBodies ?? 0 });
process.stdout.write(`${server.url}\n`);

process.on("message", (message: { type?: string }) => {
  if (message.type === "stats") process.send?.({ requests: server.requests });
});
const stop = () => {
  void server.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("disconnect", stop);
