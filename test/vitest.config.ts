import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers and processes; two workers match the 2-core CI machine.
    maxWorkers: 2,
    // A throw-away PostgreSQL cluster for the PostgreSQL store's tests (EVALGATE_TEST_PG_URL to bring your own).
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
  },
});
