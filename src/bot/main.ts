import type { AddressInfo } from "node:net";
import { readBotSettings } from "./bot-settings.js";
import { createBotServer } from "./server.js";

/** The evalgate GitHub App's webhook server: `npm start` (the bundle, via index.ts) or `npm run bot` (from source). */
async function main(): Promise<void> {
  const settings = readBotSettings(process.env);
  const server = await createBotServer(settings.server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, resolve);
  });
  const address = server.address() as AddressInfo;
  console.log(`evalgate bot listening on http://${settings.host ?? "0.0.0.0"}:${address.port} (webhooks at /api/github/webhooks, health at /healthz)`);
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`evalgate bot: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
