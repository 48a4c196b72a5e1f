import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import type {} from "./postgres.js";

/**
 * vitest global setup: one PostgreSQL cluster for the whole run, provided to test files as
 * `postgresUrl` (read it with `postgresUrl()` from ./postgres.ts).
 *
 * - `EVALGATE_TEST_PG_URL` set: that server is used as is, nothing is started.
 * - Else, PostgreSQL installed: a throw-away cluster in a temporary directory, started with
 *   scripts/postgres-cluster.sh (a free 127.0.0.1 port, trust auth, an unprivileged user when
 *   root), stopped and removed at teardown.
 * - Else: nothing is provided and `describeWithPostgres` suites skip, printing why; with
 *   `EVALGATE_REQUIRE_POSTGRES=1` this setup throws instead, failing the run before any test.
 */
export default async function setupPostgres(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.EVALGATE_TEST_PG_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return undefined;
  }

  const dir = await mkdtemp(join(tmpdir(), "evalgate-pg-"));
  const started = await runClusterScript("start", dir);
  if (started.code === 0) {
    project.provide("postgresUrl", started.stdout.trim());
    return async () => {
      const stopped = await runClusterScript("stop", dir);
      await rm(dir, { recursive: true, force: true });
      if (stopped.code !== 0) throw new Error(`stopping the test PostgreSQL cluster failed: ${stopped.stderr.trim()}`);
    };
  }

  await rm(dir, { recursive: true, force: true });
  const reason =
    started.code === NOT_INSTALLED
      ? "PostgreSQL is not installed here (Debian/Ubuntu: apt-get install -y postgresql) and EVALGATE_TEST_PG_URL is not set"
      : `the throw-away PostgreSQL cluster did not start: ${started.stderr.trim()}`;
  if (process.env.EVALGATE_REQUIRE_POSTGRES === "1") throw new Error(`EVALGATE_REQUIRE_POSTGRES=1, but ${reason}`);
  if (started.code !== NOT_INSTALLED) console.warn(`PostgreSQL tests will be skipped: ${reason}`);
  project.provide("postgresSkipReason", reason);
  return undefined;
}

/** The script's exit code for "PostgreSQL's server binaries are not installed". */
const NOT_INSTALLED = 3;

const clusterScript = fileURLToPath(new URL("../../scripts/postgres-cluster.sh", import.meta.url));

interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runClusterScript(command: "start" | "stop", dir: string): Promise<ScriptResult> {
  return new Promise((resolve) => {
    // initdb and a start take about 1.5 s here; 2 minutes covers a loaded CI machine.
    execFile("bash", [clusterScript, command, dir], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr: error !== null && code === 1 && stderr === "" ? error.message : stderr });
    });
  });
}
